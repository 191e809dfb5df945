import type { Kudos } from './kudos';

/**
 * The monthly "values in action" summary: which values people recognised and how widely
 * recognition was spread. Deliberately no names and no ranking of people: recognition is
 * not a popularity contest.
 */
export interface ValuesInActionSummary {
  label: string;
  kudosCount: number;
  /** Distinct people recognised and distinct people who recognised someone. */
  peopleRecognised: number;
  peopleGiving: number;
  /** Share of active people recognised at least once, 0..1; undefined when the headcount is unknown. */
  reach?: number;
  /** Every company value, in the configured order, with how often it was named (0 included). */
  values: Array<{ value: string; count: number; share: number }>;
  /** Values named in kudos but no longer configured, so old data still adds up. */
  otherCount: number;
}

export function valuesInActionSummary(input: {
  kudos: readonly Kudos[];
  companyValues: readonly string[];
  label: string;
  activePeople?: number;
}): ValuesInActionSummary {
  const { kudos, companyValues, label, activePeople } = input;
  const counts = new Map<string, number>(companyValues.map((v) => [v, 0]));
  const recognised = new Set<string>();
  const givers = new Set<string>();
  let otherCount = 0;
  for (const k of kudos) {
    givers.add(k.giverId);
    if (counts.has(k.value)) counts.set(k.value, (counts.get(k.value) ?? 0) + 1);
    else otherCount += 1;
    for (const r of k.recipientIds) recognised.add(r);
  }
  const total = kudos.length;
  return {
    label,
    kudosCount: total,
    peopleRecognised: recognised.size,
    peopleGiving: givers.size,
    reach: activePeople && activePeople > 0 ? Math.min(1, recognised.size / activePeople) : undefined,
    values: companyValues.map((value) => {
      const count = counts.get(value) ?? 0;
      return { value, count, share: total > 0 ? count / total : 0 };
    }),
    otherCount,
  };
}
