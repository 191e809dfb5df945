import { setTeam, type Harness } from '../helpers/harness';

/** Distinctive text, so a scan of tables or raw bytes finds it wherever it is. */
export const TEXT = {
  notesAboutAlice: 'NOTE-ABOUT-ALICE-4e1f: worried about the move',
  notesByAlice: 'NOTE-BY-ALICE-77aa: Carol wants the lead role',
  goalOfAlice: 'GOAL-OF-ALICE-b0b0 ship the billing revamp',
  kudosFromAlice: 'KUDOS-FROM-ALICE-c3c3 thanks for the late-night fix',
  kudosToAlice: 'KUDOS-TO-ALICE-d4d4 great demo',
  itemForAlice: 'ITEM-FOR-ALICE-e5e5 draft the plan',
};

let keys = 0;
const key = () => `seed-${(keys += 1)}-${Math.random()}`;

export async function logOneOnOne(h: Harness, managerId: string, reportId: string, notes: string, items: string[] = [], heldOn = '2026-11-27', sendSummary = false): Promise<number> {
  const outcome = await h.leadwell.slack.deps.oneOnOnes.submitLog(
    managerId,
    { reportId, heldOn, notes, items: items.map((text, row) => ({ row, text, ownerId: reportId })), doneItemIds: [], careerTalk: false, sendSummary },
    key(),
  );
  if (!outcome.ok) throw new Error(`log refused: ${JSON.stringify(outcome.errors)}`);
  if (sendSummary) await h.leadwell.slack.deps.oneOnOnes.markSummarySent(outcome.result.oneOnOneId);
  return outcome.result.oneOnOneId;
}

/**
 * A posted kudos with its recipients in one transaction (a backup taken meanwhile sees both or neither), through
 * the app's Kysely store so it seeds either engine.
 */
export async function kudos(h: Harness, giverId: string, recipientIds: string[], message: string, at = h.clock.now()): Promise<void> {
  await h.store.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('kudos')
      .values({ giver_id: giverId, value: 'Craft', message, idempotency_key: key(), created_at: at, post_status: 'posted', source_channel: null, source_ts: null, source_permalink: null, post_channel: null, post_ts: null, post_error: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of recipientIds) await trx.insertInto('kudos_recipients').values({ kudos_id: id, recipient_id: r, created_at: at }).execute();
  });
}

/** Maria manages Alice and Bob; notes both ways, a goal, kudos given and received, Alice's own 1:1 with Carol. */
export async function seedPrivacyWorld(h: Harness): Promise<void> {
  const { manager, alice, bob, carol } = h.people;
  await setTeam(h, manager, [alice, bob]);
  await h.leadwell.slack.deps.people.ensure(carol);
  await logOneOnOne(h, manager, alice, TEXT.notesAboutAlice, [TEXT.itemForAlice], '2026-11-27', true);
  await logOneOnOne(h, manager, bob, 'notes about bob');
  await logOneOnOne(h, alice, carol, TEXT.notesByAlice);
  await h.leadwell.slack.deps.goals.create({ actorId: alice, raw: { title: TEXT.goalOfAlice, why: 'customers wait', measure: 'live', kind: 'personal', visibility: 'manager' }, requestKey: key() });
  await kudos(h, alice, [bob], TEXT.kudosFromAlice);
  await kudos(h, bob, [alice], TEXT.kudosToAlice);
}
