import type { KnownBlock, PlainTextOption } from '@slack/types';
import type { GoalsHome } from '../../domain/goal-surfaces';
import type { GoalView } from '../../domain/goal';
import { goalSection, goalText, STATUS_EMOJI } from './goal-format';
import { newGoalButton, GOAL_MENU_ACTION } from './goal-messages';
import { planSummaryBlocks, PLAN_OPEN_ACTION } from './plan-blocks';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';

export const HOME_GOALS_SHOWN = 5;
export const HOME_REPORTS_SHOWN = 6;

const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, 3000) }] });
const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

function compactLine(g: GoalView): string {
  const due = g.dueOn ? ` · due ${formatDate(g.dueOn)}` : '';
  const progress = g.progress !== undefined && g.status !== 'done' ? ` ${g.progress}%` : '';
  const quiet = g.stale ? ` · :hourglass: ${g.quietDays}d quiet` : '';
  const note = g.latest?.note ? `\n    _${escapeMrkdwn(truncate(g.latest.note.replace(/\s+/g, ' '), 140))}_` : '';
  return `${STATUS_EMOJI[g.status]} ${escapeMrkdwn(truncate(g.title, 120))}${progress}${due}${quiet}${note}`;
}

function myGoals(m: GoalsHome): KnownBlock[] {
  if (m.mine.length === 0) {
    return [{ type: 'section', text: { type: 'mrkdwn', text: 'No goals yet. A good goal says what, why it matters and how you will know it is done; share it with your manager and it shows up in your 1:1s.' } }];
  }
  const blocks: KnownBlock[] = m.mine.slice(0, HOME_GOALS_SHOWN).map((g) => goalSection(g, { canUpdate: g.status !== 'done', visibility: true }));
  if (m.mine.length > HOME_GOALS_SHOWN) blocks.push(context(`…and ${m.mine.length - HOME_GOALS_SHOWN} more: \`/goal list\``));
  return blocks;
}

function teamGoals(m: GoalsHome): KnownBlock[] {
  if (m.teamGoals.length === 0) return [];
  const lines = m.teamGoals.slice(0, 6).map((g) => `• <@${g.ownerId}>: ${goalText(g).replace(/\n/g, ' — ')}`);
  const more = m.teamGoals.length > 6 ? `\n…and ${m.teamGoals.length - 6} more` : '';
  return [{ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Shared with your team*\n${lines.join('\n')}${more}`, 3000) } }];
}

function reportMenu(r: GoalsHome['reports'][number]) {
  const options = r.goals
    .filter((g) => g.status !== 'done')
    .slice(0, 4)
    .map((g) => ({ text: plain(`Check in: ${g.title}`), value: `update:${g.id}` }));
  options.push({ text: plain('Development plan'), value: `plan:${r.id}` });
  return { type: 'overflow' as const, action_id: GOAL_MENU_ACTION, options };
}

function reportsGoals(m: GoalsHome): KnownBlock[] {
  if (m.reports.length === 0) return [];
  const withGoals = m.reports.filter((r) => r.goals.length > 0);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: '*Your team\'s shared goals* — latest check-in for each' } }];
  for (const r of withGoals.slice(0, HOME_REPORTS_SHOWN)) {
    const lines = r.goals.slice(0, 4).map(compactLine);
    const more = r.goals.length > 4 ? `\n…and ${r.goals.length - 4} more` : '';
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*<@${r.id}>*\n${lines.join('\n')}${more}`, 3000) }, accessory: reportMenu(r) });
  }
  const quiet = m.reports.filter((r) => r.goals.length === 0).map((r) => `<@${r.id}>`);
  const hidden = withGoals.length - HOME_REPORTS_SHOWN;
  const notes = [
    ...(hidden > 0 ? [`${hidden} more with goals: see their prep cards (\`/oneonone @name\`).`] : []),
    ...(quiet.length > 0 ? [`No goals shared with you yet: ${quiet.slice(0, 15).join(', ')}${quiet.length > 15 ? ` and ${quiet.length - 15} more` : ''}.`] : []),
  ];
  if (notes.length > 0) blocks.push(context(notes.join(' ')));
  const options: PlainTextOption[] = m.reports.slice(0, 100).map((r) => ({ text: plain(r.name), value: r.id }));
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: 'Open a report\'s development plan' },
    accessory: { type: 'static_select', action_id: PLAN_OPEN_ACTION, placeholder: plain('Choose a person'), options },
  });
  return blocks;
}

/** The goals & growth part of App Home: my goals with Update buttons, my plan, team goals, and (managers) the team's shared goals. */
export function goalsHomeBlocks(m: GoalsHome, _viewerId?: string): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: 'Goals and growth' } },
    ...myGoals(m),
    { type: 'actions', block_id: 'home_goals_actions', elements: [newGoalButton()] },
    ...planSummaryBlocks({ plan: m.plan, heading: 'Your', updatedOn: m.planUpdatedOn, updatedByName: m.planUpdatedByName }),
    ...teamGoals(m),
    ...reportsGoals(m),
  ];
}
