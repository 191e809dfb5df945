import { sql } from 'kysely';
import type { Level } from '../domain/ports';
import type { Departure, DepartureRepository, DepartureRole, DepartureSource } from '../domain/leadership/ports';
import { affected, type Executor } from './engine';

interface DepartureRow {
  id: number;
  person_id: string;
  name: string;
  left_at: number;
  manager_id: string | null;
  manager_chain: string;
  role: DepartureRole;
  manager_level: Level | null;
  source: DepartureSource;
  regretted: number | null;
}

function chainOf(raw: string): string[] {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function toDeparture(r: DepartureRow): Departure {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    leftAt: r.left_at,
    managerId: r.manager_id ?? undefined,
    managerChain: chainOf(r.manager_chain),
    role: r.role,
    managerLevel: r.manager_level ?? undefined,
    source: r.source,
    regretted: r.regretted === null ? undefined : r.regretted === 1,
  };
}

/** Each departure with the name to show: the display name, else the real name, else the Slack id. */
const withName = (db: Executor) =>
  db.selectFrom('departures as d').innerJoin('people as p', 'p.id', 'd.person_id').select([
    'd.id', 'd.person_id', sql<string>`COALESCE(NULLIF(p.name, ''), NULLIF(p.real_name, ''), d.person_id)`.as('name'), 'd.left_at', 'd.manager_id',
    'd.manager_chain', 'd.role', 'd.manager_level', 'd.source', 'd.regretted',
  ]);

const toRow = (r: Omit<DepartureRow, 'role' | 'source' | 'manager_level'> & { role: string; source: string; manager_level: string | null }) => toDeparture(r as DepartureRow);

/** Departures (migrations/0007): one open row per person, kept when they come back (rejoined_at) for the audit. */
export function createDepartureRepository(db: Executor): DepartureRepository {
  return {
    // ON CONFLICT DO NOTHING: departures_open_person allows one open departure per person, whichever instance writes first.
    record: async (d, at) =>
      affected(await db.insertInto('departures').values({
        person_id: d.personId, left_at: d.leftAt, manager_id: d.managerId ?? null, manager_chain: JSON.stringify(d.managerChain),
        role: d.role, manager_level: d.managerLevel ?? null, source: d.source, created_at: at,
      }).onConflict((oc) => oc.doNothing()).executeTakeFirst()) === 1,
    rejoined: async (personId, at) => {
      await db.updateTable('departures').set({ rejoined_at: at }).where('person_id', '=', personId).where('rejoined_at', 'is', null).execute();
    },
    since: async (from) =>
      (await withName(db).where('d.rejoined_at', 'is', null).where('d.left_at', '>=', from).orderBy('d.left_at', 'desc').orderBy('d.id', 'desc').execute()).map(toRow),
    get: async (id) => {
      const r = await withName(db).where('d.id', '=', id).executeTakeFirst();
      return r ? toRow(r) : undefined;
    },
    markRegretted: async (id, regretted, by, at) =>
      affected(await db.updateTable('departures').set({ regretted: regretted === null ? null : regretted ? 1 : 0, marked_by: by, marked_at: at })
        .where('id', '=', id).executeTakeFirst()) === 1,
  };
}
