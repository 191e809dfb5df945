import { sql, type RawBuilder } from 'kysely';
import type { OneOnOneRow, PersonData, PersonDataReader, Row } from '../domain/privacy/person-data';
import { engineOf, type Executor } from './engine';
import type { TextSealer } from './sealed-text';
import { columnContext, NOTES_COLUMN } from './sealed-columns';

const TIME_COLUMNS = /(_at|_until)$/;

/** Epoch-ms columns as ISO text and 0/1 flags as they are: an export a person can read. */
function readable(r: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) out[k] = TIME_COLUMNS.test(k) && typeof v === 'number' ? new Date(v).toISOString() : v;
  return out;
}

/**
 * Every row that names the person, table by table; 1:1 notes opened with the data key. The statements are the
 * same on both engines but for the kudos' recipient list (group_concat on SQLite, string_agg on PostgreSQL).
 */
export function createPersonDataReader(db: Executor, options: { sealer: TextSealer }): PersonDataReader {
  const all = async (query: RawBuilder<Row>) => (await query.execute(db)).rows.map(readable);
  const one = async (query: RawBuilder<Row>) => (await all(query))[0];
  const recipients = engineOf(db) === 'postgres' ? sql`string_agg(recipient_id, ' ')` : sql`group_concat(recipient_id, ' ')`;

  const oneOnOnes = async (column: 'manager_id' | 'report_id', id: string): Promise<OneOnOneRow[]> => {
    const { rows } = await sql<Row>`SELECT id, manager_id, report_id, held_on, notes, energy, career_talk, summary_sent, created_at
      FROM one_on_ones WHERE ${sql.ref(column)} = ${id} ORDER BY held_at, id`.execute(db);
    return Promise.all(rows.map(async (r) => {
      const opened = options.sealer.open(String(r.notes ?? ''), columnContext(NOTES_COLUMN));
      return {
        ...(readable(r) as OneOnOneRow),
        summary_sent: Number(r.summary_sent) === 1,
        notes: opened.ok ? opened.text : `(encrypted under data key ${opened.keyId}, which this Leadwell does not hold)`,
        items: await all(sql`SELECT owner_id, text, done_at, created_at FROM action_items WHERE one_on_one_id = ${r.id} ORDER BY id`),
      };
    }));
  };

  return {
    async read(p) {
      const data: PersonData = {
        person: await one(sql`SELECT * FROM people WHERE id = ${p}`),
        goals: await all(sql`SELECT id, kind, visibility, title, why, measure, due_on, status, progress, archived_at, created_at, updated_at FROM goals WHERE owner_id = ${p} ORDER BY id`),
        goalCheckIns: await all(sql`SELECT goal_id, author_id, status, progress, note, created_at FROM goal_check_ins
          WHERE author_id = ${p} OR goal_id IN (SELECT id FROM goals WHERE owner_id = ${p}) ORDER BY id`),
        plan: await one(sql`SELECT strengths, areas_to_grow, career_direction, updated_by, created_at, updated_at FROM development_plans WHERE person_id = ${p}`),
        planNextSteps: await all(sql`SELECT text, target_on, status, created_at FROM plan_next_steps WHERE person_id = ${p} ORDER BY position`),
        planSuggestions: await all(sql`SELECT person_id, author_id, text, resolved_at, created_at FROM plan_suggestions WHERE person_id = ${p} OR author_id = ${p} ORDER BY id`),
        kudosGiven: await all(sql`SELECT k.id, k.value, k.message, k.created_at,
            (SELECT ${recipients} FROM kudos_recipients r WHERE r.kudos_id = k.id) AS recipients
          FROM kudos k WHERE k.giver_id = ${p} ORDER BY k.id`),
        kudosReceived: await all(sql`SELECT k.id, k.giver_id, k.value, k.message, k.created_at FROM kudos k JOIN kudos_recipients r ON r.kudos_id = k.id WHERE r.recipient_id = ${p} ORDER BY k.id`),
        oneOnOnesAsManager: await oneOnOnes('manager_id', p),
        oneOnOnesAsReport: await oneOnOnes('report_id', p),
        reportingLineRequests: await all(sql`SELECT person_id, from_manager_id, to_manager_id, requested_by, via, status, decided_by, created_at, decided_at
          FROM reporting_line_requests
          WHERE person_id = ${p} OR from_manager_id = ${p} OR to_manager_id = ${p} OR requested_by = ${p} OR decided_by = ${p} ORDER BY created_at`),
        nudges: await all(sql`SELECT kind, period, status, due_at FROM nudges WHERE person_id = ${p} ORDER BY due_at`),
        events: await all(sql`SELECT at, kind, actor_id, subject_id FROM events WHERE actor_id = ${p} OR subject_id = ${p} ORDER BY at, id`),
        goalReminderOptOut: await one(sql`SELECT opted_out_at FROM goal_reminder_opt_outs WHERE person_id = ${p}`),
      };
      return data;
    },
  };
}
