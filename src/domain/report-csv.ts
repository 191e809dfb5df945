import type { ManagerSummary } from './report-service';

/**
 * The export's columns: aggregates per manager. No note text, no comment, no individual pulse answer;
 * the pulse columns are blank unless the manager's closed period reached the anonymity threshold.
 */
export const CSV_COLUMNS = [
  'manager_id', 'manager_name', 'level', 'reports_to', 'reports', 'one_on_ones_12w', 'expected_12w', 'within_cadence_share',
  'median_days_between', 'kudos_given_12w', 'reports_recognised_by_manager', 'recognition_per_100_per_week',
  'team_recognised_30d_share', 'nudges_sent_12w', 'nudges_acted_12w', 'pulse_period', 'pulse_responses', 'pulse_average',
  'team_turnover_12m', 'subtree_turnover_12m',
] as const;

const round = (n: number | undefined, digits = 2) => (n === undefined || !Number.isFinite(n) ? '' : Number(n.toFixed(digits)));

export function csvRecords(managers: readonly ManagerSummary[]): Array<Record<(typeof CSV_COLUMNS)[number], string | number>> {
  return managers.map((m) => {
    const f = m.figures;
    const shown = m.pulse.state === 'shown' ? m.pulse : undefined;
    return {
      manager_id: m.id,
      manager_name: m.name,
      level: m.level,
      reports_to: m.managerId ?? '',
      reports: f.reports,
      one_on_ones_12w: f.held,
      expected_12w: round(f.expected, 1),
      within_cadence_share: round(f.reports === 0 ? undefined : f.withinCadence / f.reports),
      median_days_between: round(f.medianGapDays, 1),
      kudos_given_12w: f.kudosGiven,
      reports_recognised_by_manager: f.recognisedByManager,
      recognition_per_100_per_week: round(f.per100PerWeek, 1),
      team_recognised_30d_share: round(f.reports === 0 ? undefined : f.recognised30 / f.reports),
      nudges_sent_12w: f.nudgesSent,
      nudges_acted_12w: f.nudgesActed,
      pulse_period: m.pulse.period,
      pulse_responses: shown ? shown.responses : '',
      pulse_average: shown ? round(shown.average) : '',
      // Blank below the group minimum, like the pulse: a rate of a handful of people tells who left.
      team_turnover_12m: m.turnover?.team.shown ? round(m.turnover.team.rate, 3) : '',
      subtree_turnover_12m: m.turnover?.subtree?.shown ? round(m.turnover.subtree.rate, 3) : '',
    };
  });
}
