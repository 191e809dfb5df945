import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { openDatabase } from '../../src/storage/database';
import { OUTBOX_METADATA_TYPE } from '../../src/slack/outbox-transport';
import { createRng, type Rng } from '../fuzz/rng';
import { freePort } from '../helpers/free-port';

/**
 * Crash safety, proven (issue 18): the real app runs as a child process against this process's emulator and is
 * killed with SIGKILL at random points of the send cycle (right after a claim, right before the posting call,
 * with the call in flight, after Slack accepted it, after it was recorded), `kills` times with a fixed seed.
 * Every run adds kudos; the first plans weekly nudges, pulses and goal reminders. Afterwards every planned
 * message must have reached Slack exactly once, or be marked uncertain (and then at most once); none lost.
 */
const SECRET = 'chaossigningsecret0123456789abcd';
const TOKEN = 'xoxb-chaos-1-2';
/** Monday 2 November 2026, 11:00 UTC: the weekly slot (09:00) has passed, pulses (10–16 on early weekdays) and reminders are due. */
const BASE = Date.UTC(2026, 10, 2, 11, 0);
const MODES = ['claimed', 'committing', 'in-flight', 'posted', 'settled'] as const;
type Mode = (typeof MODES)[number];

export interface ChaosReport {
  seed: number;
  kills: number;
  killsByMode: Record<Mode, number>;
  killsByKind: Record<string, number>;
  runs: number;
  planned: number;
  plannedByKind: Record<string, number>;
  sentOnce: number;
  uncertain: number;
  uncertainDelivered: number;
  skipped: number;
  failed: number;
  duplicates: number;
  lost: number;
  problems: string[];
  seconds: number;
}

interface Org {
  managers: Array<{ id: string; reports: string[] }>;
  goalOwners: string[];
  everyone: string[];
}

function seedSlack(emulator: Emulator, managers: number, reportsEach: number): Org {
  const org: Org = { managers: [], goalOwners: [], everyone: [] };
  for (let m = 0; m < managers; m += 1) {
    const manager = emulator.addUser({ name: `manager${m}`, tz: 'UTC' }).id;
    const reports = Array.from({ length: reportsEach }, (_, r) => emulator.addUser({ name: `report${m}x${r}`, tz: 'UTC' }).id);
    org.managers.push({ id: manager, reports });
    org.goalOwners.push(reports[0]!);
    org.everyone.push(manager, ...reports);
  }
  emulator.addChannel({ name: 'kudos', botMember: false });
  return org;
}

interface Child {
  dir: string;
  file: string;
  apiUrl: string;
  org: Org;
  epoch: number;
}

function runChild(c: Child, o: { phase?: 'seed'; kill?: string; kudos?: unknown[] }): Promise<'killed' | 'done'> {
  return freePort().then(
    (port) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'child.ts')], {
          cwd: path.join(__dirname, '..', '..'),
          stdio: ['ignore', 'ignore', 'pipe'],
          env: {
            PATH: process.env.PATH,
            SLACK_BOT_TOKEN: TOKEN,
            SLACK_SIGNING_SECRET: SECRET,
            LEADWELL_SECRET: 'chaos-pulse-secret-0123456789abcdef0123456789abcdef',
            PORT: String(port),
            SLACK_API_URL: c.apiUrl,
            DATABASE_PATH: c.file,
            KUDOS_CHANNEL: '#kudos',
            NUDGE_RATE_PER_MINUTE: '6000',
            KUDOS_DAILY_CAP: '100',
            OUTBOX_LEASE_SECONDS: '1',
            CHAOS_BASE: String(BASE),
            CHAOS_EPOCH: String(c.epoch),
            CHAOS_PHASE: o.phase ?? 'send',
            CHAOS_KILL: o.kill ?? '',
            CHAOS_WORK: JSON.stringify({ managers: c.org.managers, goalOwners: c.org.goalOwners, kudos: o.kudos ?? [] }),
          },
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          if (signal === 'SIGKILL') resolve('killed');
          else if (code === 0) resolve('done');
          else reject(new Error(`chaos child failed (code ${code}): ${stderr.slice(-2000)}`));
        });
      }),
  );
}

