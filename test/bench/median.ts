/**
 * Folds several runs of one bench case into one result: every number becomes the median of that number across
 * the runs (so a ratio is the median of ratios each computed within its own run, never a ratio of medians),
 * a boolean is what most runs said, anything else is taken from the first run.
 */
export function medianOf(runs: unknown[]): unknown {
  const first = runs[0];
  if (typeof first === 'number') return median(runs as number[]);
  if (typeof first === 'boolean') return (runs as boolean[]).filter(Boolean).length * 2 > runs.length;
  if (Array.isArray(first)) return first.map((_, i) => medianOf(runs.map((r) => (r as unknown[])[i])));
  if (first && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((k) => [k, medianOf(runs.map((r) => (r as Record<string, unknown>)[k]))]));
  }
  return first;
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : Math.round((((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2) * 100) / 100;
}
