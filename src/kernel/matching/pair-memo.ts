/**
 * Remembers a comparison of two interned objects (name words are shared, frozen objects: the
 * token cache and the index hand out one per distinct word). A screening query compares its
 * few words with a few hundred candidates' words, most of them common first and family
 * names seen in earlier queries too: remembered, each pair is computed once.
 * Bounded: a word's memo is cleared when it holds `perKey` pairs; a word no longer in use is
 * forgotten with it (WeakMap).
 */
export function memoisePairs<K extends object, V>(compare: (a: K, b: K) => V, perKey = 4096): (a: K, b: K) => V {
  const memo = new WeakMap<K, Map<K, V>>();
  return (a, b) => {
    let inner = memo.get(a);
    if (!inner) {
      inner = new Map();
      memo.set(a, inner);
    }
    let value = inner.get(b);
    if (value === undefined) {
      if (inner.size >= perKey) inner.clear();
      value = compare(a, b);
      inner.set(b, value);
    }
    return value;
  };
}
