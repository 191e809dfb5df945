/**
 * Bench case `ack`: Leadwell's `/oneonone help` ack against a bare Bolt app, both in this process, measured in the
 * same run at concurrency 1, 10 and 50; the ratios are computed within the run (run.ts takes medians of them).
 */
import { slashCommandBody } from '../helpers/signing';
import { startAckTarget, type AckTarget } from './ack-target';
import { round, signedLoad, type LoadFigures } from './load';

const SECRET = 'benchsigningsecret0123456789ab';
const CONCURRENCY = [1, 10, 50];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const ACK_TARGETS = { ratio_rps: 0.9, ratio_p99: 1.2 };

export interface AckCase {
  name: string;
  leadwell: Pick<LoadFigures, 'rps' | 'p50_ms' | 'p99_ms'>;
  bare: Pick<LoadFigures, 'rps' | 'p50_ms' | 'p99_ms'>;
  ratio_rps: number;
  ratio_p99: number;
  /**
   * Beside the target's yardstick, not instead of it: bare Bolt acking with Leadwell's own help message, so the
   * ratios split what the answer's size costs (the same for any app that says as much) from Leadwell's machinery.
   */
  bare_same_body: Pick<LoadFigures, 'rps' | 'p50_ms' | 'p99_ms'> & { ratio_rps: number; ratio_p99: number };
  errors: number;
}

export async function benchAck(): Promise<AckCase[]> {
  const lead = await startAckTarget('leadwell', SECRET);
  const bare = await startAckTarget('bare', SECRET);
  const sameBody = await startAckTarget('bare-help', SECRET);
  // A fresh trigger_id per request: identical signed bodies within a second are replays, which Leadwell ignores.
  let sent = 0;
  const bodyFor = (t: typeof lead) => () =>
    slashCommandBody({ user_id: t.userId, command: '/oneonone', text: 'help', response_url: t.sinkUrl, trigger_id: `${(sent += 1)}.2.bench` });
  const cases: AckCase[] = [];
  try {
    for (const connections of CONCURRENCY) {
      const run = (t: typeof lead, seconds = SECONDS) =>
        signedLoad({ url: `http://127.0.0.1:${t.port}/slack/events`, secret: SECRET, body: bodyFor(t), connections, durationSeconds: seconds });
      await run(lead, 1);
      await run(bare, 1);
      await run(sameBody, 1);
      // Rotate which goes first so drift in the machine's load does not always favour one side.
      const order = [lead, bare, sameBody];
      const shift = CONCURRENCY.indexOf(connections) % order.length;
      const measured = new Map<AckTarget, Awaited<ReturnType<typeof run>>>();
      for (const t of [...order.slice(shift), ...order.slice(0, shift)]) measured.set(t, await run(t));
      const figures = (t: AckTarget) => measured.get(t) as Awaited<ReturnType<typeof run>>;
      const [l, r, s] = [figures(lead), figures(bare), figures(sameBody)];
      cases.push({
        name: `slash command ack, concurrency ${connections}`,
        leadwell: { rps: l.rps, p50_ms: l.p50_ms, p99_ms: l.p99_ms },
        bare: { rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms },
        ratio_rps: round(l.rps / Math.max(r.rps, 0.01)),
        // autocannon reports whole milliseconds: below 1 ms both sides count as 1 ms, not as a 0/0 ratio.
        ratio_p99: round(Math.max(l.p99_ms, 1) / Math.max(r.p99_ms, 1)),
        bare_same_body: { rps: s.rps, p50_ms: s.p50_ms, p99_ms: s.p99_ms, ratio_rps: round(l.rps / Math.max(s.rps, 0.01)), ratio_p99: round(Math.max(l.p99_ms, 1) / Math.max(s.p99_ms, 1)) },
        errors: l.errors + l.non2xx + r.errors + r.non2xx + s.errors + s.non2xx,
      });
    }
  } finally {
    await lead.stop();
    await bare.stop();
    await sameBody.stop();
  }
  return cases;
}

export function printAck(cases: AckCase[]): void {
  console.log('\ncase                                   leadwell rps  p50   p99 | bare rps  p50   p99 | ratio rps  ratio p99');
  for (const c of cases) {
    const l = c.leadwell;
    const b = c.bare;
    console.log(
      `${c.name.padEnd(38)} ${String(l.rps).padStart(8)} ${String(l.p50_ms).padStart(5)} ${String(l.p99_ms).padStart(5)} | ` +
        `${String(b.rps).padStart(8)} ${String(b.p50_ms).padStart(4)} ${String(b.p99_ms).padStart(5)} | ` +
        `${String(c.ratio_rps).padStart(9)} ${String(c.ratio_p99).padStart(10)} | same body: ${c.bare_same_body.rps} rps, ` +
        `ratio ${c.bare_same_body.ratio_rps} / ${c.bare_same_body.ratio_p99}${c.errors ? `  errors=${c.errors}` : ''}`,
    );
  }
  console.log(`targets: ratio_rps >= ${ACK_TARGETS.ratio_rps}, ratio_p99 <= ${ACK_TARGETS.ratio_p99} (medians over runs)\n`);
}
