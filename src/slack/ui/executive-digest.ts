import type { KnownBlock } from '@slack/types';
import type { ActionKind, ExecutiveDigest, LevelHealth } from '../../domain/leadership/executive';
import { goalLine, percent, turnoverText } from './leadership-format';
import { count } from './words';
import { pulseLine } from './report-format';
import { escapeMrkdwn, truncate } from './one-on-one-format';

/**
 * The executive's monthly DM: leadership health by level, the biggest change, culture signals, one action with
 * the content item behind it, goals and turnover. Aggregates only: no one below the executive is named.
 */

const SECTION_MAX = 3000;
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_MAX) }] });

const LEVEL_TITLES = { frontline: 'Frontline managers', 'mid-level': 'Mid-level managers' } as const;
const METRIC_WORDS = { cadence: '1:1s within cadence', recognition: 'reports recognised by their manager' } as const;

function was(before: number | undefined): string {
  return before === undefined ? '' : ` (was ${percent(before)})`;
}

function levelLine(l: LevelHealth): string {
  const head = `*${LEVEL_TITLES[l.level]}* (${l.managers}, ${count(l.reports, 'report')})`;
  if (l.managers === 0) return `${head}: nobody at this level in your organisation.`;
  return `${head}: 1:1s within cadence *${percent(l.cadence)}*${was(l.cadenceBefore)} · reports recognised by their manager in 4 weeks *${percent(l.recognition)}*${was(l.recognitionBefore)} · nudges acted on ${percent(l.followThrough)}`;
}

function changeLine(d: ExecutiveDigest): string {
  const c = d.biggestChange;
  if (!c) return ':straight_ruler: *Since last month:* no habit moved by 5 points or more.';
  const dir = c.to > c.from ? 'rose' : 'fell';
  return `:chart_with_upwards_trend: *Biggest change since last month:* ${LEVEL_TITLES[c.level].toLowerCase()}' ${METRIC_WORDS[c.metric]} ${dir} from ${percent(c.from)} to *${percent(c.to)}*.`;
}

function cultureLine(d: ExecutiveDigest): string {
  const c = d.culture;
  const reach = c.teams === 0 ? 'no teams yet' : `recognition reached *${c.reached} of ${count(c.teams, 'team')}* in 30 days (${c.reachedBefore} the 30 days before)`;
  const cross = c.crossTeamShare === undefined ? '' : ` · ${percent(c.crossTeamShare)} of it came from outside the recipient's own team`;
  return `:globe_with_meridians: *Culture signals:* ${reach}${cross}\n:bar_chart: ${pulseLine(c.pulse)}`;
}

const ACTION_WORDS: Record<Exclude<ActionKind, 'watch-decline'>, (v?: number) => string> = {
  'cadence-frontline': (v) => `Frontline 1:1s within cadence are at ${percent(v)}. In your next round of 1:1s, ask each mid-level manager which of their managers is struggling to keep 1:1s, and what is in the way.`,
  'cadence-mid-level': (v) => `Mid-level managers keep ${percent(v)} of their 1:1s within cadence. Keep your own 1:1s with them on time this month: they copy the rhythm you set.`,
  'recognition-reach': (v) => `Recognition reached ${percent(v)} of teams. Name one specific piece of good work from a team that heard nothing this month, in public, and ask your managers to do the same.`,
  sustain: () => 'The habits are healthy. Ask two of your managers what made that possible, and share their answer with the rest.',
};

function actionBlocks(d: ExecutiveDigest): KnownBlock[] {
  const item = d.action.item;
  const c = d.action.change;
  const words = d.action.kind === 'watch-decline' && c
    ? `Every habit is above its healthy mark, but ${LEVEL_TITLES[c.level].toLowerCase()}' ${METRIC_WORDS[c.metric]} fell from ${percent(c.from)} to ${percent(c.to)}. Ask your managers at that level what changed this month before it becomes the norm.`
    : ACTION_WORDS[d.action.kind === 'watch-decline' ? 'sustain' : d.action.kind](d.action.value);
  const text = `:dart: *One thing to do this month:* ${words}`;
  if (!item) return [section(text)];
  return [section(text), section(`*${escapeMrkdwn(truncate(item.title, 150))}*\n${truncate(item.body.trim(), 2500)}`)];
}

function monthTitle(period: string): string {
  return new Date(`${period}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function executiveDigestMessage(d: ExecutiveDigest, minGroup: number): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Your organisation this month', emoji: true } },
    context(`${monthTitle(d.period)} · ${count(d.people, 'person', 'people')} in your organisation · leadership habits only, nobody is named`),
    section(`:compass: *Leadership health by level*\n${d.levels.map(levelLine).join('\n')}`),
    section(changeLine(d)),
    section(cultureLine(d)),
    { type: 'divider' },
    ...actionBlocks(d),
  ];
  if (d.goals.length > 0) blocks.push({ type: 'divider' }, section(`:triangular_flag_on_post: *Organisation goals*\n${d.goals.map(goalLine).join('\n')}`));
  blocks.push(context(`12-month turnover in your organisation: ${turnoverText(d.turnover, minGroup)} · once a month, on the first working day · pause with \`/coach nudges off\``));
  const fl = d.levels.find((l) => l.level === 'frontline');
  return { text: `Your organisation this month: frontline 1:1s within cadence ${percent(fl?.cadence)}, recognition reached ${d.culture.reached} of ${d.culture.teams} teams.`, blocks };
}
