import type { KnownBlock } from '@slack/types';
import type { OrgReport, TeamReport, ManagerSummary } from '../../domain/report-service';
import { escapeMrkdwn, truncate } from './one-on-one-format';
import { figureLines, num, pct, pulseLine, trendLines } from './report-format';
import { sparkline } from '../../domain/sparkline';
import { count, countOrNone, daysAgo, LEVEL_GROUP_LABELS } from './words';
import { orgTurnoverLines, teamTurnoverLine } from './turnover-lines';

/** `/coach report` messages: a manager's team, a skip-level view, the organisation by level. */

const MAX_LINES = 30;
const SECTION_MAX = 2900;

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, 2900) }] };
}

/** Lines into as few sections as fit, at most `maxBlocks`. */
function chunked(lines: string[], maxBlocks: number): KnownBlock[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SECTION_MAX) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out.slice(0, maxBlocks).map(section);
}

function managerLine(m: ManagerSummary): string {
  const f = m.figures;
  return `• *${escapeMrkdwn(truncate(m.name, 60))}* (${f.reports}) — cadence ${pct(f.withinCadence, f.reports)} · recognised 30d ${pct(f.recognised30, f.reports)} · nudges ${pct(f.nudgesActed, f.nudgesSent)} · ${pulseLine(m.pulse)}`;
}

/** How evenly the manager's own recognition reached the team. */
function spreadLine(r: TeamReport): string {
  const none = r.members.filter((p) => p.fromManager === 0).length;
  const most = r.members.reduce((max, p) => Math.max(max, p.fromManager), 0);
  if (most === 0) return ':seedling: Spread: you recognised nobody on the team in 12 weeks.';
  return `:seedling: Spread: you recognised ${r.members.length - none} of ${r.members.length}; the most recognised got ${most}, ${none} got none from you.`;
}

function openPulseLine(open: { period: string; closesAt: number }): string {
  const month = new Date(`${open.period}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  const until = new Date(open.closesAt - 1).toLocaleString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
  return `:hourglass_flowing_sand: ${month}'s pulse takes answers until ${until}; its result appears here once it has closed.`;
}

const FOOTER = 'Last 12 weeks. Pulse results appear after a month closes and only with enough answers; no note text or individual answer is ever shown. `/coach report export` for a CSV.';

export function teamReportMessage(r: TeamReport): { text: string; blocks: KnownBlock[] } {
  const m = r.manager;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`Team report — ${m.name}`, 150) } },
    section([...figureLines(m.figures), spreadLine(r), `:bar_chart: ${pulseLine(m.pulse, { distribution: true })}`, ...teamTurnoverLine(m.turnover, r.minGroup)].join('\n')),
  ];
  if (r.members.length > 0) {
    const lines = r.members.slice(0, MAX_LINES).map((p) => {
      const last = p.daysSince === undefined ? 'no 1:1 on record' : `last one ${daysAgo(p.daysSince)}`;
      const mark = p.withinCadence ? ':large_green_circle:' : ':red_circle:';
      return `${mark} ${escapeMrkdwn(truncate(p.name, 60))} — ${count(p.held, '1:1')} in 12 weeks, ${last} (target every ${count(r.cadenceDays, 'day')}) · ${countOrNone(p.fromManager, 'kudos', 'no kudos', 'kudos')} from you`;
    });
    if (r.members.length > MAX_LINES) lines.push(`…and ${r.members.length - MAX_LINES} more — the CSV export has everyone.`);
    blocks.push(...chunked(lines, 3));
  }
  if (r.comments.length > 0) {
    const lines = r.comments.slice(0, 10).map((c) => `> ${escapeMrkdwn(truncate(c.replace(/\s+/g, ' '), 280))}`);
    blocks.push(section(`*What your people said* (random order)\n${lines.join('\n')}`));
  }
  if (r.below) {
    blocks.push({ type: 'divider' });
    blocks.push(section(`*Your managers (${r.below.managers.length}) — rolled up over everyone below you*\n${[...figureLines(r.below.rollup), `:bar_chart: ${pulseLine(r.below.pulse)}`].join('\n')}`));
    const lines = r.below.managers.slice(0, MAX_LINES).map(managerLine);
    if (r.below.managers.length > MAX_LINES) lines.push(`…and ${r.below.managers.length - MAX_LINES} more — the CSV export has everyone.`);
    blocks.push(...chunked(lines, 4));
  }
  if (r.openPulse) blocks.push(context(openPulseLine(r.openPulse)));
  blocks.push(context(FOOTER));
  const text = `Team report for ${escapeMrkdwn(m.name)}: ${pct(m.figures.withinCadence, m.figures.reports)} of reports had a 1:1 within cadence in the last 12 weeks.`;
  return { text, blocks };
}

export function orgReportMessage(r: OrgReport): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Organisation report — last 12 weeks' } },
    context(`${r.people} people in Leadwell. Figures cover each manager's direct reports, grouped by the manager's level.`),
  ];
  for (const l of r.levels) {
    const f = l.figures;
    const title = l.level === 'all' ? '*All managers*' : `*${LEVEL_GROUP_LABELS[l.level]}*`;
    const head = `${title} — ${count(f.managers, 'manager')}, ${count(f.reports, 'report')}`;
    const lines = f.managers === 0
      ? [head, 'Nobody at this level yet.']
      : [
          head,
          `1:1 within cadence *${pct(f.withinCadence, f.reports)}* · median *${num(f.medianGapDays)}* days between 1:1s`,
          `Recognition *${num(f.per100PerWeek)}* per 100 people a week · *${pct(f.recognised30, f.reports)}* recognised in 30 days`,
          `Nudge follow-through *${pct(f.nudgesActed, f.nudgesSent)}*`,
          pulseLine(l.pulse, { distribution: true }),
          ...trendLines(f),
          ...(l.level === 'all' ? [`\`${sparkline(r.pulseTrend.map((t) => t.average), { min: 1, max: 5 })}\` pulse average, last 6 closed months`] : []),
        ];
    blocks.push(section(lines.join('\n')));
  }
  blocks.push(...orgTurnoverLines(r));
  blocks.push(context(`${FOOTER} Pulse figures include only managers with enough answers of their own.`));
  const all = r.levels.find((l) => l.level === 'all')!.figures;
  return { text: `Organisation report: ${pct(all.withinCadence, all.reports)} of reports had a 1:1 within cadence.`, blocks };
}

export function reportNotice(text: string): { text: string; blocks: KnownBlock[] } {
  return { text, blocks: [section(text)] };
}
