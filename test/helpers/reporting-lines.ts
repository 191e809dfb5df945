import type { Emulator, Driver } from '../../tools/emulator';
import { LINE_CONFIRM_ACTION } from '../../src/slack/ui/reporting-line';

/** The latest DM to this person that still carries the reporting-line buttons. */
export async function lineRequestDm(h: { emulator: Emulator }, userId: string) {
  return h.emulator.waitFor(() => h.emulator.dms(userId).filter((m) => JSON.stringify(m.blocks ?? []).includes(LINE_CONFIRM_ACTION)).at(-1), { timeoutMs: 4000 });
}

/** Clicks Confirm (or Not me / Not right) on the latest reporting-line request DM, as that person does in Slack. */
export async function answerLineRequest(h: { emulator: Emulator; driver: Driver }, userId: string, actionId = LINE_CONFIRM_ACTION) {
  const dm = await lineRequestDm(h, userId);
  return h.driver.clickButton(userId, { actionId, where: { channel: dm.channel, ts: dm.ts } });
}
