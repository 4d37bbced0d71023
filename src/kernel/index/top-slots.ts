/**
 * The `limit` live slots of highest weight, best first (ties: the older slot first, but among
 * many ties at the cut-off, the first touched). A
 * common-name query touches hundreds of thousands of slots: a full sort would cost more than
 * reading the postings, so the cut-off weight is found first by selection (Hoare's quickselect,
 * linear on average).
 */
export function topSlots(weights: Float32Array, touched: Uint32Array, limit: number, isDead: (slot: number) => boolean): number[] {
  const live: number[] = [];
  let cutoff = -Infinity;
  if (touched.length > limit * 4) {
    const sample = new Float32Array(touched.length);
    for (let i = 0; i < touched.length; i += 1) sample[i] = weights[touched[i] as number] as number;
    cutoff = kthLargest(sample, limit * 2);
  }
  // Ties at the cut-off (thousands of namesakes weigh the same) are taken only as far as needed.
  const atCutoff: number[] = [];
  for (let i = 0; i < touched.length; i += 1) {
    const slot = touched[i] as number;
    const weight = weights[slot] as number;
    if (weight < cutoff || isDead(slot)) continue;
    if (weight > cutoff) live.push(slot);
    else if (atCutoff.length < limit * 2) atCutoff.push(slot);
  }
  live.push(...atCutoff);
  live.sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  return live.slice(0, limit);
}

/** The k-th largest value (1-based) of `values`, which it reorders; -Infinity when there are fewer. */
export function kthLargest(values: Float32Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  if (values.length < k) return -Infinity;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) > pivot) i += 1;
      while ((values[j] as number) < pivot) j -= 1;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target] as number;
}

/**
 * The first position at or after `from` whose value is not below `value` (`values` ascending).
 * Galloping (1, 2, 4, … steps from `from`, then halving): a race of a few hundred entries
 * looked up in a key's hundred thousand holders, in order, moves a short way each time, so
 * this costs the log of the gap, not of the whole list.
 */
export function lowerBound(values: Uint32Array, value: number, from = 0): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < values.length && (values[hi] as number) < value) {
    lo = hi + 1;
    hi = from + step;
    step *= 2;
  }
  if (hi > values.length) hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
