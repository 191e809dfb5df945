import type { Executor } from '../../../src/storage/engine';
import { SEALED_COLUMNS } from '../../../src/storage/sealed-columns';
import { testSealer } from '../../helpers/data-key';
import { actionItem, kudos, oneOnOne, person } from './seed';
import { event, goal, pulseResponse, setNotes } from './seed-reads';

/** The privacy contract tests' world, on either engine (as test/data-lifecycle/seed.ts builds it through the app). */
export const T = Date.UTC(2026, 10, 27, 12);
export const sealer = testSealer();
const NOTES = 'one_on_ones.notes';
export const TEXT = {
  aboutAlice: 'NOTE-ABOUT-ALICE-4e1f: worried about the move',
  byAlice: 'NOTE-BY-ALICE-77aa: Carol wants the lead role, Alice thinks',
  goal: 'GOAL-OF-ALICE-b0b0 ship the billing revamp',
  kudosFrom: 'KUDOS-FROM-ALICE-c3c3 thanks for the late-night fix',
  kudosTo: 'KUDOS-TO-ALICE-d4d4 great demo, Alice',
  pulse: 'PULSE-NAMES-ALICE: Alice Doe carries the team',
};

/** Maria manages Alice and Bob; notes both ways, a goal, kudos given and received, Alice's own 1:1 with Carol, a pulse comment naming her. */
export async function world(db: Executor): Promise<void> {
  await person(db, 'UMARIA', T, { name: 'maria' });
  await person(db, 'UALICE', T, { manager: 'UMARIA', name: 'alice' });
  await db.updateTable('people').set({ real_name: 'Alice Doe', email: 'alice@example.com' }).where('id', '=', 'UALICE').execute();
  await person(db, 'UBOB', T, { manager: 'UMARIA', name: 'bob' });
  await person(db, 'UCAROL', T, { manager: 'UALICE', name: 'carol' });
  const about = await oneOnOne(db, 'UMARIA', 'UALICE', '2026-11-27', T);
  await setNotes(db, about, sealer.seal(TEXT.aboutAlice, NOTES));
  await actionItem(db, about, 'UMARIA', 'UALICE', T);
  await db.updateTable('one_on_ones').set({ summary_sent: 1 }).where('id', '=', about).execute();
  await setNotes(db, await oneOnOne(db, 'UALICE', 'UCAROL', '2026-11-26', T - 1), sealer.seal(TEXT.byAlice, NOTES));
  await setNotes(db, await oneOnOne(db, 'UMARIA', 'UBOB', '2026-11-25', T - 2), sealer.seal('notes about bob', NOTES));
  await goal(db, 'UALICE', TEXT.goal, T);
  await kudos(db, 'UALICE', ['UBOB'], T, TEXT.kudosFrom);
  await kudos(db, 'UBOB', ['UALICE', 'UCAROL'], T, TEXT.kudosTo);
  await kudos(db, 'UMARIA', ['UALICE', 'UBOB'], T, 'Alice and Bob: thanks <@UALICE>');
  await pulseResponse(db, 'p1', '2026-10', 'UMARIA', 4, sealer.seal(TEXT.pulse, 'pulse_responses.comment'));
  await event(db, 'level.changed', T, { actor: 'UMARIA', subject: 'UALICE', data: '{"who":"Alice Doe"}' });
  await db.insertInto('nudges').values({ person_id: 'UALICE', kind: 'weekly', period: 'W1', status: 'sent', due_at: T, next_attempt_at: T, payload: '{"name":"alice"}', created_at: T, updated_at: T }).execute();
}

/** Sealed columns opened with the test key, so a scan finds text in them too. */
export const opened = (table: string, column: string, text: string) => {
  if (!SEALED_COLUMNS.some((c) => c.table === table && c.column === column)) return text;
  const o = sealer.open(text, `${table}.${column}`);
  return o.ok ? o.text : text;
};

