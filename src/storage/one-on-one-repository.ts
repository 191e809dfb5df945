import { asyncPort } from './interim-async';
import type { Db } from './database';
import { DomainError } from '../domain/errors';
import { MissingDataKeyError, type TextSealer } from './sealed-text';
import { columnContext, NOTES_COLUMN } from './sealed-columns';
import type {
  ActionItem,
  NewActionItem,
  NewOneOnOne,
  OneOnOneHistoryEntry,
  OneOnOneRepository,
  OneOnOneSummary,
  PairStats,
} from '../domain/one-on-ones';

interface OneOnOneRow {
  id: number;
  manager_id: string;
  report_id: string;
  held_on: string;
  held_at: number;
  energy: number | null;
  career_talk: number;
  summary_sent: number;
  created_at: number;
  /** Only selected for the viewer's own 1:1s (see history). */
  notes?: string | null;
}

interface ItemRow {
  id: number;
  one_on_one_id: number;
  manager_id: string;
  report_id: string;
  owner_id: string;
  text: string;
  done_at: number | null;
  created_at: number;
  held_on: string;
}

function toSummary(r: OneOnOneRow): OneOnOneSummary {
  return {
    id: r.id,
    managerId: r.manager_id,
    reportId: r.report_id,
    heldOn: r.held_on,
    heldAt: r.held_at,
    energy: r.energy ?? undefined,
    careerTalk: r.career_talk === 1,
    summarySent: r.summary_sent === 1,
    createdAt: r.created_at,
  };
}

function toItem(r: ItemRow): ActionItem {
  return {
    id: r.id,
    oneOnOneId: r.one_on_one_id,
    managerId: r.manager_id,
    reportId: r.report_id,
    ownerId: r.owner_id,
    text: r.text,
    doneAt: r.done_at ?? undefined,
    createdAt: r.created_at,
    heldOn: r.held_on,
  };
}

const SUMMARY_COLUMNS = 'o.id, o.manager_id, o.report_id, o.held_on, o.held_at, o.energy, o.career_talk, o.summary_sent, o.created_at';
const ITEM_COLUMNS = 'a.id, a.one_on_one_id, a.manager_id, a.report_id, a.owner_id, a.text, a.done_at, a.created_at, o.held_on';
const PREPARED_KIND = 'one_on_one.prepared';
export const AGENDA_KIND = 'one_on_one.agenda_sent';

const NOTES = columnContext(NOTES_COLUMN);

/** Notes are sealed before they reach SQL; without LEADWELL_DATA_KEY they are refused in words, never stored in clear. */
function sealNotes(sealer: TextSealer, notes: string): string {
  try {
    return sealer.seal(notes, NOTES);
  } catch (err) {
    if (!(err instanceof MissingDataKeyError)) throw err;
    throw new DomainError(
      'notes_need_key',
      'Private notes are switched off on this Leadwell until its operator sets LEADWELL_DATA_KEY (notes are stored encrypted). Clear the notes to save the rest.',
      'notes',
    );
  }
}

function openNotes(sealer: TextSealer, stored: string): string {
  const opened = sealer.open(stored, NOTES);
  return opened.ok ? opened.text : `(These notes are encrypted under data key ${opened.keyId}, which this Leadwell does not hold. Ask your Leadwell operator.)`;
}

