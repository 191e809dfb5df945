import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { NudgeDigest, NudgeTip, WeeklyDigest } from '../../domain/notifier';
import { escapeMrkdwn, truncate } from './one-on-one-format';
import { checkInButton } from './goal-format';
import { tipExtras } from './tip-message';
import { count, daysAgo, listOf } from './words';
import { onboardingBlocks, onboardingText } from './nudge-onboarding';
import { midLevelBlocks } from './mid-level-section';

export const NUDGE_PREP_ACTION = 'nudge_prep';
export const NUDGE_KUDOS_ACTION = 'nudge_kudos';
export const NUDGE_SNOOZE_ACTION = 'nudge_snooze';
export const NUDGE_PAUSE_ACTION = 'nudge_pause';
export const NUDGE_USEFUL_ACTION = 'nudge_tip_useful';
export const NUDGE_NOT_USEFUL_ACTION = 'nudge_tip_not_useful';
export const NUDGE_FEEDBACK_BLOCK = 'nudge_feedback';
export const NUDGE_CONTROLS_BLOCK = 'nudge_controls';

/** What a nudge button carries: the nudge (absent in a preview), a report, a tip. Short keys: value ≤ 2000 chars. */
export interface NudgeButtonValue {
  n?: number;
  r?: string;
  t?: string;
}

const SECTION_MAX = 3000;
const DAY_MS = 24 * 60 * 60 * 1000;

const section = (text: string, accessory?: Button): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) },
  ...(accessory ? { accessory } : {}),
});
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_MAX) }] });
const button = (text: string, actionId: string, value: NudgeButtonValue, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text, emoji: true },
  value: JSON.stringify(value),
  ...(style ? { style } : {}),
});

function overdueLine(o: WeeklyDigest['overdue']['shown'][number], cadenceDays: number): string {
  if (o.lastHeldOn === undefined) return `*<@${o.reportId}>* — no 1:1 on record yet`;
  return `*<@${o.reportId}>* — last 1:1 ${daysAgo(o.daysSince ?? 0)}, ${count(o.overdueBy ?? 0, 'day')} past your ${cadenceDays}-day target`;
}

function recognitionLine(u: WeeklyDigest['unrecognised']['shown'][number], now: number): string {
  if (u.lastRecognisedAt === undefined) return `*<@${u.reportId}>* — no kudos on record yet`;
  return `*<@${u.reportId}>* — last recognised ${daysAgo(Math.floor((now - u.lastRecognisedAt) / DAY_MS))}`;
}

function tipBlocks(tip: NudgeTip | undefined, nudgeId: number | undefined): KnownBlock[] {
  if (!tip) return [];
  return [
    { type: 'divider' },
    section(`:bulb: *Tip of the week: ${escapeMrkdwn(tip.title)}*\n${[tipExtras(tip), tip.body.trim()].filter(Boolean).join('\n')}`),
    {
      type: 'actions',
      block_id: NUDGE_FEEDBACK_BLOCK,
      elements: [
        button(':+1: Useful', NUDGE_USEFUL_ACTION, { n: nudgeId, t: tip.id }),
        button(':-1: Not useful', NUDGE_NOT_USEFUL_ACTION, { n: nudgeId, t: tip.id }),
      ],
    },
    context('Was this useful? Your answer shapes which tips come next.'),
  ];
}

function controls(nudgeId: number | undefined): KnownBlock[] {
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: NUDGE_CONTROLS_BLOCK,
    elements: [button('Snooze a week', NUDGE_SNOOZE_ACTION, { n: nudgeId }), button('Pause nudges', NUDGE_PAUSE_ACTION, { n: nudgeId })],
  };
  return [{ type: 'divider' }, actions, context('Resume any time from the Leadwell Home tab or with `/coach nudges on`. Change the day: `/coach nudges day tuesday 8`.')];
}

