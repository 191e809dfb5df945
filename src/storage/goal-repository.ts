import type { Db } from './database';
import { GOAL_STATUSES, type CheckIn, type Goal, type GoalDraft, type GoalKind, type GoalStatus, type GoalVisibility } from '../domain/goal';
import type { GoalCounts, GoalReminderPrefs, GoalRepository, NewCheckIn, NewGoal } from '../domain/goal-ports';
import { asyncPort } from './interim-async';

interface GoalRow {
  id: number;
  owner_id: string;
  kind: string;
  visibility: string;
  title: string;
  why: string;
  measure: string;
  due_on: string | null;
  status: string;
  progress: number | null;
  last_check_in_at: number | null;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

interface CheckInRow {
  id: number;
  goal_id: number;
  author_id: string;
  status: string;
  progress: number | null;
  note: string;
  created_at: number;
}

function toGoal(r: GoalRow): Goal {
  return {
    id: r.id,
    ownerId: r.owner_id,
    kind: r.kind as GoalKind,
    visibility: r.visibility as GoalVisibility,
    title: r.title,
    why: r.why,
    measure: r.measure,
    dueOn: r.due_on ?? undefined,
    status: r.status as GoalStatus,
    progress: r.progress ?? undefined,
    lastCheckInAt: r.last_check_in_at ?? undefined,
    archivedAt: r.archived_at ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toCheckIn(r: CheckInRow): CheckIn {
  return {
    id: r.id,
    goalId: r.goal_id,
    authorId: r.author_id,
    status: r.status as GoalStatus,
    progress: r.progress ?? undefined,
    note: r.note,
    createdAt: r.created_at,
  };
}

/** `IN (?, ?, …)` lists are chunked so a big team never hits SQLite's bound-parameter limit. */
const CHUNK = 500;
function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

export function createGoalRepository(db: Db): GoalRepository {
  const s = {
    insert: db.prepare(
      `INSERT INTO goals (owner_id, kind, visibility, title, why, measure, due_on, idempotency_key, created_at, updated_at)
       VALUES (@ownerId, @kind, @visibility, @title, @why, @measure, @dueOn, @idempotencyKey, @createdAt, @createdAt)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    ),
    byKey: db.prepare('SELECT * FROM goals WHERE idempotency_key = ?'),
    get: db.prepare('SELECT * FROM goals WHERE id = ?'),
    update: db.prepare(
      `UPDATE goals SET kind = @kind, visibility = @visibility, title = @title, why = @why, measure = @measure,
       due_on = @dueOn, updated_at = @at WHERE id = @id`,
    ),
    archive: db.prepare('UPDATE goals SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL'),
    countActive: db.prepare("SELECT COUNT(*) AS n FROM goals WHERE owner_id = ? AND archived_at IS NULL AND status <> 'done'"),
    insertCheckIn: db.prepare(
      `INSERT INTO goal_check_ins (goal_id, author_id, status, progress, note, idempotency_key, created_at)
       VALUES (@goalId, @authorId, @status, @progress, @note, @idempotencyKey, @createdAt)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    ),
    checkInByKey: db.prepare('SELECT * FROM goal_check_ins WHERE idempotency_key = ?'),
    mirror: db.prepare(
      `UPDATE goals SET status = @status, progress = COALESCE(@progress, progress), last_check_in_at = @createdAt, updated_at = @createdAt
       WHERE id = @goalId`,
    ),
    history: db.prepare('SELECT * FROM goal_check_ins WHERE goal_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
    staleOwners: db.prepare(
      `SELECT DISTINCT g.owner_id AS id FROM goals g JOIN people p ON p.id = g.owner_id
       WHERE g.archived_at IS NULL AND g.status <> 'done' AND COALESCE(g.last_check_in_at, g.created_at) <= ?
         AND p.deleted = 0 AND p.is_bot = 0 ORDER BY g.owner_id`,
    ),
    counts: db.prepare(
      `SELECT g.status, COUNT(*) AS n, SUM(g.visibility = 'private') AS private,
              SUM(g.status <> 'done' AND COALESCE(g.last_check_in_at, g.created_at) <= ?) AS stale, COUNT(DISTINCT g.owner_id) AS owners
       FROM goals g JOIN people p ON p.id = g.owner_id WHERE g.archived_at IS NULL AND p.deleted = 0 GROUP BY g.status`,
    ),
    owners: db.prepare(
      `SELECT COUNT(DISTINCT g.owner_id) AS n FROM goals g JOIN people p ON p.id = g.owner_id WHERE g.archived_at IS NULL AND p.deleted = 0`,
    ),
  };

  const get = (id: number) => {
    const row = s.get.get(id) as GoalRow | undefined;
    return row ? toGoal(row) : undefined;
  };

  const checkIn = db.transaction((row: NewCheckIn) => {
    const params = { ...row, progress: row.progress ?? null };
    const created = s.insertCheckIn.run(params).changes === 1;
    if (created) s.mirror.run(params);
    return { checkIn: toCheckIn(s.checkInByKey.get(row.idempotencyKey) as CheckInRow), created };
  });

  return asyncPort<GoalRepository>({
    insert(goal: NewGoal) {
      const created = s.insert.run({ ...goal, dueOn: goal.dueOn ?? null }).changes === 1;
      return { goal: toGoal(s.byKey.get(goal.idempotencyKey) as GoalRow), created };
    },
    update(id: number, draft: GoalDraft, at: number) {
      s.update.run({ ...draft, dueOn: draft.dueOn ?? null, at, id });
      return get(id) as Goal;
    },
    archive: (id, at) => void s.archive.run(at, at, id),
    get,
    checkIn,
    activeOf(ownerIds) {
      const out: Goal[] = [];
      for (const part of chunks(ownerIds)) {
        const marks = part.map(() => '?').join(', ');
        const rows = db
          .prepare(`SELECT * FROM goals WHERE owner_id IN (${marks}) AND archived_at IS NULL ORDER BY created_at DESC, id DESC`)
          .all(...part) as GoalRow[];
        out.push(...rows.map(toGoal));
      }
      return out;
    },
    countActive: (ownerId) => (s.countActive.get(ownerId) as { n: number }).n,
    latestCheckIns(goalIds) {
      const out = new Map<number, CheckIn>();
      for (const part of chunks(goalIds)) {
        const marks = part.map(() => '?').join(', ');
        // The newest row per goal: max(created_at, id) through a correlated lookup on the (goal_id, created_at) index.
        const rows = db
          .prepare(
            `SELECT c.* FROM goal_check_ins c WHERE c.goal_id IN (${marks}) AND c.id = (
               SELECT c2.id FROM goal_check_ins c2 WHERE c2.goal_id = c.goal_id ORDER BY c2.created_at DESC, c2.id DESC LIMIT 1)`,
          )
          .all(...part) as CheckInRow[];
        for (const r of rows) out.set(r.goal_id, toCheckIn(r));
      }
      return out;
    },
    history: (goalId, limit) => (s.history.all(goalId, limit) as CheckInRow[]).map(toCheckIn),
    ownersWithStaleGoals: (before) => (s.staleOwners.all(before) as Array<{ id: string }>).map((r) => r.id),
    countsByStatus(staleBefore) {
      const counts = Object.fromEntries(GOAL_STATUSES.map((st) => [st, 0])) as GoalCounts;
      counts.total = 0;
      counts.stale = 0;
      counts.private = 0;
      const rows = s.counts.all(staleBefore) as Array<{ status: GoalStatus; n: number; private: number; stale: number }>;
      for (const r of rows) {
        counts[r.status] = r.n;
        counts.total += r.n;
        counts.stale += r.stale;
        counts.private += r.private;
      }
      counts.owners = (s.owners.get() as { n: number }).n;
      return counts;
    },
  });
}

export function createGoalReminderPrefs(db: Db): GoalReminderPrefs {
  const get = db.prepare('SELECT 1 AS x FROM goal_reminder_opt_outs WHERE person_id = ?');
  const add = db.prepare('INSERT INTO goal_reminder_opt_outs (person_id, opted_out_at) VALUES (?, ?) ON CONFLICT (person_id) DO NOTHING');
  const remove = db.prepare('DELETE FROM goal_reminder_opt_outs WHERE person_id = ?');
  return asyncPort<GoalReminderPrefs>({
    optedOut: (personId) => get.get(personId) !== undefined,
    setOptedOut(personId, optedOut, at) {
      if (optedOut) add.run(personId, at);
      else remove.run(personId);
    },
  });
}
