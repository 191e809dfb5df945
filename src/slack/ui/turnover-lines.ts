import type { KnownBlock } from '@slack/types';
import type { ManagerTurnover } from '../../domain/leadership/turnover';
import type { OrgReport } from '../../domain/report-service';
import { goalLine, turnoverText } from './leadership-format';
import { truncate } from './one-on-one-format';

/** Turnover and goal lines for `/coach report`: counts and rates only, never who left. */

const ROLE_TITLES = { individual: 'Individual contributors', frontline: 'Frontline managers', 'mid-level': 'Mid-level managers', executive: 'Executives' } as const;

export function teamTurnoverLine(t: ManagerTurnover | undefined, minGroup: number): string[] {
  if (!t) return [];
  const subtree = t.subtree ? ` · everyone below you: ${turnoverText(t.subtree, minGroup)}` : '';
  return [`:door: 12-month turnover — your team: ${turnoverText(t.team, minGroup)}${subtree}`];
}

export function orgTurnoverLines(r: OrgReport): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (r.turnover) {
    const lines = [
      `*12-month turnover* — organisation: ${turnoverText(r.turnover.org, r.minGroup)}`,
      ...r.turnover.roles.map((x) => `• ${ROLE_TITLES[x.role]}: ${turnoverText(x.figure, r.minGroup)}`),
      '_Leavers ÷ (people now + leavers), by each leaver’s role when they left. Groups under the minimum are hidden; nobody who left is named._',
    ];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 2900) } });
  }
  if (r.goals && r.goals.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Organisation goals*\n${r.goals.map(goalLine).join('\n')}`, 2900) } });
  }
  return blocks;
}
