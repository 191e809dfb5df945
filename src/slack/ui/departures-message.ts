import type { KnownBlock } from '@slack/types';
import type { Departure } from '../../domain/leadership/ports';
import { escapeMrkdwn, truncate } from './one-on-one-format';

/** `/coach departures` (admins only, private): the last 12 months' leavers, each markable as regretted or not. */
export const DEPARTURE_MARK_ACTION = 'departure_mark';
export const DEPARTURES_SHOWN = 20;
export const departureBlockId = (id: number): string => `departure_${id}`;

const ROLE_WORDS = { individual: 'individual contributor', frontline: 'frontline manager', 'mid-level': 'mid-level manager', executive: 'executive' } as const;
const MARK_WORDS = { yes: 'Regretted', no: 'Not regretted', clear: 'Not marked' } as const;

/** What the select carries: the departure and the choice. */
export function parseDepartureMark(raw: string | undefined): { id: number; regretted: boolean | null } | undefined {
  const m = /^(\d{1,12}):(yes|no|clear)$/.exec(raw ?? '');
  if (!m) return undefined;
  return { id: Number(m[1]), regretted: m[2] === 'yes' ? true : m[2] === 'no' ? false : null };
}

function line(d: Departure): KnownBlock {
  const day = new Date(d.leftAt).toISOString().slice(0, 10);
  const manager = d.managerId ? `, reported to <@${d.managerId}>` : '';
  const options = (['yes', 'no', 'clear'] as const).map((k) => ({ text: { type: 'plain_text' as const, text: MARK_WORDS[k] }, value: `${d.id}:${k}` }));
  const current = d.regretted === undefined ? 'clear' : d.regretted ? 'yes' : 'no';
  return {
    type: 'section',
    block_id: departureBlockId(d.id),
    text: { type: 'mrkdwn', text: truncate(`*${escapeMrkdwn(truncate(d.name, 60))}* — left ${day}, ${ROLE_WORDS[d.role]}${manager} · via ${d.source === 'slack' ? 'Slack' : 'org import'}`, 3000) },
    accessory: { type: 'static_select', action_id: DEPARTURE_MARK_ACTION, options, initial_option: options.find((o) => o.value === `${d.id}:${current}`) },
  };
}

export function departuresMessage(list: readonly Departure[]): { text: string; blocks: KnownBlock[] } {
  if (list.length === 0) return { text: 'No departures recorded in the last 12 months.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No departures recorded in the last 12 months.' } }] };
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*Departures, last 12 months* (${list.length}) — only Leadwell admins see this list and the regretted marks.` } },
    ...list.slice(0, DEPARTURES_SHOWN).map(line),
  ];
  if (list.length > DEPARTURES_SHOWN) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Showing the latest ${DEPARTURES_SHOWN} of ${list.length}.` }] });
  return { text: `Departures in the last 12 months: ${list.length}.`, blocks };
}