function weeklyBlocks(d: WeeklyDigest, now: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (d.overdue.shown.length > 0) {
    blocks.push(section(`:calendar: *1:1s to book* (your target: every ${count(d.cadenceDays, 'day')})`));
    for (const o of d.overdue.shown) blocks.push(section(overdueLine(o, d.cadenceDays), button('Prep 1:1', NUDGE_PREP_ACTION, { n: d.nudgeId, r: o.reportId }, 'primary')));
    if (d.overdue.more > 0) blocks.push(context(`…and ${d.overdue.more} more: \`/oneonone\` lists your whole team.`));
  }
  if (d.unrecognised.shown.length > 0) {
    blocks.push(section(':tada: *Not recognised in the last 30 days*'));
    for (const u of d.unrecognised.shown) blocks.push(section(recognitionLine(u, now), button('Give kudos', NUDGE_KUDOS_ACTION, { n: d.nudgeId, r: u.reportId })));
    if (d.unrecognised.more > 0) blocks.push(context(`…and ${d.unrecognised.more} more on your team.`));
  }
  if (d.actionItems.shown.length > 0) {
    const lines = d.actionItems.shown.map((i) => `• ${escapeMrkdwn(truncate(i.text, 200))} _(from your 1:1 with <@${i.reportId}> ${daysAgo(i.ageDays)})_`);
    const more = d.actionItems.more > 0 ? `\n…and ${d.actionItems.more} more.` : '';
    blocks.push(section(`:white_check_mark: *Action items you own*\n${lines.join('\n')}${more}`));
  }
  if (d.staleGoals && d.staleGoals.shown.length > 0) {
    blocks.push(section(':dart: *Your goals with no check-in for two weeks*'));
    for (const g of d.staleGoals.shown) blocks.push(section(`*${escapeMrkdwn(truncate(g.title, 150))}* — quiet for ${count(g.quietDays, 'day')}`, checkInButton(g.id)));
    if (d.staleGoals.more > 0) blocks.push(context(`…and ${d.staleGoals.more} more: \`/goal update\``));
  }
  if (blocks.length === 0) {
    const who = d.teamSize === 1 ? 'your 1:1 with your one report is' : `every 1:1 on your team of ${d.teamSize} is`;
    blocks.push(section(`:sparkles: All caught up: ${who} within your target and everyone was recognised this month.`));
  }
  return [...blocks, ...midLevelBlocks(d.managersBelow)];
}

function fallbackText(d: NudgeDigest): string {
  if (d.type === 'onboarding') return onboardingText(d);
  const total = (l: { shown: unknown[]; more: number }) => l.shown.length + l.more;
  const parts = [
    total(d.overdue) > 0 ? `${count(total(d.overdue), '1:1')} to book` : undefined,
    total(d.unrecognised) > 0 ? `${count(total(d.unrecognised), 'person', 'people')} to recognise` : undefined,
    total(d.actionItems) > 0 ? `${count(total(d.actionItems), 'action item')} open` : undefined,
  ].filter((p): p is string => p !== undefined);
  return `Your weekly Leadwell nudge: ${parts.length > 0 ? listOf(parts) : 'all caught up'}.`;
}

/** The weekly DM: one message, every item actionable in one click. At most ~30 blocks (limit 50). */
export function nudgeMessage(d: NudgeDigest, now: number): { text: string; blocks: KnownBlock[] } {
  const header: KnownBlock = { type: 'header', text: { type: 'plain_text', text: 'Your week as a leader', emoji: true } };
  const [year, week] = d.week.split('-W');
  const team = d.type === 'weekly' ? ` · ${d.teamSize === 1 ? 'your one report' : `your team of ${d.teamSize}`}` : '';
  const intro = context(`Week ${Number(week)}, ${year}${team} · one nudge a week, at the time you chose`);
  const body = d.type === 'onboarding' ? onboardingBlocks(d) : weeklyBlocks(d, now);
  return { text: fallbackText(d), blocks: [header, intro, ...body, ...tipBlocks(d.tip, d.nudgeId), ...controls(d.nudgeId)] };
}


/** Parses a nudge button value; undefined when it is not one of ours. */
export function parseNudgeValue(raw: string | undefined): NudgeButtonValue | undefined {
  try {
    const v = JSON.parse(raw ?? '') as Record<string, unknown>;
    if (!v || typeof v !== 'object') return undefined;
    const n = typeof v.n === 'number' && Number.isInteger(v.n) && v.n > 0 ? v.n : undefined;
    const r = typeof v.r === 'string' && /^[UW][A-Z0-9]{2,20}$/.test(v.r) ? v.r : undefined;
    const t = typeof v.t === 'string' && v.t.length <= 200 ? v.t : undefined;
    return { n, r, t };
  } catch {
    return undefined;
  }
}

/** The original message with one block swapped (a confirmation in place of the buttons that were used). */
export function replaceBlock(blocks: readonly KnownBlock[], blockId: string, replacement: KnownBlock[]): KnownBlock[] {
  return blocks.flatMap((b) => ('block_id' in b && b.block_id === blockId ? replacement : [b]));
}
