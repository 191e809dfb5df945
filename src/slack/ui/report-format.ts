import type { PulseResult } from '../../domain/pulse';
import type { GroupFigures } from '../../domain/group-figures';
import { sparkline } from '../../domain/sparkline';
import { count, noun } from './words';

/** Small formatting helpers shared by the report messages. */

export const pct = (part: number, whole: number): string => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);
export const num = (n: number | undefined, digits = 1): string => (n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits).replace(/\.0+$/, ''));

function monthName(period: string): string {
  return new Date(`${period}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A pulse result as one line. Below the threshold: no count, no average, nothing to infer from. */
export function pulseLine(p: PulseResult, options: { distribution?: boolean } = {}): string {
  if (p.state === 'open') return `Pulse ${monthName(p.period)}: still open`;
  if (p.state === 'not-enough') return `Pulse ${monthName(p.period)}: not enough responses yet`;
  // The domain leaves the distribution out where it would reveal individual answers (near-unanimous).
  const dist = !options.distribution ? '' : p.distribution ? `  ${p.distribution.map((n, i) => `${i + 1}:${n}`).join(' ')}` : '  (answers too alike to show their spread)';
  return `Pulse ${monthName(p.period)}: *${p.average.toFixed(1)}* / 5 from ${count(p.responses, 'person', 'people')}${dist}`;
}

/** The main figures of a group, as mrkdwn lines. */
export function figureLines(f: GroupFigures): string[] {
  return [
    `:calendar: 1:1 within cadence: *${pct(f.withinCadence, f.reports)}* of ${f.reports} · held ${f.held} of ~${Math.round(f.expected)} expected in 12 weeks · median ${f.medianGapDays === undefined ? '—' : count(Number(num(f.medianGapDays)), 'day')} between`,
    `:tada: Recognition: ${num(f.per100PerWeek)} per 100 people a week · *${pct(f.recognised30, f.reports)}* recognised in 30 days · ${f.kudosGiven} kudos given by the ${noun(f.managers, 'manager')}, ${pct(f.recognisedByManager, f.reports)} of reports recognised by their manager`,
    `:bell: Nudges acted on: *${pct(f.nudgesActed, f.nudgesSent)}* (${f.nudgesActed} of ${f.nudgesSent})`,
  ];
}

export function trendLines(f: GroupFigures): string[] {
  return [
    `\`${sparkline(f.trends.oneOnOnes, { min: 0 })}\` 1:1s per 100 reports a week`,
    `\`${sparkline(f.trends.recognition, { min: 0 })}\` recognition per 100 people a week`,
    `\`${sparkline(f.trends.followThrough, { min: 0, max: 1 })}\` nudge follow-through`,
  ];
}
