import type { ErasureChange } from '../domain/privacy/erasure';

export type { ErasureChange, ErasurePlan } from '../domain/privacy/erasure';

/** What erasure does table by table (person-eraser.ts runs it). A table added later that names people belongs here. */

/** Records that are the person's alone: deleted, or their text blanked where the row is shared with someone else. */
export const PERSON_OWNED: ReadonlyArray<{ table: string; change: ErasureChange['change']; sql: string; params: (id: string) => unknown[] }> = [
  { table: 'goals', change: 'deleted', sql: 'DELETE FROM goals WHERE owner_id = ?', params: (id) => [id] },
  { table: 'goal_check_ins', change: 'blanked', sql: "UPDATE goal_check_ins SET note = '' WHERE author_id = ? AND note <> ''", params: (id) => [id] },
  { table: 'development_plans', change: 'deleted', sql: 'DELETE FROM development_plans WHERE person_id = ?', params: (id) => [id] },
  { table: 'plan_suggestions', change: 'deleted', sql: 'DELETE FROM plan_suggestions WHERE person_id = ?', params: (id) => [id] },
  { table: 'plan_suggestions', change: 'blanked', sql: "UPDATE plan_suggestions SET text = '(erased)' WHERE author_id = ?", params: (id) => [id] },
  { table: 'goal_reminder_opt_outs', change: 'deleted', sql: 'DELETE FROM goal_reminder_opt_outs WHERE person_id = ?', params: (id) => [id] },
  { table: 'guidance_seen', change: 'deleted', sql: 'DELETE FROM guidance_seen WHERE person_id = ?', params: (id) => [id] },
  { table: 'action_items', change: 'blanked', sql: "UPDATE action_items SET text = '(erased)' WHERE ? IN (manager_id, report_id, owner_id)", params: (id) => [id] },
  { table: 'nudges', change: 'blanked', sql: "UPDATE nudges SET payload = '{}', reason = NULL WHERE person_id = ?", params: (id) => [id] },
  // Messages to them: nothing more is sent to an erased person, and what was sent is no one's business.
  { table: 'outbox', change: 'deleted', sql: 'DELETE FROM outbox WHERE recipient = ?', params: (id) => [id] },
  // Comments about a manager are about them; their ratings stay in the aggregates under the stand-in.
  { table: 'pulse_responses', change: 'blanked', sql: "UPDATE pulse_responses SET comment = '' WHERE manager_id = ? AND comment <> ''", params: (id) => [id] },
];

/** Free text that may name the person, by table and key (the key finds the row again to update it). */
export const FREE_TEXT_COLUMNS: ReadonlyArray<{ table: string; column: string; key: string }> = [
  { table: 'kudos', column: 'message', key: 'id' },
  { table: 'goals', column: 'title', key: 'id' },
  { table: 'goals', column: 'why', key: 'id' },
  { table: 'goals', column: 'measure', key: 'id' },
  { table: 'goal_check_ins', column: 'note', key: 'id' },
  { table: 'action_items', column: 'text', key: 'id' },
  { table: 'plan_suggestions', column: 'text', key: 'id' },
  { table: 'plan_next_steps', column: 'text', key: 'id' },
  { table: 'development_plans', column: 'strengths', key: 'person_id' },
  { table: 'development_plans', column: 'areas_to_grow', key: 'person_id' },
  { table: 'development_plans', column: 'career_direction', key: 'person_id' },
  { table: 'events', column: 'data', key: 'id' },
  { table: 'nudges', column: 'payload', key: 'id' },
  { table: 'outbox', column: 'payload', key: 'id' },
  { table: 'outbox', column: 'dedupe_key', key: 'id' },
];
// Sealed columns (1:1 notes, pulse comments: sealed-columns.ts) are scrubbed opened, by person-eraser.ts.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive: "Zed" goes from "thanks Zed!" but not from "Zedong". */
export function scrubText(text: string, needles: readonly string[]): string {
  let out = text;
  for (const n of [...needles].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escape(n)}(?![\\p{L}\\p{N}_])`, 'giu'), 'someone');
  }
  return out;
}
