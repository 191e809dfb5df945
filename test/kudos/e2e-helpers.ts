import type { Harness } from '../helpers/harness';
import {
  KUDOS_MESSAGE_ACTION, KUDOS_MESSAGE_BLOCK, KUDOS_POST_ACTION, KUDOS_POST_BLOCK, KUDOS_RECIPIENTS_ACTION,
  KUDOS_RECIPIENTS_BLOCK, KUDOS_VALUE_ACTION, KUDOS_VALUE_BLOCK,
} from '../../src/slack/ui/kudos-modal';

/** Kudos-specific steps over the lead's harness: fill the modal, read what Slack shows, count rows. */
export function kudosSteps(t: Harness) {
  const em = t.emulator;
  return {
    /** A `SELECT COUNT(*) AS n …` through `t.query`, so it reads the same on SQLite and PostgreSQL. */
    count: async (sql: string, ...params: unknown[]) => (await t.query<{ n: number }>(sql, ...params))[0]?.n,
    posts: () => em.messages(t.kudosChannel),
    dmText: (userId: string) => JSON.stringify(em.dms(userId)),
    lastEphemeral: (userId: string) => em.ephemerals(userId).at(-1),
    fill: (userId: string, v: { recipients?: string[]; value?: string; message?: string; post?: boolean }) => {
      const values: Record<string, Record<string, string | string[]>> = {};
      if (v.recipients) values[KUDOS_RECIPIENTS_BLOCK] = { [KUDOS_RECIPIENTS_ACTION]: v.recipients };
      if (v.value) values[KUDOS_VALUE_BLOCK] = { [KUDOS_VALUE_ACTION]: v.value };
      if (v.message !== undefined) values[KUDOS_MESSAGE_BLOCK] = { [KUDOS_MESSAGE_ACTION]: v.message };
      if (v.post !== undefined) values[KUDOS_POST_BLOCK] = { [KUDOS_POST_ACTION]: v.post ? ['post'] : [] };
      return t.driver.fillView(userId, values);
    },
    /** Sends /kudos and waits for the private answer. */
    async command(userId: string, text: string) {
      const before = em.ephemerals(userId).length;
      const res = await t.driver.command(userId, '/kudos', text);
      if (res.status !== 200) throw new Error(`/kudos answered ${res.status}`);
      return em.waitFor(() => (em.ephemerals(userId).length > before ? em.ephemerals(userId).at(-1) : undefined), { timeoutMs: 6000 });
    },
    /** Sends /kudos and waits for the modal it opens. */
    async commandModal(userId: string, text: string) {
      const res = await t.driver.command(userId, '/kudos', text);
      if (res.status !== 200) throw new Error(`/kudos answered ${res.status}`);
      return em.waitFor(() => em.openView(userId), { timeoutMs: 4000 });
    },
    kudosRows: () =>
      t.query<Record<string, string | number | null>>('SELECT id, giver_id, value, message, source_channel, source_ts, source_permalink, post_channel, post_ts, post_status, post_error FROM kudos ORDER BY id'),
    /** In the order the giver named them: `position` (migration 0017), which both engines keep; rowid was SQLite's. */
    recipientsOf: async (kudosId: number) =>
      (await t.query<{ recipient_id: string }>('SELECT recipient_id FROM kudos_recipients WHERE kudos_id = ? ORDER BY position', kudosId)).map((r) => r.recipient_id),
  };
}