function kudosFor(rng: Rng, org: Org, run: number): unknown[] {
  return [0, 1].map((n) => {
    const team = rng.pick(org.managers);
    const giver = rng.pick(team.reports);
    const others = org.everyone.filter((id) => id !== giver);
    const to = [...new Set([rng.pick(others), rng.pick(others)])];
    return { key: `chaos:${run}:${n}`, giver, to, text: `Chaos run ${run}.${n}: thanks for keeping the release calm.` };
  });
}

/** Messages Slack holds per outbox row, from the metadata every outbox post carries. */
function deliveredPerRow(emulator: Emulator): Map<number, number> {
  const counts = new Map<number, number>();
  for (const list of emulator.state.messages.values()) {
    for (const m of list) {
      const meta = m.metadata as { event_type?: string; event_payload?: { outbox_id?: number } } | undefined;
      if (meta?.event_type !== OUTBOX_METADATA_TYPE || typeof meta.event_payload?.outbox_id !== 'number') continue;
      counts.set(meta.event_payload.outbox_id, (counts.get(meta.event_payload.outbox_id) ?? 0) + 1);
    }
  }
  return counts;
}

export async function runChaos(o: { kills: number; seed: number; managers?: number; reportsEach?: number; log?: (line: string) => void }): Promise<ChaosReport> {
  const started = Date.now();
  const rng = createRng(o.seed);
  const emulator = await startEmulator({ signingSecret: SECRET, botToken: TOKEN });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-chaos-'));
  const file = path.join(dir, 'leadwell.db');
  const org = seedSlack(emulator, o.managers ?? 8, o.reportsEach ?? 3);
  const child: Child = { dir, file, apiUrl: emulator.url, org, epoch: Date.now() };
  const report: ChaosReport = {
    seed: o.seed, kills: 0, killsByMode: Object.fromEntries(MODES.map((m) => [m, 0])) as Record<Mode, number>, killsByKind: {}, runs: 0,
    planned: 0, plannedByKind: {}, sentOnce: 0, uncertain: 0, uncertainDelivered: 0, skipped: 0, failed: 0, duplicates: 0, lost: 0, problems: [], seconds: 0,
  };
  try {
    await runChild(child, { phase: 'seed' });
    // The seeded goals have been quiet for three weeks: their owners are due a reminder.
    const db = openDatabase(file);
    db.prepare('UPDATE goals SET created_at = created_at - ?').run(21 * 24 * 60 * 60_000);
    const lastKindClaimed = db.prepare("SELECT kind FROM outbox WHERE status IN ('claimed', 'sending', 'uncertain') ORDER BY updated_at DESC, id DESC LIMIT 1");
    let run = 0;
    while (report.kills < o.kills && run < o.kills * 3) {
      const mode = rng.pick(MODES);
      const nth = 1 + rng.int(4);
      const kill = `${mode}:${nth}:${60 + rng.int(80)}`;
      // With the call in flight, Slack (the emulator) answers late: the message lands after the process died.
      if (mode === 'in-flight') emulator.inject('chat.postMessage', { type: 'delay', ms: 300 }, nth);
      const outcome = await runChild(child, { kill, kudos: kudosFor(rng, org, run) });
      emulator.clearFaults();
      run += 1;
      if (outcome === 'killed') {
        report.kills += 1;
        report.killsByMode[mode] += 1;
        const kind = (lastKindClaimed.get() as { kind?: string } | undefined)?.kind ?? 'none';
        report.killsByKind[kind] = (report.killsByKind[kind] ?? 0) + 1;
      }
      o.log?.(`run ${run}: ${outcome === 'killed' ? `killed at ${kill}` : 'finished before its kill point'}`);
    }
    // One clean run to the end: the leases of the last dead process run out, everything left goes.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await runChild(child, {});
    report.runs = run + 1;
    verify(db, emulator, report, run);
    db.close();
  } finally {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

function verify(db: ReturnType<typeof openDatabase>, emulator: Emulator, report: ChaosReport, runs: number): void {
  const rows = db.prepare('SELECT id, kind, dedupe_key, status, reason, nudge_id FROM outbox ORDER BY id').all() as Array<{ id: number; kind: string; dedupe_key: string; status: string; reason: string | null; nudge_id: number | null }>;
  const delivered = deliveredPerRow(emulator);
  report.planned = rows.length;
  for (const r of rows) {
    report.plannedByKind[r.kind] = (report.plannedByKind[r.kind] ?? 0) + 1;
    const n = delivered.get(r.id) ?? 0;
    if (n > 1) {
      report.duplicates += 1;
      report.problems.push(`row ${r.id} (${r.kind}) reached Slack ${n} times`);
    }
    if (r.status === 'sent') {
      if (n === 1) report.sentOnce += 1;
      else if (n === 0) {
        report.lost += 1;
        report.problems.push(`row ${r.id} (${r.kind}) is marked sent but never reached Slack`);
      }
    } else if (r.status === 'uncertain') {
      report.uncertain += 1;
      if (n === 1) report.uncertainDelivered += 1;
    } else if (r.status === 'skipped') report.skipped += 1;
    else if (r.status === 'failed') {
      report.failed += 1;
      report.problems.push(`row ${r.id} (${r.kind}) failed: ${r.reason}`);
    } else {
      report.lost += 1;
      report.problems.push(`row ${r.id} (${r.kind}) is still ${r.status}`);
    }
  }
  // Everything that should have been planned was: a kudos's full group, a nudge per manager, a pulse per report.
  const kudos = db.prepare('SELECT COUNT(*) AS n FROM kudos').get() as { n: number };
  const expectedKudos = 2 * runs;
  if (kudos.n !== expectedKudos) report.problems.push(`${kudos.n} kudos stored, ${expectedKudos} given`);
  const groups = db.prepare("SELECT k.id, (SELECT COUNT(*) FROM kudos_recipients r WHERE r.kudos_id = k.id) AS recipients, (SELECT COUNT(*) FROM outbox o WHERE o.group_key = 'kudos:' || k.id) AS rows FROM kudos k").all() as Array<{ id: number; recipients: number; rows: number }>;
  for (const g of groups) if (g.rows !== g.recipients + 2) { report.lost += 1; report.problems.push(`kudos ${g.id} has ${g.rows} messages planned, expected ${g.recipients + 2}`); }
  const ledger = db.prepare('SELECT COUNT(*) AS n FROM outbox o JOIN nudges n ON n.id = o.nudge_id WHERE n.status <> o.status').get() as { n: number };
  if (ledger.n > 0) report.problems.push(`${ledger.n} nudges records disagree with their outbox row`);
  const unmarked = [...delivered.keys()].filter((id) => !rows.some((r) => r.id === id));
  if (unmarked.length > 0) report.problems.push(`messages in Slack for unknown rows: ${unmarked.join(', ')}`);
}

export function formatReport(r: ChaosReport): string {
  const lines = [
    `chaos: seed ${r.seed}, ${r.kills} SIGKILLs over ${r.runs} runs in ${r.seconds}s`,
    `  kills by point: ${Object.entries(r.killsByMode).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  kills by message kind: ${Object.entries(r.killsByKind).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  planned: ${r.planned} (${Object.entries(r.plannedByKind).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `  sent exactly once: ${r.sentOnce}; uncertain: ${r.uncertain} (${r.uncertainDelivered} of them reached Slack, once); skipped: ${r.skipped}; failed: ${r.failed}`,
    `  duplicates: ${r.duplicates}; lost: ${r.lost}`,
    ...r.problems.slice(0, 20).map((p) => `  PROBLEM: ${p}`),
  ];
  return lines.join('\n');
}

export const chaosPassed = (r: ChaosReport) => r.duplicates === 0 && r.lost === 0 && r.problems.length === 0;
