import type { Db } from '../../src/storage/database';

/**
 * A generated organisation for the report tests: an executive, 4 mid-level managers, 16 frontline managers
 * and their people (200 in all, plus 2 deactivated people and a bot who must not count), with a year of 1:1s
 * (some with a former manager), kudos, weekly nudges and clicks. Deterministic (seeded PRNG). The raw rows
 * are returned so tests can recompute every figure without the app's SQL.
 */

export const DAY = 24 * 60 * 60 * 1000;
export const NOW = Date.UTC(2026, 10, 30, 9, 0, 0); // Monday 30 November 2026, 09:00 UTC

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FxPerson { id: string; name: string; managerId?: string; cadence: number; deleted: boolean; bot: boolean }
export interface FxOneOnOne { id: number; managerId: string; reportId: string; heldAt: number; notes: string }
export interface FxKudos { id: number; giverId: string; recipients: string[]; at: number }
export interface FxNudge { id: number; personId: string; dueAt: number; status: 'sent' | 'skipped' }
export interface FxEvent { kind: string; actorId: string; refId: number | null; at: number }

export interface Fixture {
  now: number;
  people: FxPerson[];
  exec: string;
  mids: string[];
  frontline: string[];
  oneOnOnes: FxOneOnOne[];
  kudos: FxKudos[];
  nudges: FxNudge[];
  events: FxEvent[];
}

export function generateOrg(options: { seed?: number; now?: number; ics?: number } = {}): Fixture {
  const rnd = prng(options.seed ?? 42);
  const now = options.now ?? NOW;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const people: FxPerson[] = [];
  const add = (id: string, managerId: string | undefined, extra: Partial<FxPerson> = {}) => {
    const p: FxPerson = { id, name: `Person ${id}`, managerId, cadence: pick([7, 14, 14, 21, 30]), deleted: false, bot: false, ...extra };
    people.push(p);
    return p;
  };
  const exec = add('UEXEC0001', undefined).id;
  const mids = [1, 2, 3, 4].map((i) => add(`UMID000${i}`, exec).id);
  const frontline = mids.flatMap((m, i) => [1, 2, 3, 4].map((j) => add(`UFL0${i}${j}000`, m).id));
  const icCount = options.ics ?? 179;
  for (let i = 0; i < icCount; i += 1) add(`UIC${String(i).padStart(5, '0')}`, frontline[i % frontline.length]);
  add('UGONE0001', frontline[0], { deleted: true });
  add('UGONE0002', frontline[1], { deleted: true });
  add('UBOT00001', undefined, { bot: true });

  const active = people.filter((p) => !p.deleted && !p.bot);
  const oneOnOnes: FxOneOnOne[] = [];
  let oid = 0;
  const yearAgo = now - 365 * DAY;
  for (const p of people) {
    if (!p.managerId || p.bot) continue;
    // A few people had a different manager for part of the year: those 1:1s must not count for the current one.
    const former = rnd() < 0.1 ? pick(frontline.filter((f) => f !== p.managerId)) : undefined;
    let t = yearAgo + Math.floor(rnd() * 20) * DAY;
    while (t < now) {
      const managerId = former && t < now - 200 * DAY ? former : p.managerId;
      oneOnOnes.push({ id: (oid += 1), managerId, reportId: p.id, heldAt: t, notes: `private note ${oid} about ${p.id}` });
      t += (5 + Math.floor(rnd() * 30)) * DAY + Math.floor(rnd() * 8) * 3600_000;
    }
  }
  const kudos: FxKudos[] = [];
  for (let i = 0; i < 1600; i += 1) {
    const giver = pick(active);
    const team = active.filter((p) => p.managerId === giver.id);
    const recipients = team.length > 0 && rnd() < 0.5 ? [pick(team).id] : [pick(active).id];
    if (rnd() < 0.15) recipients.push(pick(active).id);
    const unique = [...new Set(recipients.filter((r) => r !== giver.id))];
    if (unique.length === 0) continue;
    kudos.push({ id: i + 1, giverId: giver.id, recipients: unique, at: yearAgo + Math.floor(rnd() * 365 * DAY) });
  }
  const nudges: FxNudge[] = [];
  const events: FxEvent[] = [];
  let nid = 0;
  for (const m of [exec, ...mids, ...frontline]) {
    for (let w = 0; w < 52; w += 1) {
      const dueAt = now - (52 - w) * 7 * DAY + 3600_000;
      const status = rnd() < 0.9 ? 'sent' : 'skipped';
      const n: FxNudge = { id: (nid += 1), personId: m, dueAt, status };
      nudges.push(n);
      if (status === 'sent' && rnd() < 0.45) {
        events.push({ kind: 'nudge.acted', actorId: m, refId: n.id, at: dueAt + 3600_000 });
        if (rnd() < 0.3) events.push({ kind: 'nudge.acted', actorId: m, refId: n.id, at: dueAt + 7200_000 }); // a second click
      }
      if (rnd() < 0.2) events.push({ kind: 'nudge.acted', actorId: m, refId: null, at: dueAt }); // a preview click
      if (rnd() < 0.1) events.push({ kind: 'nudge.snoozed', actorId: m, refId: n.id, at: dueAt });
    }
  }
  return { now, people, exec, mids, frontline, oneOnOnes, kudos, nudges, events };
}

export const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function insertFixture(db: Db, fx: Fixture): void {
  const person = db.prepare(`INSERT INTO people (id, team_id, name, real_name, tz, is_bot, deleted, manager_id, cadence_days, created_at, updated_at)
    VALUES (?, 'T0LEADWELL', ?, ?, 'UTC', ?, ?, NULL, ?, ?, ?)`);
  const manager = db.prepare('UPDATE people SET manager_id = ? WHERE id = ?');
  const o = db.prepare(`INSERT INTO one_on_ones (id, manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const k = db.prepare(`INSERT INTO kudos (id, giver_id, value, message, post_status, idempotency_key, created_at) VALUES (?, ?, 'Craft', 'thanks', 'posted', ?, ?)`);
  const kr = db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)');
  const n = db.prepare(`INSERT INTO nudges (id, person_id, kind, period, status, due_at, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'weekly', ?, ?, ?, ?, ?, ?)`);
  const e = db.prepare('INSERT INTO events (at, kind, actor_id, subject_id, ref_id) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const p of fx.people) person.run(p.id, p.name, p.name, p.bot ? 1 : 0, p.deleted ? 1 : 0, p.cadence, fx.now, fx.now);
    for (const p of fx.people) if (p.managerId) manager.run(p.managerId, p.id);
    for (const x of fx.oneOnOnes) o.run(x.id, x.managerId, x.reportId, isoDay(x.heldAt), x.heldAt, x.notes, `o${x.id}`, x.heldAt);
    for (const x of fx.kudos) {
      k.run(x.id, x.giverId, `k${x.id}`, x.at);
      for (const r of x.recipients) kr.run(x.id, r, x.at);
    }
    for (const x of fx.nudges) n.run(x.id, x.personId, `W${x.id}`, x.status, x.dueAt, x.dueAt, x.dueAt, x.dueAt);
    for (const x of fx.events) e.run(x.at, x.kind, x.actorId, x.actorId, x.refId);
  })();
}
