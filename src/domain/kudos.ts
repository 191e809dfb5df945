import { DateTime } from 'luxon';
import { DomainError } from './errors';

/** Recognition: the entities, the ports the kudos service needs, and the pure rules. */

export const MAX_RECIPIENTS = 10;
export const MESSAGE_MIN = 10;
export const MESSAGE_MAX = 1000;
/** Same giver + recipients + text within this window is the same kudos (double click, retry). */
export const DUPLICATE_WINDOW_MS = 60_000;

export type PostStatus = 'pending' | 'posted' | 'not_posted' | 'failed';

/** Where the recognised work happened (message shortcut). */
export interface KudosSource {
  channelId: string;
  ts: string;
  permalink?: string;
}

export interface Kudos {
  id: number;
  giverId: string;
  recipientIds: string[];
  value: string;
  /** Plain text as the person meant it; people as `<@U…>`. Render with renderMessage() before posting. */
  message: string;
  source?: KudosSource;
  postChannel?: string;
  postTs?: string;
  postStatus: PostStatus;
  postError?: string;
  idempotencyKey: string;
  createdAt: number;
}

export interface NewKudos {
  giverId: string;
  recipientIds: string[];
  value: string;
  message: string;
  source?: KudosSource;
  /** false when the giver unticked "post in the kudos channel", or no channel is configured. */
  postChannel: boolean;
  idempotencyKey: string;
  createdAt: number;
}

export interface KudosRepository {
  insert(kudos: NewKudos): Promise<Kudos>;
  get(id: number): Promise<Kudos | undefined>;
  byIdempotencyKey(key: string): Promise<Kudos | undefined>;
  /** Kudos this person gave at or after `since`, oldest first. */
  givenSince(giverId: string, since: number): Promise<Kudos[]>;
  /** Recipients counted once per kudos, at or after `since`: what the daily cap counts. */
  recipientsGivenSince(giverId: string, since: number): Promise<number>;
  receivedBetween(recipientId: string, from: number, to: number): Promise<Kudos[]>;
  givenBetween(giverId: string, from: number, to: number): Promise<Kudos[]>;
  allBetween(from: number, to: number): Promise<Kudos[]>;
  /** No channel post for this kudos (opted out, no channel): the outbox's post row records the rest. */
  markNotPosted(id: number, reason: string, channel?: string): Promise<void>;
  summaryEnabled(): Promise<boolean>;
  setSummaryEnabled(on: boolean, at: number): Promise<void>;
  /** The month label of the last summary posted, so a re-run job does not post it twice. */
  lastSummaryPosted(): Promise<string | undefined>;
  recordSummaryPosted(label: string, at: number): Promise<void>;
}

// ---------- pure rules ----------

/** Characters as people count them (code points), so non-Latin text and emoji are not penalised. */
export function visibleLength(text: string): number {
  return Array.from(text).length;
}

export function checkMessage(text: string): string | undefined {
  const n = visibleLength(text.trim());
  if (n < MESSAGE_MIN) return `Say a little more: at least ${MESSAGE_MIN} characters about what they did and why it mattered.`;
  if (n > MESSAGE_MAX) return `Please keep it under ${MESSAGE_MAX} characters (this one has ${n}).`;
  return undefined;
}

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** `#customer-first`, `#CustomerFirst` and `customer first` all name the value "Customer first". */
export function matchValue(tag: string, values: readonly string[]): string | undefined {
  const wanted = squash(tag);
  if (!wanted) return undefined;
  return values.find((v) => squash(v) === wanted);
}

/** Local midnight to local midnight around `now`, in the giver's zone; a bad zone falls back to UTC. */
export function localDay(now: number, tz: string): { start: number; end: number; zone: string } {
  let local = DateTime.fromMillis(now, { zone: tz });
  if (!local.isValid) local = DateTime.fromMillis(now, { zone: 'UTC' });
  const start = local.startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis(), zone: local.zoneName ?? 'UTC' };
}

export function localMonth(now: number, tz: string): { start: number; end: number; label: string } {
  let local = DateTime.fromMillis(now, { zone: tz });
  if (!local.isValid) local = DateTime.fromMillis(now, { zone: 'UTC' });
  const start = local.startOf('month');
  return { start: start.toMillis(), end: start.plus({ months: 1 }).toMillis(), label: start.toFormat('LLLL yyyy') };
}

/** "in 3 h 20 min" — how long until the cap resets. */
export function untilText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Throws a DomainError on the recipients field when this kudos would pass the giver's daily cap. */
export function checkDailyCap(input: { alreadyToday: number; adding: number; cap: number; now: number; tz: string }): void {
  const { alreadyToday, adding, cap, now, tz } = input;
  if (alreadyToday + adding <= cap) return;
  const day = localDay(now, tz);
  const resets = `It resets at midnight your time (${day.zone}), in ${untilText(day.end - now)}.`;
  const left = Math.max(0, cap - alreadyToday);
  const message =
    left === 0
      ? `You have reached today's kudos cap of ${cap} people. ${resets}`
      : `Today's kudos cap is ${cap} people and you have ${left} left; pick ${left} or fewer. ${resets}`;
  throw new DomainError('kudos_daily_cap', message, 'recipients');
}

/** Double click, retry or a second identical /kudos: same giver, same people, same words. */
export function isSameKudos(a: Pick<Kudos, 'giverId' | 'recipientIds' | 'message'>, b: Pick<NewKudos, 'giverId' | 'recipientIds' | 'message'>): boolean {
  if (a.giverId !== b.giverId || a.recipientIds.length !== b.recipientIds.length) return false;
  const set = new Set(a.recipientIds);
  if (!b.recipientIds.every((id) => set.has(id))) return false;
  return normaliseForCompare(a.message) === normaliseForCompare(b.message);
}

function normaliseForCompare(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The message as stored: plain text as the person meant it, with people and channels kept as
 * `<@U…>` / `<#C…>` so they stay mentions. Slack-escaped slash-command text is decoded to that:
 * `<!here>` becomes the words "@here", a labelled link becomes "label (url)".
 */
export function plainFromSlack(escaped: string): string {
  return escaped
    .replace(/<@([UW][A-Z0-9]+)(\|[^<>]*)?>/g, '<@$1>')
    .replace(/<#([CG][A-Z0-9]+)(\|[^<>]*)?>/g, '<#$1>')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|@?([^<>]*))?>/gi, (_m, label?: string) => `@${label || 'group'}`)
    .replace(/<!([a-z]+)(?:\^[^|<>]*)?(?:\|([^<>]*))?>/gi, (_m, name: string, label?: string) => label || `@${name}`)
    .replace(/<((?:https?|mailto):[^|<>\s]+)\|([^<>]*)>/g, (_m, url: string, label: string) => (label && label !== url ? `${label} (${url})` : url))
    .replace(/<((?:https?|mailto):[^|<>\s]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A stored message as mrkdwn that is safe to post: people and channel mentions survive; everything
 * else in angle brackets is escaped, so `<!channel>` or a disguised link cannot be forged; plain
 * @channel/@here/@everyone get a zero-width space so they never notify.
 */
export function renderMessage(plain: string): string {
  const keep: string[] = [];
  let out = plain.replace(/\uE000/g, '').replace(/<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+)>/g, (m) => {
    keep.push(m);
    return `\uE000${keep.length - 1}\uE000`;
  });
  out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  out = out.replace(/(^|[^\p{L}\p{N}_])@(channel|here|everyone)\b/giu, '$1@\u200B$2');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => keep[Number(i)] ?? '');
}
