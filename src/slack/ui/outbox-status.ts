import type { KnownBlock } from '@slack/types';
import type { OutboxRow } from '../../domain/ports';
import type { OutboxStatusView } from '../../domain/outbox/outbox-service';
import { INTERRUPTED } from '../../domain/outbox/policy';
import { retryMakesSense } from '../slack-errors';
import { escapeMrkdwn } from './kudos-post';

export const OUTBOX_RETRY_ACTION = 'outbox_retry';
export const OUTBOX_STATUS_BLOCK = 'outbox_status';

const WHAT: Record<string, string> = {
  weekly: 'weekly nudge',
  executive: 'executive digest',
  pulse: 'pulse question',
  'goal-reminder': 'goal reminder',
  'kudos.post': 'kudos post',
  'kudos.recipient': 'kudos DM',
  'kudos.confirm': 'kudos confirmation',
  'kudos.summary': 'values summary',
  'one-on-one.summary': '1:1 summary',
  'one-on-one.agenda': '1:1 agenda',
  'reporting-line.ask': 'reporting-line question',
  'reporting-line.news': 'reporting-line news',
  reply: 'reply',
  file: 'file',
};

/** Slack's reasons (and ours) in plain words, for an admin who never read Slack's API docs. */
const REASONS: Record<string, string> = {
  not_in_channel: 'Leadwell is not in the channel: invite it with `/invite @Leadwell`',
  private_channel: 'the kudos channel is private and Leadwell is not in it: invite it with `/invite @Leadwell`',
  channel_archived: 'the kudos channel is archived: set a new KUDOS_CHANNEL',
  is_archived: 'the channel is archived',
  channel_not_found: 'the channel or DM could not be found',
  user_not_found: 'the person is not in Slack any more',
  account_inactive: 'the person has left',
  user_disabled: 'the person has left',
  cannot_dm_bot: 'it was addressed to a bot',
  messages_tab_disabled: 'the person turned off messages from apps',
  missing_scope: 'Leadwell lacks a permission: reinstall the app from manifest.yml',
  invalid_auth: 'Slack no longer accepts the bot token',
  token_revoked: 'the app was uninstalled or its token revoked',
  not_authed: 'Slack no longer accepts the bot token',
  timeout: 'Slack did not answer in time; it may have arrived, so it is not sent again',
  [INTERRUPTED]: 'Leadwell stopped while sending it; it may have arrived, so it is not sent again',
  prepare_error: 'Leadwell could not build it (see the logs)',
  http_503: 'Slack was unavailable',
  ratelimited: 'Slack asked Leadwell to slow down',
};

/** Kinds posted in a channel (the kudos channel): a missing channel there is something an admin can fix. */
const CHANNEL_KINDS = new Set(['kudos.post', 'kudos.summary']);

export function reasonInWords(row: Pick<OutboxRow, 'status' | 'reason' | 'kind'>): string {
  if (row.reason === 'channel_not_found' && CHANNEL_KINDS.has(row.kind)) {
    return 'Leadwell cannot find the channel: if it is private, invite Leadwell with `/invite @Leadwell`; otherwise check KUDOS_CHANNEL';
  }
  const known = row.reason ? REASONS[row.reason] : undefined;
  if (known) return known;
  if (row.status === 'uncertain') return 'Slack did not confirm it; it may have arrived, so it is not sent again';
  if (row.reason && /^http_5\d\d$/.test(row.reason)) return 'Slack had an error; it may have arrived, so it is not sent again';
  return `Slack said \`${escapeMrkdwn(row.reason ?? 'unknown')}\``;
}

function ageInWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

function failureBlock(row: OutboxRow): KnownBlock {
  const what = WHAT[row.kind] ?? row.kind;
  const to = row.recipient.startsWith('U') || row.recipient.startsWith('W') ? `<@${row.recipient}>` : escapeMrkdwn(row.recipient);
  const text = `${row.status === 'uncertain' ? ':grey_question:' : ':warning:'} A ${what} for ${to}: ${reasonInWords(row)}.`;
  const retry = row.status === 'failed' && row.kind !== 'file' && retryMakesSense(row.reason);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text },
    ...(retry ? { accessory: { type: 'button', action_id: OUTBOX_RETRY_ACTION, text: { type: 'plain_text', text: 'Retry' }, value: String(row.id) } } : {}),
  };
}

/** Queue depth, the oldest wait and the last failures in plain words; App Home's admin part and `/coach status`. */
export function outboxStatusBlocks(v: OutboxStatusView): KnownBlock[] {
  return [
    {
      type: 'section',
      block_id: OUTBOX_STATUS_BLOCK,
      fields: [
        { type: 'mrkdwn', text: `*Messages waiting to go*\n${v.depth}` },
        { type: 'mrkdwn', text: `*Oldest waiting*\n${v.depth === 0 ? '—' : ageInWords(v.oldestAgeMs)}` },
        { type: 'mrkdwn', text: `*Failed this week*\n${v.failedLastWeek}` },
        { type: 'mrkdwn', text: `*Uncertain this week*\n${v.uncertainLastWeek}` },
      ],
    },
    ...v.failures.map(failureBlock),
  ];
}

export function outboxStatusMessage(v: OutboxStatusView): { text: string; blocks: KnownBlock[] } {
  const text = `Leadwell's outbox: ${v.depth} waiting, ${v.failedLastWeek} failed and ${v.uncertainLastWeek} uncertain this week.`;
  return { text, blocks: [{ type: 'header', text: { type: 'plain_text', text: 'What Leadwell sends on its own' } }, ...outboxStatusBlocks(v)] };
}
