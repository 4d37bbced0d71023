/**
 * Jaro–Winkler similarity in 0..1. Written by hand: it is the innermost loop of name
 * scoring (millions of calls per batch), it is twenty lines, and the packages offering it
 * either allocate per call or pull in large toolkits (talisman).
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedB = new Uint8Array(lb);
  const matchesA: number[] = [];
  for (let i = 0; i < la; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (!matchedB[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedB[j] = 1;
        matchesA.push(i);
        break;
      }
    }
  }
  const m = matchesA.length;
  if (m === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let j = 0; j < lb; j += 1) {
    if (!matchedB[j]) continue;
    if (a.charCodeAt(matchesA[k] ?? 0) !== b.charCodeAt(j)) transpositions += 1;
    k += 1;
  }
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Optimal-string-alignment edit distance: insertions, deletions, substitutions and swaps of
 * neighbouring letters each count one. Written by hand because typing errors are most often
 * swaps ('Jonh'), which the Levenshtein packages count as two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let before = new Array<number>(lb + 1).fill(0);
  let previous = Array.from({ length: lb + 1 }, (_, j) => j);
  let current = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i += 1) {
    current[0] = i;
    for (let j = 1; j <= lb; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[lb] ?? 0;
}
