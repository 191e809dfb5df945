import type { KnownBlock } from '@slack/types';
import type { TeamMemberView, TeamView } from '../../domain/home';
import { cadenceBadge, cadenceLabel, shortDate } from './home-format';
import { count, countOrNone, daysAgo } from './words';
import {
  HOME_EDIT_TEAM_ACTION, HOME_KUDOS_ACTION, HOME_LOG_ACTION, HOME_PAGE_NEXT_ACTION, HOME_PAGE_PREV_ACTION, HOME_PREP_ACTION, HOME_REPORT_MENU_ACTION, REMOVE_REPORT_OPTION,
} from './home-ids';

const btn = (text: string, action_id: string, value: string, style?: 'primary') => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text },
  action_id,
  value,
  ...(style ? { style } : {}),
});

/** The badge already says when there is no 1:1 yet: the facts line does not say it twice. */
function memberLines(m: TeamMemberView, today: string): string {
  const facts = [
    ...(m.lastOneOnOne ? [`last 1:1 ${shortDate(m.lastOneOnOne, today)} (${daysAgo(m.cadence.daysSince ?? 0)})`] : []),
    countOrNone(m.openActionItems, 'open action item', 'no open action items'),
    m.kudosReceived30d > 0 ? `:tada: ${count(m.kudosReceived30d, 'kudos', 'kudos')} in 30 days` : 'no kudos in 30 days',
  ];
  return `<@${m.person.id}> · ${cadenceBadge(m.cadence)}\n${facts.join(' · ')}`;
}

/** Two blocks a report: where they stand, and the three things to do about it (plus remove). */
export function teamMemberBlocks(m: TeamMemberView, today: string): KnownBlock[] {
  const id = m.person.id;
  const urgent = m.cadence.state === 'overdue' || m.cadence.state === 'first';
  return [
    { type: 'section', block_id: `home_member_${id}`, text: { type: 'mrkdwn', text: memberLines(m, today) } },
    {
      type: 'actions',
      block_id: `home_member_actions_${id}`,
      elements: [
        btn('Prep', HOME_PREP_ACTION, id, urgent ? 'primary' : undefined),
        btn('Log 1:1', HOME_LOG_ACTION, id),
        btn('Give kudos', HOME_KUDOS_ACTION, id),
        {
          type: 'overflow',
          action_id: HOME_REPORT_MENU_ACTION,
          options: [{ text: { type: 'plain_text', text: 'Remove from my team' }, value: `${REMOVE_REPORT_OPTION}:${id}` }],
          confirm: {
            title: { type: 'plain_text', text: 'Remove from your team?' },
            text: { type: 'mrkdwn', text: 'They will no longer show in your team. Your 1:1 history with them is kept.' },
            confirm: { type: 'plain_text', text: 'Remove' },
            deny: { type: 'plain_text', text: 'Keep' },
          },
        },
      ],
    },
  ];
}

function summary(team: TeamView): string {
  const c = team.counts;
  const parts = [
    c.overdue > 0 ? `:red_circle: *${c.overdue}* overdue` : undefined,
    c['due-soon'] > 0 ? `:large_yellow_circle: *${c['due-soon']}* due` : undefined,
    c.first > 0 ? `:white_circle: *${c.first}* without a 1:1 yet` : undefined,
    c['on-track'] > 0 ? `:large_green_circle: *${c['on-track']}* on track` : undefined,
  ].filter(Boolean);
  return `${parts.join(' · ')}\nYour target: ${cadenceLabel(team.cadenceDays).toLowerCase()}. Most urgent first.`;
}

function pager(team: TeamView): KnownBlock[] {
  if (team.pageCount <= 1) return [];
  const from = team.page * team.pageSize + 1;
  const to = Math.min(team.total, from + team.pageSize - 1);
  const elements = [];
  if (team.page > 0) elements.push(btn(`← Previous ${team.pageSize}`, HOME_PAGE_PREV_ACTION, String(team.page - 1)));
  if (team.page < team.pageCount - 1) elements.push(btn(`Next ${Math.min(team.pageSize, team.total - to)} →`, HOME_PAGE_NEXT_ACTION, String(team.page + 1)));
  return [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Showing ${from}–${to} of ${team.total} · page ${team.page + 1} of ${team.pageCount}` }] },
    { type: 'actions', block_id: 'home_team_pager', elements },
  ];
}

export function teamSection(team: TeamView, today: string): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: `My team (${team.total})` } },
    { type: 'section', text: { type: 'mrkdwn', text: summary(team) } },
    ...team.members.flatMap((m) => teamMemberBlocks(m, today)),
    ...pager(team),
    {
      type: 'actions',
      block_id: 'home_team_edit',
      elements: [btn('Add or remove people', HOME_EDIT_TEAM_ACTION, 'edit')],
    },
  ];
}

export function noTeamSection(): KnownBlock[] {
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*Do you manage people?* Add your direct reports and Leadwell will track your 1:1s and coach you for your level.' },
      accessory: btn('Add my team', HOME_EDIT_TEAM_ACTION, 'edit'),
    },
  ];
}
