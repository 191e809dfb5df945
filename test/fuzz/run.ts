import { startHarness, SIGNING_SECRET, type Harness } from '../helpers/harness';
import { signRequest } from '../../tools/emulator/signing';
import { projectRoot } from '../../src/project-root';
import { appIds } from './ids';
import { baseInput, KINDS, type Ctx } from './inputs';
import { fuzzInput, type FuzzInput } from './mutate';
import { createRng } from './rng';

export interface FuzzOptions {
  seed: number;
  /** Inputs over HTTP. */
  runs: number;
  /** Inputs over Socket Mode (a shorter run: envelopes come only from Slack's authenticated connection). */
  socketRuns: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  byStrategy: Record<string, number>;
  crashes: number;
  serverErrors: number;
  unacknowledged: number;
  wrongAnswers: number;
  rowsFromInvalid: number;
  listenerErrors: number;
  listenerErrorSamples: string[];
  ms: number;
  findings: string[];
}

const ACK_MS = 3000;
const BATCH = 200;

function headersFor(input: FuzzInput): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const sig = (ts: number, secret = SIGNING_SECRET) => ({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signRequest(secret, ts, input.body) });
  const base = { 'content-type': input.contentType };
  switch (input.signing) {
    case 'good':
      return { ...base, ...sig(now) };
    case 'none':
      return base;
    case 'wrong_secret':
      return { ...base, ...sig(now, 'not-the-signing-secret') };
    case 'future':
      return { ...base, ...sig(now + 600) };
    case 'stale':
      return { ...base, ...sig(now - 600) };
    case 'garbled':
      return { ...base, 'x-slack-request-timestamp': 'soon', 'x-slack-signature': 'v1=zz' };
  }
}

async function post(url: string, input: FuzzInput): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  try {
    const res = await fetch(url, { method: 'POST', headers: headersFor(input), body: input.body, signal: AbortSignal.timeout(8000) });
    await res.arrayBuffer();
    return { status: res.status, ms: Date.now() - started };
  } catch {
    return { status: 0, ms: Date.now() - started };
  }
}

