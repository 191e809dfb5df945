/**
 * Moves the k-th smallest value of `a[lo..hi]` to index k, smaller ones before it and larger after (Hoare's
 * selection, as in Wirth's "Algorithms + Data Structures"): linear on average, where sorting the ~250,000 gaps of a
 * 24-month organisation was the dashboard's largest cost (issue #20). If a pathological order keeps it from
 * narrowing, the rest is sorted instead, so the worst case stays n log n.
 */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  for (let round = 0; lo < hi; round += 1) {
    if (round > 64) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const x = a[k] as number;
    let i = lo;
    let j = hi;
    do {
      while ((a[i] as number) < x) i += 1;
      while (x < (a[j] as number)) j -= 1;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
}

/** The middle value (the mean of the two middle ones for an even count), exactly as sorting and picking gives it. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const a = Float64Array.from(values);
  const mid = Math.floor(a.length / 2);
  select(a, mid);
  const upper = a[mid] as number;
  if (a.length % 2 === 1) return upper;
  let lower = -Infinity; // everything before `mid` is at most a[mid]: the largest of them is the lower middle
  for (let i = 0; i < mid; i += 1) if ((a[i] as number) > lower) lower = a[i] as number;
  return (lower + upper) / 2;
}
