// Scratch rows shared by every call (single-threaded): these run for every pair of words
// scored, and allocating per call was a sixth of scoring's time.
let matchedB = new Uint8Array(64);
let matchesA = new Int32Array(64);
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

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
  if (matchedB.length < lb || matchesA.length < la) {
    matchedB = new Uint8Array(Math.max(lb, la) * 2);
    matchesA = new Int32Array(Math.max(lb, la) * 2);
  }
  matchedB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let m = 0;
  for (let i = 0; i < la; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (!matchedB[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedB[j] = 1;
        matchesA[m++] = i;
        break;
      }
    }
  }
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
 *
 * With `max`, stops as soon as the distance must exceed it and returns `max + 1`: a scorer
 * asking whether two words are within a few edits need not finish the table.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if ((rows[0] as Int32Array).length <= lb) rows = [new Int32Array(lb * 2), new Int32Array(lb * 2), new Int32Array(lb * 2)];
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= lb; j += 1) previous[j] = j;
  for (let i = 1; i <= la; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // A swap reaches back two rows: stop only when both are past the bound.
    if (rowMin > max && i > 1 && minOf(previous, lb) > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  const distance = previous[lb] as number;
  return distance > max ? max + 1 : distance;
}

function minOf(row: Int32Array, last: number): number {
  let min = row[0] as number;
  for (let j = 1; j <= last; j += 1) if ((row[j] as number) < min) min = row[j] as number;
  return min;
}
