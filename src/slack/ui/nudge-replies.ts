import type { KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import type { NudgeDigest } from '../../domain/notifier';
import type { NudgeSchedule } from '../../domain/nudge-service';
import { WEEKDAY_NAMES, zoneOrUtc } from '../../domain/nudge-schedule';
import { nudgeMessage } from './nudge-message';

type Message = { text: string; blocks: KnownBlock[] };

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const dayName = (d: number) => capital(WEEKDAY_NAMES[d - 1] ?? 'monday');
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

function when(ms: number, tz: string): string {
  return DateTime.fromMillis(ms, { zone: zoneOrUtc(tz) }).toFormat("cccc d LLLL 'at' HH:mm");
}

/** One line saying when the nudge comes, or why it does not. */
export function scheduleLine(s: NudgeSchedule): string {
  const slot = `${dayName(s.effectiveDay)}s at ${hourLabel(s.hour)} (${s.tz})`;
  if (s.paused) return `:double_vertical_bar: Your weekly nudge is *paused* (it would come ${slot}). Resume with \`/coach nudges on\`.`;
  const weekend = s.day !== s.effectiveDay ? ` You picked ${dayName(s.day)}; nudges go out on working days, so it comes on Monday.` : '';
  const snoozed = s.snoozedUntil ? ` Snoozed until ${when(s.snoozedUntil, s.tz)}.` : '';
  const next = s.nextAt ? ` Next: *${when(s.nextAt, s.tz)}*.` : '';
  const away = s.away ? ' Your Slack status says you are away, so a nudge due while it does is skipped.' : '';
  return `:calendar: Your weekly nudge comes ${slot}.${next}${snoozed}${weekend}${away}`;
}

export const NUDGES_USAGE = [
  '`/coach nudges` — when your weekly nudge comes',
  '`/coach nudges off` / `/coach nudges on` — pause or resume it',
  '`/coach nudges day tuesday 8` — pick a working day and an hour in your time zone (`/coach nudges time 8` for the hour only)',
  '`/coach nudge preview` — see what this week\'s nudge says',
].join('\n');

export function nudgeStatusMessage(s: NudgeSchedule, headline?: string): Message {
  const line = scheduleLine(s);
  const text = headline ? `${headline} ${line}` : line;
  return { text, blocks: [...(headline ? [section(headline)] : []), section(line), context(NUDGES_USAGE)] };
}

export function nudgeUsageMessage(problem: string): Message {
  return { text: problem, blocks: [section(problem), context(NUDGES_USAGE)] };
}

/** The preview: exactly this week's digest, with a line saying it is a preview and when the real one comes. */
export function nudgePreviewMessage(digest: NudgeDigest, s: NudgeSchedule, now: number): Message {
  const message = nudgeMessage(digest, now);
  const note = context(`:eyes: *Preview* — only you can see this. ${scheduleLine(s)}`);
  return { text: `Preview: ${message.text}`, blocks: [note, ...message.blocks].slice(0, 50) };
}

/** What replaces a used button row in the nudge. */
export function nudgeDoneContext(text: string): KnownBlock {
  return context(text);
}

export function snoozedText(s: NudgeSchedule): string {
  return s.nextAt ? `:zzz: Snoozed: no nudge until ${when(s.nextAt, s.tz)}.` : ':zzz: Snoozed for a week.';
}

export const PAUSED_TEXT = ':double_vertical_bar: Nudges paused. Resume any time from the Home tab or with `/coach nudges on`.';
export const FEEDBACK_THANKS = { useful: ':+1: Thanks — glad it helped.', not_useful: ':-1: Thanks — noted. It helps us pick better tips.' };
