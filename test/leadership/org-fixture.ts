import type { Emulator } from '../../tools/emulator';
import type { Db } from '../../src/storage/database';
import { prng } from '../reports/org-fixture';

/**
 * The generated organisation of issue 21's end-to-end tests: a VP, three managers of managers, twelve frontline
 * managers and their reports, with a year of 1:1s, kudos, weekly nudges and clicks before `now`. Every report
 * has a planted name ("Xylophone …") so a test can grep every message for it. Deterministic (seeded PRNG).
 * The raw rows are returned so the tests recompute every figure without the app's code.
 *
 * Planted patterns:
 *  - fl[0] (under mom[0]) stopped holding 1:1s 50 days ago and has recognised nobody for 60 days: the manager
 *    mom[0]'s digest must single out;
 *  - fl[1] has 8 reports (2 leave during the year, 1 left 400 days ago); fl[11] has 4 (one leaves): a small group, hidden.
 */

export const DAY = 86_400_000;
export const PLANTED = 'Xylophone';

export interface FxPerson { id: string; name: string; realName: string; managerId?: string; tz: string; cadence: number }
export interface GenOrg {
  now: number;
  vp: FxPerson;
  moms: FxPerson[];
  fl: FxPerson[];
  ics: FxPerson[];
  oneOnOnes: Array<{ managerId: string; reportId: string; heldAt: number }>;
  kudos: Array<{ giverId: string; recipientId: string; at: number }>;
  nudges: Array<{ id: number; personId: string; dueAt: number; acted: boolean }>;
}

const ANIMALS = ['Aardvark', 'Badger', 'Caracal', 'Dugong', 'Egret', 'Fossa', 'Gecko', 'Heron', 'Ibis', 'Jackal'];

export function generateLeadershipOrg(emulator: Emulator, db: Db, now: number): GenOrg {
  const rnd = prng(21);
  const teamId = emulator.state.team.id;
  const person = (name: string, realName: string, tz: string, managerId?: string, cadence = 14): FxPerson => {
    const u = emulator.addUser({ name, realName, email: `${name}@example.com`, tz });
    return { id: u.id, name, realName, managerId, tz, cadence };
  };
  const vp = person('vera', 'Vera Vance', 'America/New_York');
  const moms = ['mona', 'milo', 'mara'].map((n) => person(n, `${n[0]!.toUpperCase()}${n.slice(1)} Middle`, 'Europe/Berlin', vp.id));
  const flNames = ['dana', 'eli', 'finn', 'gia', 'hugo', 'ines', 'jon', 'kai', 'lea', 'max', 'nia', 'oli'];
  const fl = flNames.map((n, i) => person(n, `${n[0]!.toUpperCase()}${n.slice(1)} Front`, 'Europe/Paris', moms[Math.floor(i / 4)]!.id, i % 3 === 2 ? 21 : 14));
  const ics: FxPerson[] = [];
  fl.forEach((m, i) => {
    const size = i === 1 ? 8 : i === 11 ? 4 : 5;
    for (let j = 0; j < size; j += 1) ics.push(person(`xylo${i}x${j}`, `${PLANTED} ${ANIMALS[j]} ${i}`, 'Europe/Paris', m.id));
  });
  const all = [vp, ...moms, ...fl, ...ics];
  const insert = db.prepare(`INSERT INTO people (id, team_id, name, real_name, tz, manager_id, cadence_days, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`);
  const setManager = db.prepare('UPDATE people SET manager_id = ? WHERE id = ?');
  const o = db.prepare(`INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const k = db.prepare(`INSERT INTO kudos (giver_id, value, message, post_status, idempotency_key, created_at) VALUES (?, 'Craft', ?, 'posted', ?, ?)`);
  const kr = db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)');
  const n = db.prepare(`INSERT INTO nudges (person_id, kind, period, status, due_at, next_attempt_at, created_at, updated_at) VALUES (?, 'weekly', ?, 'sent', ?, ?, ?, ?)`);
  const ev = db.prepare("INSERT INTO events (at, kind, actor_id, subject_id, ref_id) VALUES (?, 'nudge.acted', ?, ?, ?)");
  const out: GenOrg = { now, vp, moms, fl, ics, oneOnOnes: [], kudos: [], nudges: [] };
  const yearAgo = now - 365 * DAY;
  let key = 0;
  db.transaction(() => {
    for (const p of all) insert.run(p.id, teamId, p.name, p.realName, p.tz, p.cadence, yearAgo, yearAgo);
    for (const p of all) if (p.managerId) setManager.run(p.managerId, p.id);
    for (const p of [...moms, ...fl, ...ics]) {
      const manager = all.find((m) => m.id === p.managerId)!;
      const neglected = manager.id === fl[0]!.id;
      // Whole minutes plus 30 s: no 1:1 sits within seconds of a cadence boundary while a test's clock drifts.
      let t = yearAgo + Math.floor(rnd() * 10) * DAY + Math.floor(rnd() * 600) * 60_000 + 30_000;
      while (t < now - DAY) {
        if (neglected && t > now - 50 * DAY) break;
        o.run(manager.id, p.id, new Date(t).toISOString().slice(0, 10), t, `NOTE-TEXT secret about ${p.realName}`, `g${(key += 1)}`, t);
        out.oneOnOnes.push({ managerId: manager.id, reportId: p.id, heldAt: t });
        // Mostly on cadence; one in four gaps runs long, so some reports are outside it at any moment.
        t += (rnd() < 0.25 ? manager.cadence + 3 + Math.floor(rnd() * 10) : manager.cadence - Math.floor(rnd() * 4)) * DAY;
      }
    }
    for (const m of [vp, ...moms, ...fl]) {
      const team = all.filter((p) => p.managerId === m.id);
      for (let t = yearAgo; t < now; t += (5 + Math.floor(rnd() * 10)) * DAY) {
        if (m.id === fl[0]!.id && t > now - 60 * DAY) break;
        const to = team[Math.floor(rnd() * team.length)]!;
        const id = Number(k.run(m.id, `thanks ${to.realName}`, `k${(key += 1)}`, t).lastInsertRowid);
        kr.run(id, to.id, t);
        out.kudos.push({ giverId: m.id, recipientId: to.id, at: t });
      }
    }
    for (const m of [vp, ...moms, ...fl]) {
      for (let w = 1; w <= 52; w += 1) {
        const due = now - w * 7 * DAY - 3600_000;
        const id = Number(n.run(m.id, `P${w}`, due, due, due, due).lastInsertRowid);
        const acted = rnd() < (m.id === fl[0]!.id ? 0.1 : 0.6);
        if (acted) ev.run(due + 3600_000, m.id, m.id, id);
        out.nudges.push({ id, personId: m.id, dueAt: due, acted });
      }
    }
  })();
  return out;
}