export function createOneOnOneRepository(db: Db, options: { sealer: TextSealer }): OneOnOneRepository {
  const { sealer } = options;
  const insert = db.prepare(`
    INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, energy, career_talk, situation, idempotency_key, created_at)
    VALUES (@managerId, @reportId, @heldOn, @heldAt, @notes, @energy, @careerTalk, @situation, @idempotencyKey, @createdAt)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  const byKey = db.prepare<[string], { id: number }>('SELECT id FROM one_on_ones WHERE idempotency_key = ?');
  const addItem = db.prepare(
    'INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const complete = db.prepare(
    'UPDATE action_items SET done_at = ? WHERE id = ? AND manager_id = ? AND report_id = ? AND done_at IS NULL',
  );
  const openItems = db.prepare<[string, string, number], ItemRow>(`
    SELECT ${ITEM_COLUMNS} FROM action_items a JOIN one_on_ones o ON o.id = a.one_on_one_id
    WHERE a.manager_id = ? AND a.report_id = ? AND a.done_at IS NULL
    ORDER BY a.created_at, a.id LIMIT ?`);
  const pairStats = db.prepare<[string, string], { n: number; first: number | null; last: number | null; career: number | null }>(`
    SELECT COUNT(*) AS n, MIN(held_at) AS first, MAX(held_at) AS last,
           MAX(CASE WHEN career_talk = 1 THEN held_at END) AS career
    FROM one_on_ones WHERE manager_id = ? AND report_id = ?`);
  const lastOfPair = db.prepare<[string, string], { held_on: string; held_at: number; situation: string | null }>(
    'SELECT held_on, held_at, situation FROM one_on_ones WHERE manager_id = ? AND report_id = ? ORDER BY held_at DESC, id DESC LIMIT 1',
  );
  const lastByReport = db.prepare<[string], { report_id: string; held_at: number; held_on: string }>(`
    SELECT report_id, MAX(held_at) AS held_at, held_on FROM one_on_ones WHERE manager_id = ? GROUP BY report_id`);
  // A 1:1 leaves the database only for the manager who held it: a later manager of the same report never
  // sees it (issue 15). The CASE keeps note text behind the same rule should the WHERE ever widen.
  const history = db.prepare<{ reportId: string; viewerId: string; limit: number }, OneOnOneRow>(`
    SELECT ${SUMMARY_COLUMNS}, CASE WHEN o.manager_id = @viewerId THEN o.notes END AS notes
    FROM one_on_ones o
    WHERE o.report_id = @reportId AND o.manager_id = @viewerId
    ORDER BY o.held_at DESC, o.id DESC LIMIT @limit`);
  // Through the pair index: 0001 has no index on action_items(one_on_one_id).
  const itemsOf = db.prepare<[string, string, number], ItemRow>(`
    SELECT ${ITEM_COLUMNS} FROM action_items a JOIN one_on_ones o ON o.id = a.one_on_one_id
    WHERE a.manager_id = ? AND a.report_id = ? AND a.one_on_one_id = ? ORDER BY a.id`);
  const summarySent = db.prepare('UPDATE one_on_ones SET summary_sent = 1 WHERE id = ?');
  const lastPrepared = db.prepare<[string, string], { data: string }>(
    'SELECT data FROM events WHERE actor_id = ? AND kind = ? ORDER BY at DESC, id DESC LIMIT 1',
  );
  const remember = db.prepare('INSERT INTO events (at, kind, actor_id, subject_id, data) VALUES (?, ?, ?, ?, ?)');
  const lastAgenda = db.prepare<[string, string, string], { at: number }>(
    'SELECT at FROM events WHERE actor_id = ? AND kind = ? AND subject_id = ? ORDER BY at DESC LIMIT 1',
  );

  return asyncPort<OneOnOneRepository>({
    insert(row: NewOneOnOne) {
      const res = insert.run({ ...row, notes: sealNotes(sealer, row.notes), energy: row.energy ?? null, careerTalk: row.careerTalk ? 1 : 0, situation: row.situation ?? null });
      if (res.changes === 1) return { id: Number(res.lastInsertRowid), created: true };
      return { id: (byKey.get(row.idempotencyKey) as { id: number }).id, created: false };
    },
    addItems(oneOnOneId, managerId, reportId, items: readonly NewActionItem[], at) {
      for (const item of items) addItem.run(oneOnOneId, managerId, reportId, item.ownerId, item.text, at);
    },
    completeItems(managerId, reportId, itemIds, at) {
      let changed = 0;
      for (const id of itemIds) changed += complete.run(at, id, managerId, reportId).changes;
      return changed;
    },
    openItems: (managerId, reportId, limit) => openItems.all(managerId, reportId, limit).map(toItem),
    pairStats(managerId, reportId): PairStats {
      const s = pairStats.get(managerId, reportId) ?? { n: 0, first: null, last: null, career: null };
      const last = s.n > 0 ? lastOfPair.get(managerId, reportId) : undefined;
      return {
        count: s.n,
        firstHeldAt: s.first ?? undefined,
        lastHeldAt: s.last ?? undefined,
        lastHeldOn: last?.held_on,
        lastCareerAt: s.career ?? undefined,
        ...(last?.situation ? { lastSituation: last.situation } : {}),
      };
    },
    lastHeldByReport(managerId) {
      // SQLite returns the bare column (held_on) from the row holding MAX(held_at).
      return new Map(lastByReport.all(managerId).map((r) => [r.report_id, { heldAt: r.held_at, heldOn: r.held_on }]));
    },
    history(reportId, viewerId, limit): OneOnOneHistoryEntry[] {
      return history.all({ reportId, viewerId, limit }).map((r) => ({
        ...toSummary(r),
        ...(typeof r.notes === 'string' ? { notes: openNotes(sealer, r.notes) } : {}),
        items: itemsOf.all(r.manager_id, r.report_id, r.id).map(toItem),
      }));
    },
    markSummarySent: (id) => {
      summarySent.run(id);
    },
    lastPreparedItems(managerId) {
      const row = lastPrepared.get(managerId, PREPARED_KIND);
      if (!row) return [];
      const data = JSON.parse(row.data) as { items?: unknown };
      return Array.isArray(data.items) ? data.items.filter((x): x is string => typeof x === 'string') : [];
    },
    rememberPrepared(managerId, reportId, itemIds, at) {
      remember.run(at, PREPARED_KIND, managerId, reportId, JSON.stringify({ items: itemIds }));
    },
    lastAgendaSentAt: (managerId, reportId) => lastAgenda.get(managerId, AGENDA_KIND, reportId)?.at,
  });
}
