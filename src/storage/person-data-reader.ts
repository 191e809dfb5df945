import type { Db } from './database';
import type { OneOnOneRow, PersonData, PersonDataReader, Row } from '../domain/privacy/person-data';
import type { TextSealer } from './sealed-text';
import { columnContext, NOTES_COLUMN } from './sealed-columns';
import { asyncPort } from './interim-async';

const TIME_COLUMNS = /(_at|_until)$/;

/** Epoch-ms columns as ISO text and 0/1 flags as they are: an export a person can read. */
function readable(r: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) out[k] = TIME_COLUMNS.test(k) && typeof v === 'number' ? new Date(v).toISOString() : v;
  return out;
}

/** Every row that names the person, table by table; 1:1 notes opened with the data key. */
export function createPersonDataReader(db: Db, options: { sealer: TextSealer }): PersonDataReader {
  const all = (sql: string, ...params: unknown[]) => (db.prepare(sql).all(...params) as Row[]).map(readable);
  const one = (sql: string, ...params: unknown[]) => {
    const r = db.prepare(sql).get(...params) as Row | undefined;
    return r ? readable(r) : undefined;
  };
  const items = db.prepare('SELECT owner_id, text, done_at, created_at FROM action_items WHERE one_on_one_id = ? ORDER BY id');
  const oneOnOnes = (column: 'manager_id' | 'report_id', id: string): OneOnOneRow[] =>
    (db.prepare(`SELECT id, manager_id, report_id, held_on, notes, energy, career_talk, summary_sent, created_at FROM one_on_ones WHERE ${column} = ? ORDER BY held_at, id`).all(id) as Row[]).map((r) => {
      const opened = options.sealer.open(String(r.notes ?? ''), columnContext(NOTES_COLUMN));
      return {
        ...(readable(r) as OneOnOneRow),
        summary_sent: r.summary_sent === 1,
        notes: opened.ok ? opened.text : `(encrypted under data key ${opened.keyId}, which this Leadwell does not hold)`,
        items: (items.all(r.id) as Row[]).map(readable),
      };
    });
  return asyncPort<PersonDataReader>({
    read(personId) {
      const data: PersonData = {
        person: one('SELECT * FROM people WHERE id = ?', personId),
        goals: all('SELECT id, kind, visibility, title, why, measure, due_on, status, progress, archived_at, created_at, updated_at FROM goals WHERE owner_id = ? ORDER BY id', personId),
        goalCheckIns: all('SELECT goal_id, author_id, status, progress, note, created_at FROM goal_check_ins WHERE author_id = ? OR goal_id IN (SELECT id FROM goals WHERE owner_id = ?) ORDER BY id', personId, personId),
        plan: one('SELECT strengths, areas_to_grow, career_direction, updated_by, created_at, updated_at FROM development_plans WHERE person_id = ?', personId),
        planNextSteps: all('SELECT text, target_on, status, created_at FROM plan_next_steps WHERE person_id = ? ORDER BY position', personId),
        planSuggestions: all('SELECT person_id, author_id, text, resolved_at, created_at FROM plan_suggestions WHERE person_id = ? OR author_id = ? ORDER BY id', personId, personId),
        kudosGiven: all(
          `SELECT k.id, k.value, k.message, k.created_at, (SELECT group_concat(recipient_id, ' ') FROM kudos_recipients r WHERE r.kudos_id = k.id) AS recipients
           FROM kudos k WHERE k.giver_id = ? ORDER BY k.id`,
          personId,
        ),
        kudosReceived: all('SELECT k.id, k.giver_id, k.value, k.message, k.created_at FROM kudos k JOIN kudos_recipients r ON r.kudos_id = k.id WHERE r.recipient_id = ? ORDER BY k.id', personId),
        oneOnOnesAsManager: oneOnOnes('manager_id', personId),
        oneOnOnesAsReport: oneOnOnes('report_id', personId),
        reportingLineRequests: all(
          'SELECT person_id, from_manager_id, to_manager_id, requested_by, via, status, decided_by, created_at, decided_at FROM reporting_line_requests WHERE ? IN (person_id, from_manager_id, to_manager_id, requested_by, decided_by) ORDER BY created_at',
          personId,
        ),
        nudges: all('SELECT kind, period, status, due_at FROM nudges WHERE person_id = ? ORDER BY due_at', personId),
        events: all('SELECT at, kind, actor_id, subject_id FROM events WHERE actor_id = ? OR subject_id = ? ORDER BY at, id', personId, personId),
        goalReminderOptOut: one('SELECT opted_out_at FROM goal_reminder_opt_outs WHERE person_id = ?', personId),
      };
      return data;
    },
  });
}
