/**
 * Bench case `scale`: does a manager wait longer as history grows? App Home publish p99 and prep cards end to end
 * (p50, p99, cards/s) at 10k, 100k and 1M activity rows, with the same 10,000 people each time, and the ratio of
 * the largest to the smallest. Target: ratio ≤ 1.2 (cost flat in history). Activity rows: for App Home the
 * five logged tables as app-home.ts splits them; for prep cards 40% 1:1s, 40% their action items, 20% kudos
 * and kudos recipients. Sizes can be changed with BENCH_SCALE_ROWS=10000,100000.
 */
import { benchAppHome } from './app-home';
import { benchPrepCards } from './prep-cards';

const SIZES = (process.env.BENCH_SCALE_ROWS ?? '10000,100000,1000000').split(',').map(Number);
const TARGET_RATIO = 1.2;

export interface ScalePoint {
  rows: number;
  home_p99_ms: number;
  prep_e2e_p50_ms: number;
  prep_e2e_p99_ms: number;
  prep_cards_per_second: number;
  prep_failures: number;
}

export interface ScaleCurve {
  name: string;
  points: ScalePoint[];
  /** Largest over smallest: latency ratios, and the smallest's throughput over the largest's (> 1 = slower). */
  home_p99_ratio: number;
  prep_e2e_p99_ratio: number;
  prep_rate_ratio: number;
  target_ratio: number;
  ok: boolean;
}

const round = (n: number) => Math.round(n * 100) / 100;
// Sub-millisecond figures count as 1 ms, so the ratio of two tiny numbers is not read as growth.
const ratio = (large: number, small: number) => round(Math.max(large, 1) / Math.max(small, 1));

export async function benchScaleCurve(): Promise<ScaleCurve> {
  const points: ScalePoint[] = [];
  for (const rows of SIZES) {
    const home = await benchAppHome({ events: rows, opens: 1500, postgres: false });
    const prep = await benchPrepCards({ oneOnOnes: Math.round(rows * 0.4), kudos: Math.round(rows * 0.1), ackRounds: 0, durationMs: 4000, postgres: false });
    points.push({
      rows, home_p99_ms: home.p99_ms, prep_e2e_p50_ms: prep.e2e_p50_ms, prep_e2e_p99_ms: prep.e2e_p99_ms, prep_cards_per_second: prep.prepCardsPerSecond, prep_failures: prep.failures,
    });
  }
  const [small, large] = [points[0] as ScalePoint, points[points.length - 1] as ScalePoint];
  const result = {
    name: `scale curve ${small.rows}→${large.rows} activity rows`,
    points,
    home_p99_ratio: ratio(large.home_p99_ms, small.home_p99_ms),
    prep_e2e_p99_ratio: ratio(large.prep_e2e_p99_ms, small.prep_e2e_p99_ms),
    prep_rate_ratio: round(small.prep_cards_per_second / Math.max(large.prep_cards_per_second, 0.01)),
    target_ratio: TARGET_RATIO,
  };
  const flat = Math.max(result.home_p99_ratio, result.prep_e2e_p99_ratio, result.prep_rate_ratio) <= TARGET_RATIO;
  return { ...result, ok: flat && points.every((p) => p.prep_failures === 0) };
}
