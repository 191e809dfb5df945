import type { KnownBlock } from '@slack/types';
import type { AuditEntry } from '../../domain/audit';
import { escapeMrkdwn, truncate } from './one-on-one-format';

/** `/coach audit`: one page of the audit trail, newest first, and the CSV's rows. Pure. */

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/** A person as Slack shows them; the command line, the schedule and erased people in words. */
export function whoText(id: string | undefined): string {
  if (id === undefined) return '—';
  if (SLACK_USER.test(id)) return `<@${id}>`;
  if (id.startsWith('erased-')) return 'an erased person';
  if (id === 'cli') return 'command line';
  if (id === 'scheduler') return 'schedule';
  return escapeMrkdwn(truncate(id, 40));
}

function value(v: unknown): string {
  if (typeof v === 'string') return SLACK_USER.test(v) ? `<@${v}>` : escapeMrkdwn(truncate(v, 60));
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return escapeMrkdwn(truncate(JSON.stringify(v), 80));
}

export function auditDetails(data: Record<string, unknown>): string {
  return Object.entries(data)
    .slice(0, 6)
    .map(([k, v]) => `${escapeMrkdwn(k)}: ${value(v)}`)
    .join(', ');
}

const when = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');

export function auditPageMessage(p: { entries: AuditEntry[]; page: number; pages: number; total: number }): { text: string; blocks: KnownBlock[] } {
  const title = `Audit trail: ${p.total} entr${p.total === 1 ? 'y' : 'ies'}, page ${p.page} of ${p.pages} (newest first, times in UTC)`;
  const lines = p.entries.map((e) => {
    const on = e.subjectId ? ` · on ${whoText(e.subjectId)}` : '';
    const details = auditDetails(e.data);
    return `\`${when(e.at)}\` *${escapeMrkdwn(e.label)}* · by ${whoText(e.actorId)}${on}${details ? ` · ${details}` : ''}`;
  });
  const more = p.page < p.pages ? `Older: \`/coach audit ${p.page + 1}\`` : 'That is the oldest page.';
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } },
    ...(lines.length > 0
      ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: truncate(lines.join('\n'), 2900) } }]
      : [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Nothing on this page.' } }]),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${more} · \`/coach audit export\` sends the whole trail as a CSV to your DM. Never note text.` }] },
  ];
  return { text: title, blocks };
}

export const AUDIT_CSV_COLUMNS = ['time_utc', 'action', 'kind', 'actor', 'subject', 'details'] as const;

export function auditCsvRecords(entries: readonly AuditEntry[]): string[][] {
  return entries.map((e) => [new Date(e.at).toISOString(), e.label, e.kind, e.actorId ?? '', e.subjectId ?? '', JSON.stringify(e.data)]);
}