/** Row counts of every table: invalid input must leave all of them as they were. */
export async function tableCounts(h: Harness): Promise<Record<string, number>> {
  const tables = await h.query<{ name: string }>(
    h.engine === 'postgres'
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await h.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`))[0]?.n ?? 0);
  return counts;
}

/** Waits until the app has stopped calling Slack (work after an ack has finished) so row counts are attributable. */
export async function quiet(h: Harness): Promise<void> {
  let last = -1;
  for (let i = 0; i < 40 && last !== h.emulator.calls.length; i += 1) {
    last = h.emulator.calls.length;
    await new Promise((r) => setTimeout(r, 120));
  }
}

function ctxFor(h: Harness, seed: number): Ctx {
  let n = 0;
  const channel = h.emulator.addChannel({ name: `fuzz-${seed}`, botMember: true });
  return { em: h.emulator, rng: createRng(seed), ids: appIds(projectRoot()), users: [h.people.manager, h.people.alice, h.people.bob, h.people.carol, h.people.admin], channel, seq: () => (n += 1) };
}

function judge(input: FuzzInput, got: { status: number; ms: number }, report: FuzzReport): void {
  const finding = (what: string) => report.findings.length < 50 && report.findings.push(`${input.label}: ${what}`);
  if (got.status >= 500) {
    report.serverErrors += 1;
    finding(`HTTP ${got.status}`);
  } else if (got.status === 0 || got.status === 404 || got.ms > ACK_MS) {
    report.unacknowledged += 1;
    finding(`not acknowledged in time (status ${got.status}, ${got.ms} ms)`);
  } else if (got.status !== input.status) {
    report.wrongAnswers += 1;
    finding(`answered ${got.status}, expected ${input.status}`);
  }
}

async function httpBatch(h: Harness, inputs: FuzzInput[], report: FuzzReport): Promise<void> {
  const handled = inputs.filter((i) => i.expect === 'handled');
  const invalid = inputs.filter((i) => i.expect !== 'handled');
  // Valid and hostile requests, a few at a time as Slack would send them.
  for (let i = 0; i < handled.length; i += 4) {
    const group = handled.slice(i, i + 4);
    const results = await Promise.all(group.map((input) => post(h.eventsUrl, input)));
    group.forEach((input, j) => judge(input, results[j]!, report));
  }
  // Invalid requests, once the app is quiet: none may change a single row of any table.
  await quiet(h);
  const before = await tableCounts(h);
  for (const input of invalid) judge(input, await post(h.eventsUrl, input), report);
  await quiet(h);
  const after = await tableCounts(h);
  const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
  if (changed.length > 0) {
    report.rowsFromInvalid += changed.reduce((n, t) => n + Math.abs((after[t] ?? 0) - (before[t] ?? 0)), 0);
    report.findings.push(`invalid inputs ${invalid[0]?.label ?? ''}…${invalid.at(-1)?.label ?? ''} changed rows in ${changed.join(', ')}`);
  }
}

async function alive(h: Harness, report: FuzzReport): Promise<void> {
  const res = await fetch(h.eventsUrl.replace('/slack/events', '/healthz')).catch(() => undefined);
  if (res?.status !== 200) {
    report.crashes += 1;
    report.findings.push(`the app stopped answering /healthz (${res?.status ?? 'no answer'})`);
  }
}

/** Socket Mode: every envelope must be acked within 3 s, and broken or unknown ones must change no row. */
async function socketPhase(seed: number, runs: number, report: FuzzReport): Promise<void> {
  const h = await startHarness({ mode: 'socket' });
  try {
    const ctx = ctxFor(h, seed + 1);
    for (let i = 0; i < runs; i += 1) {
      const input = fuzzInput(ctx, baseInput(ctx, ctx.rng.pick(KINDS)), i);
      const env = input.envelope;
      // @slack/socket-mode itself reads payload.event.type before Bolt: Slack's own envelopes always have it.
      const event = env?.payload.event;
      // Socket Mode has no signature and no raw body: only the envelope's payload can be wrong.
      if (input.strategy === 'auth' || input.strategy === 'junk') continue;
      if (!env || (env.type === 'events_api' && (typeof event !== 'object' || event === null || Array.isArray(event)))) continue;
      report.inputs += 1;
      report.byStrategy[`socket ${input.strategy}`] = (report.byStrategy[`socket ${input.strategy}`] ?? 0) + 1;
      const invalid = input.expect !== 'handled';
      if (invalid) await quiet(h);
      const before = invalid ? await tableCounts(h) : {};
      const started = Date.now();
      const acked = await h.emulator.sendEnvelope(env.type, env.payload).then(() => true, () => false);
      const ms = Date.now() - started;
      if (!acked || ms > ACK_MS) {
        report.unacknowledged += 1;
        report.findings.push(`socket ${input.label}: not acknowledged in time (${acked ? `${ms} ms` : 'no ack'})`);
      }
      if (!invalid) continue;
      await quiet(h);
      const after = await tableCounts(h);
      const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
      if (changed.length > 0) {
        report.rowsFromInvalid += 1;
        report.findings.push(`socket ${input.label}: changed rows in ${changed.join(', ')}`);
      }
    }
    countListenerErrors(h, report);
  } finally {
    await h.stop();
  }
}

/** Errors a listener threw (the user got an apology with a reference id): reported with where they came from. */
function countListenerErrors(h: Harness, report: FuzzReport): void {
  const lines = h.logs.filter((l) => l.includes('"listener failed"'));
  report.listenerErrors += lines.length;
  for (const l of lines.slice(0, 5)) report.listenerErrorSamples.push(l.slice(0, 600));
}

/** The fuzzer: seeded inputs of every kind against the real app over HTTP, then a short Socket Mode run. */
export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const report: FuzzReport = { seed: o.seed, inputs: 0, byStrategy: {}, crashes: 0, serverErrors: 0, unacknowledged: 0, wrongAnswers: 0, rowsFromInvalid: 0, listenerErrors: 0, listenerErrorSamples: [], ms: 0, findings: [] };
  const onCrash = (err: unknown) => {
    report.crashes += 1;
    report.findings.push(`escaped to the process: ${err instanceof Error ? `${err.name}: ${err.stack?.split('\n').slice(0, 3).join(' | ')}` : String(err)}`);
  };
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  const h = await startHarness();
  try {
    const ctx = ctxFor(h, o.seed);
    for (let done = 0; done < o.runs; done += BATCH) {
      const inputs = Array.from({ length: Math.min(BATCH, o.runs - done) }, (_, i) => fuzzInput(ctx, baseInput(ctx, ctx.rng.pick(KINDS)), done + i));
      for (const input of inputs) report.byStrategy[input.strategy] = (report.byStrategy[input.strategy] ?? 0) + 1;
      report.inputs += inputs.length;
      await httpBatch(h, inputs, report);
      await alive(h, report);
      o.log?.(`  ${done + inputs.length}/${o.runs} over HTTP, ${report.findings.length} findings, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    countListenerErrors(h, report);
  } finally {
    await h.stop();
  }
  if (o.socketRuns > 0) await socketPhase(o.seed, o.socketRuns, report);
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  report.ms = Date.now() - started;
  return report;
}
