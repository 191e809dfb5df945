import type { KnownBlock } from '@slack/types';
import { MAX_RECIPIENTS, MESSAGE_MAX, MESSAGE_MIN } from '../../domain/kudos';
import type { KudosStats } from '../../domain/kudos-insights';
import { escapeMrkdwn, mentionList } from './kudos-post';
import { count } from './words';

type Message = { text: string; blocks: KnownBlock[] };

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

export interface ConfirmationModel {
  recipientIds: readonly string[];
  value: string;
  duplicate?: boolean;
  post?:
    | { status: 'posted'; channel: string }
    | { status: 'pending'; reason?: string }
    | { status: 'not_posted'; reason: string; channel?: string }
    | { status: 'failed'; error: string; channel?: string };
  /** Recipients whose DM could not be delivered. */
  unreachable: readonly string[];
  /** Something still waits for its turn with Slack (the post or a DM): the giver hears by DM once it is out. */
  pending?: boolean;
  channelLabel?: string;
}

function postLine(m: ConfirmationModel): string {
  if (!m.post) return '';
  const where = 'channel' in m.post && m.post.channel ? `<#${m.post.channel}>` : (m.channelLabel ?? 'the kudos channel');
  switch (m.post.status) {
    case 'posted':
      return `It is posted in <#${m.post.channel}>.`;
    case 'pending':
      // No reason: nothing failed, it waits its turn at the workspace's post rate (Slack's limit for an app).
      return m.post.reason
        ? `Slack is not answering right now: it is saved and will be posted in ${where} when Slack is back. I will send you a direct message once it is there.`
        : `It is saved and queued: it will be posted in ${where} shortly (Slack limits how fast an app may post). I will send you a direct message once it is there.`;
    case 'failed':
      return `I could not post it in ${where} right now (${POST_ERRORS[m.post.error] ?? m.post.error}); it is saved, and your Leadwell admin can post it again from App Home.`;
    default:
      return NOT_POSTED[m.post.reason]?.(where) ?? `It was not posted in ${where}.`;
  }
}

// The Web API client's own error codes mean nothing to a giver; Slack's error codes (not_in_channel…) stay as they are.
const POST_ERRORS: Record<string, string> = {
  slack_webapi_http_error: 'Slack did not answer',
  slack_webapi_request_error: 'Slack could not be reached',
  slack_webapi_rate_limited_error: 'Slack asked me to slow down',
  ratelimited: 'Slack asked me to slow down',
  uncertain: 'Slack did not confirm the post; have a look in the channel',
  not_in_channel: 'I am not in the channel',
};

const NOT_POSTED: Record<string, (where: string) => string> = {
  giver_opted_out: () => 'As you asked, it was not posted in the kudos channel.',
  no_channel_configured: () => 'No kudos channel is set up (KUDOS_CHANNEL), so it was not posted publicly.',
  private_channel: (where) => `${where} is private and I am not a member, so I could not post it there. Ask someone in the channel to \`/invite @Leadwell\`.`,
  channel_archived: (where) => `${where} is archived, so I could not post it there. Ask your Leadwell admin to set a new KUDOS_CHANNEL.`,
  channel_not_found: (where) => `I cannot find ${where}: it may be private without me in it. Ask someone in it to \`/invite @Leadwell\`, or your admin to check KUDOS_CHANNEL.`,
};

/** The private note to the giver once the kudos is stored and delivered. */
export function kudosConfirmation(m: ConfirmationModel): Message {
  if (m.duplicate) {
    const text = `You already sent these kudos to ${mentionList(m.recipientIds)} a moment ago; I kept just one.`;
    return { text, blocks: [section(`:ballot_box_with_check: ${text}`)] };
  }
  const head = `:tada: Kudos sent to ${mentionList(m.recipientIds)} for *${escapeMrkdwn(m.value)}*. ${postLine(m)}`;
  // Pending DMs (the workspace's post rate is spent, or Slack is failing) are not yet "got".
  const dm =
    m.unreachable.length > 0
      ? `I could not send a direct message to ${mentionList(m.unreachable)}; the kudos is still saved.`
      : m.pending
        ? 'Their direct messages are queued and will go out shortly; I will message you once everything is delivered.'
        : 'Each of them got a direct message.';
  return {
    text: `Kudos sent to ${mentionList(m.recipientIds)} for ${escapeMrkdwn(m.value)}.`,
    blocks: [section(head), context(`${dm} Their managers will see it in their next 1:1 prep card and weekly digest.`)],
  };
}

export function kudosNotice(text: string): Message {
  return { text, blocks: [section(`:warning: ${text}`)] };
}

export function kudosHelp(model: { companyValues: readonly string[]; dailyCap: number; channelLabel?: string; isAdmin?: boolean }): Message {
  const values = model.companyValues.map((v) => `\`#${v.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}\``).join(' · ');
  const lines = [
    `*\`/kudos @person [@person…] what they did #value\`* — recognise up to ${MAX_RECIPIENTS} people at once`,
    '*`/kudos @person`* — opens the form with them filled in, to finish there',
    '*`/kudos stats`* — what you gave and received this month',
    '*`/kudos help`* — this help',
    'Or use the *Give kudos* shortcut, or *Give kudos for this* on any message.',
  ];
  if (model.isAdmin) lines.push('*`/kudos summary on|off`* — (admins) a monthly "values in action" post: values and spread, never rankings');
  const rules = [
    `Messages are ${MESSAGE_MIN}–${MESSAGE_MAX} characters. Values: ${values}.`,
    `You can recognise up to ${model.dailyCap} people a day; the count resets at midnight your time.`,
    model.channelLabel ? `Kudos are posted in ${model.channelLabel} and sent to each person directly.` : 'Kudos are sent to each person directly.',
    'What lands: the specific thing they did, the difference it made, and the value it shows.',
  ];
  return {
    text: 'How to give kudos with Leadwell',
    blocks: [section('*Give kudos*'), section(lines.join('\n')), context(rules.join('\n'))],
  };
}

export function kudosStatsMessage(stats: KudosStats): Message {
  const g = stats.given;
  const r = stats.received;
  const values = r.values.length > 0 ? r.values.map((v) => `${escapeMrkdwn(v.value)} ×${v.count}`).join(', ') : 'none yet';
  const gave = g.kudos === 0 ? 'you gave no kudos' : `you gave ${g.kudos} kudos to ${count(g.people, 'person', 'people')}`;
  const received = r.kudos === 0 ? 'received none yet' : `received ${r.kudos} from ${count(r.givers, 'person', 'people')}`;
  const text = `In ${stats.label} ${gave} and ${received}.`;
  const nudge = g.kudos === 0 ? 'Nobody recognised yet this month: who made your week easier?' : 'Thanks for noticing good work.';
  return {
    text,
    blocks: [section(`*Your kudos in ${stats.label}*`), section(`${text}\nValues you were recognised for: ${values}`), context(nudge)],
  };
}
