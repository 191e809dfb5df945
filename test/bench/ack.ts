/**
 * Bench case `ack`: Leadwell's `/oneonone help` ack against a bare Bolt app, both in this process, measured in the
 * same run at concurrency 1, 10 and 50; the ratios are computed within the run (run.ts takes medians of them).
 */
import { slashCommandBody } from '../helpers/signing';
import { startAckTarget } from './ack-target';
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
  errors: number;
}

export async function benchAck(): Promise<AckCase[]> {
  const lead = await startAckTarget('leadwell', SECRET);
  const bare = await startAckTarget('bare', SECRET);
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
      // Alternate which goes first so drift in the machine's load does not always favour one side.
      const bareFirst = connections % 2 === 0;
      const a = await run(bareFirst ? bare : lead);
      const b = await run(bareFirst ? lead : bare);
      const [l, r] = bareFirst ? [b, a] : [a, b];
      cases.push({
        name: `slash command ack, concurrency ${connections}`,
        leadwell: { rps: l.rps, p50_ms: l.p50_ms, p99_ms: l.p99_ms },
        bare: { rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms },
        ratio_rps: round(l.rps / Math.max(r.rps, 0.01)),
        // autocannon reports whole milliseconds: below 1 ms both sides count as 1 ms, not as a 0/0 ratio.
        ratio_p99: round(Math.max(l.p99_ms, 1) / Math.max(r.p99_ms, 1)),
        errors: l.errors + l.non2xx + r.errors + r.non2xx,
      });
    }
  } finally {
    await lead.stop();
    await bare.stop();
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
        `${String(c.ratio_rps).padStart(9)} ${String(c.ratio_p99).padStart(10)}${c.errors ? `  errors=${c.errors}` : ''}`,
    );
  }
  console.log(`targets: ratio_rps >= ${ACK_TARGETS.ratio_rps}, ratio_p99 <= ${ACK_TARGETS.ratio_p99} (medians over runs)\n`);
}
