/** A row of block characters for a series, drawn in a Slack message (`▁▃▅█`). Blank points show as `·`. */
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function sparkline(values: ReadonlyArray<number | undefined>, options: { min?: number; max?: number } = {}): string {
  const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (known.length === 0) return values.map(() => '·').join('');
  const min = options.min ?? Math.min(...known);
  const max = options.max ?? Math.max(...known);
  const span = max - min;
  return values
    .map((v) => {
      if (v === undefined || !Number.isFinite(v)) return '·';
      if (span <= 0) return BARS[known.every((k) => k === 0) ? 0 : BARS.length - 1];
      const i = Math.round(((Math.min(max, Math.max(min, v)) - min) / span) * (BARS.length - 1));
      return BARS[i];
    })
    .join('');
}
