import type { Emulator } from '../../tools/emulator';
import type { Executor } from '../../src/storage/engine';
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

/** Rows per multi-row INSERT: well under either engine's limit on bound parameters. */
const CHUNK = 200;

/** Written through the app's Kysely store in one transaction, so the same org seeds SQLite and PostgreSQL. */
export async function generateLeadershipOrg(emulator: Emulator, db: Executor, now: number): Promise<GenOrg> {
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
  const out: GenOrg = { now, vp, moms, fl, ics, oneOnOnes: [], kudos: [], nudges: [] };
  const yearAgo = now - 365 * DAY;
  let key = 0;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('people').values(all.map((p) => ({ id: p.id, team_id: teamId, name: p.name, real_name: p.realName, tz: p.tz, manager_id: null, cadence_days: p.cadence, created_at: yearAgo, updated_at: yearAgo }))).execute();
    for (const p of all) if (p.managerId) await trx.updateTable('people').set({ manager_id: p.managerId }).where('id', '=', p.id).execute();
    const oneOnOnes: Array<{ manager_id: string; report_id: string; held_on: string; held_at: number; notes: string; idempotency_key: string; created_at: number }> = [];
    for (const p of [...moms, ...fl, ...ics]) {
      const manager = all.find((m) => m.id === p.managerId)!;
      const neglected = manager.id === fl[0]!.id;
      // Whole minutes plus 30 s: no 1:1 sits within seconds of a cadence boundary while a test's clock drifts.
      let t = yearAgo + Math.floor(rnd() * 10) * DAY + Math.floor(rnd() * 600) * 60_000 + 30_000;
      while (t < now - DAY) {
        if (neglected && t > now - 50 * DAY) break;
        oneOnOnes.push({ manager_id: manager.id, report_id: p.id, held_on: new Date(t).toISOString().slice(0, 10), held_at: t, notes: `NOTE-TEXT secret about ${p.realName}`, idempotency_key: `g${(key += 1)}`, created_at: t });
        out.oneOnOnes.push({ managerId: manager.id, reportId: p.id, heldAt: t });
        // Mostly on cadence; one in four gaps runs long, so some reports are outside it at any moment.
        t += (rnd() < 0.25 ? manager.cadence + 3 + Math.floor(rnd() * 10) : manager.cadence - Math.floor(rnd() * 4)) * DAY;
      }
    }
    for (let i = 0; i < oneOnOnes.length; i += CHUNK) await trx.insertInto('one_on_ones').values(oneOnOnes.slice(i, i + CHUNK)).execute();
    for (const m of [vp, ...moms, ...fl]) {
      const team = all.filter((p) => p.managerId === m.id);
      for (let t = yearAgo; t < now; t += (5 + Math.floor(rnd() * 10)) * DAY) {
        if (m.id === fl[0]!.id && t > now - 60 * DAY) break;
        const to = team[Math.floor(rnd() * team.length)]!;
        const { id } = await trx.insertInto('kudos').values({ giver_id: m.id, value: 'Craft', message: `thanks ${to.realName}`, post_status: 'posted', idempotency_key: `k${(key += 1)}`, created_at: t }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('kudos_recipients').values({ kudos_id: id, recipient_id: to.id, created_at: t }).execute();
        out.kudos.push({ giverId: m.id, recipientId: to.id, at: t });
      }
    }
    for (const m of [vp, ...moms, ...fl]) {
      for (let w = 1; w <= 52; w += 1) {
        const due = now - w * 7 * DAY - 3600_000;
        const { id } = await trx.insertInto('nudges').values({ person_id: m.id, kind: 'weekly', period: `P${w}`, status: 'sent', due_at: due, next_attempt_at: due, created_at: due, updated_at: due }).returning('id').executeTakeFirstOrThrow();
        const acted = rnd() < (m.id === fl[0]!.id ? 0.1 : 0.6);
        if (acted) await trx.insertInto('events').values({ at: due + 3600_000, kind: 'nudge.acted', actor_id: m.id, subject_id: m.id, ref_id: id }).execute();
        out.nudges.push({ id, personId: m.id, dueAt: due, acted });
      }
    }
  });
  return out;
}
