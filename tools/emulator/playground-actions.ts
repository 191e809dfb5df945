import { DateTime } from 'luxon';
import { z } from 'zod';
import { dmWith } from './state';
import type { Driver, Emulator, Where } from './index';
import type { AdjustableClock } from '../../src/clock';
import type { Leadwell } from '../../src/main';

/** What the page may ask for: one JSON shape per user gesture. */
const values = z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))).optional();
const where = z.union([z.enum(['view', 'home', 'last-ephemeral', 'last-dm']), z.object({ channel: z.string(), ts: z.string() })]);
export const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), user: z.string(), command: z.string().regex(/^\/[a-z]+$/), text: z.string().max(4000), channelId: z.string().optional() }),
  z.object({ kind: z.literal('post'), user: z.string(), channelId: z.string(), text: z.string().min(1).max(4000) }),
  z.object({ kind: z.literal('globalShortcut'), user: z.string(), callbackId: z.string() }),
  z.object({ kind: z.literal('messageShortcut'), user: z.string(), callbackId: z.string(), channel: z.string(), ts: z.string() }),
  z.object({ kind: z.literal('click'), user: z.string(), actionId: z.string(), blockId: z.string().optional(), value: z.union([z.string(), z.array(z.string())]).optional(), where, values }),
  z.object({ kind: z.literal('submit'), user: z.string(), values }),
  z.object({ kind: z.literal('close'), user: z.string() }),
  z.object({ kind: z.literal('openHome'), user: z.string() }),
  z.object({ kind: z.literal('clock'), user: z.string(), move: z.enum(['next-monday-9', 'plus-1-day', 'plus-1-hour', 'run-jobs']) }),
  z.object({ kind: z.literal('slack'), user: z.string(), state: z.enum(['down', 'up']) }),
]);
export type PlaygroundAction = z.infer<typeof actionSchema>;

export interface ActionOutcome {
  ok: boolean;
  errors?: Record<string, string>;
  /** A line for the page's status bar. */
  note?: string;
}

export interface PlaygroundActionDeps {
  emulator: Emulator;
  driver: Driver;
  leadwell: Leadwell;
  clock: AdjustableClock;
  /** Tells the page something changed that the emulator does not see (the app clock). */
  bump: () => void;
}

/** Jobs the clock control runs after a move, so what became due shows up now (names from src/jobs/). */
const DUE_JOBS = ['weekly-nudges', 'outbox-dispatcher', 'goal-reminders'];

/** Monday 09:00 in the person's zone, the next one strictly after the app's now. */
export function nextMondayNine(now: number, tz: string): number {
  const local = DateTime.fromMillis(now, { zone: tz });
  let monday = local.set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).plus({ days: (8 - local.weekday) % 7 });
  if (monday.toMillis() <= now) monday = monday.plus({ weeks: 1 });
  return monday.toMillis();
}

async function moveClock(deps: PlaygroundActionDeps, user: string, move: string): Promise<ActionOutcome> {
  const { clock, emulator, leadwell } = deps;
  const tz = emulator.state.users.get(user)?.tz ?? 'UTC';
  if (move === 'next-monday-9') clock.travelTo(nextMondayNine(clock.now(), tz));
  if (move === 'plus-1-day') clock.advance(86_400_000);
  if (move === 'plus-1-hour') clock.advance(3_600_000);
  deps.bump();
  for (const job of DUE_JOBS) await leadwell.scheduler.runNow(job);
  // A dispatcher run ends early rather than wait long for the send rate; a second pass sends what it left.
  await leadwell.scheduler.runNow('outbox-dispatcher');
  const when = DateTime.fromMillis(clock.now(), { zone: tz }).toFormat("ccc d LLL, HH:mm");
  return { ok: true, note: `App clock: ${when} (${tz}); due jobs ran.` };
}

/**
 * A Slack Web API outage, on demand: every call the app makes answers 503 until Slack is "back". Then the outbox's
 * backoff has passed (the app clock moves two minutes) and the dispatcher sends what waited, once.
 */
async function slackOutage(deps: PlaygroundActionDeps, state: 'down' | 'up'): Promise<ActionOutcome> {
  if (state === 'down') {
    deps.emulator.inject('*', { type: 'http_error', status: 503 }, 10_000);
    return { ok: true, note: 'Slack’s Web API now answers 503: give kudos and see what Leadwell says.' };
  }
  deps.emulator.clearFaults();
  deps.clock.advance(2 * 60_000);
  deps.bump();
  await deps.leadwell.scheduler.runNow('outbox-dispatcher');
  await deps.leadwell.scheduler.runNow('outbox-dispatcher');
  return { ok: true, note: 'Slack is back: what waited in the outbox went out, once.' };
}

/** Before a click or a submit in a modal, what the person typed goes into the view's state like Slack's client keeps it. */
function fill(driver: Driver, user: string, v: Record<string, Record<string, string | string[]>> | undefined): void {
  if (v && Object.keys(v).length > 0) driver.fillView(user, v);
}

export async function runAction(deps: PlaygroundActionDeps, action: PlaygroundAction): Promise<ActionOutcome> {
  const { driver, emulator } = deps;
  switch (action.kind) {
    case 'command':
      await driver.command(action.user, action.command, action.text, action.channelId ? { channelId: action.channelId } : {});
      return { ok: true };
    case 'post': {
      // Slack's client escapes what a person types: &, < and > reach the API as entities.
      const text = action.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      emulator.postAs(action.user, action.channelId || dmWith(emulator.state, action.user).id, text);
      deps.bump();
      return { ok: true };
    }
    case 'globalShortcut':
      await driver.globalShortcut(action.user, action.callbackId);
      return { ok: true };
    case 'messageShortcut':
      await driver.messageShortcut(action.user, action.callbackId, { channel: action.channel, ts: action.ts });
      return { ok: true };
    case 'click':
      if (action.where === 'view') fill(driver, action.user, action.values);
      // Checkboxes in a message send the ticked values as a list; the driver takes them as Slack's client does.
      await driver.clickButton(action.user, { actionId: action.actionId, blockId: action.blockId, value: action.value as string | undefined, where: action.where as Where });
      return { ok: true };
    case 'submit': {
      fill(driver, action.user, action.values);
      const result = await driver.submitView(action.user);
      return { ok: true, errors: result.errors };
    }
    case 'close':
      await driver.closeView(action.user);
      deps.bump();
      return { ok: true };
    case 'openHome':
      await driver.openHome(action.user);
      return { ok: true };
    case 'clock':
      return moveClock(deps, action.user, action.move);
    case 'slack':
      return slackOutage(deps, action.state);
  }
}
