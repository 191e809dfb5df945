import type { Db } from './database';
import type { Level } from '../domain/ports';
import type { Departure, DepartureRepository, DepartureRole, DepartureSource } from '../domain/leadership/ports';
import { asyncPort } from './interim-async';

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

const SELECT = `SELECT d.id, d.person_id, COALESCE(NULLIF(p.name, ''), NULLIF(p.real_name, ''), d.person_id) AS name, d.left_at, d.manager_id,
  d.manager_chain, d.role, d.manager_level, d.source, d.regretted FROM departures d JOIN people p ON p.id = d.person_id`;

/** Departures (migrations/0004): one open row per person, kept when they come back (rejoined_at) for the audit. */
export function createDepartureRepository(db: Db): DepartureRepository {
  const insert = db.prepare(`INSERT INTO departures (person_id, left_at, manager_id, manager_chain, role, manager_level, source, created_at)
    VALUES (@personId, @leftAt, @managerId, @chain, @role, @managerLevel, @source, @at) ON CONFLICT DO NOTHING`);
  const rejoin = db.prepare('UPDATE departures SET rejoined_at = ? WHERE person_id = ? AND rejoined_at IS NULL');
  const since = db.prepare<[number], DepartureRow>(`${SELECT} WHERE d.rejoined_at IS NULL AND d.left_at >= ? ORDER BY d.left_at DESC, d.id DESC`);
  const get = db.prepare<[number], DepartureRow>(`${SELECT} WHERE d.id = ?`);
  const mark = db.prepare('UPDATE departures SET regretted = ?, marked_by = ?, marked_at = ? WHERE id = ?');
  return asyncPort<DepartureRepository>({
    record: (d, at) =>
      insert.run({ personId: d.personId, leftAt: d.leftAt, managerId: d.managerId ?? null, chain: JSON.stringify(d.managerChain), role: d.role, managerLevel: d.managerLevel ?? null, source: d.source, at })
        .changes === 1,
    rejoined: (personId, at) => void rejoin.run(at, personId),
    since: (from) => since.all(from).map(toDeparture),
    get: (id) => {
      const r = get.get(id);
      return r ? toDeparture(r) : undefined;
    },
    markRegretted: (id, regretted, by, at) => mark.run(regretted === null ? null : regretted ? 1 : 0, by, at, id).changes === 1,
  });
}
