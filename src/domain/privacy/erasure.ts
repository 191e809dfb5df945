/** Erasure's outcome (storage/person-eraser.ts does the work), listed for the dry run and the audit row. */
export interface ErasureChange {
  table: string;
  change: 'deleted' | 'blanked' | 'anonymised' | 'scrubbed';
  rows: number;
}

export interface ErasurePlan {
  personId: string;
  /** The anonymous stand-in that keeps shared records (kudos, 1:1 dates, ratings) counted. */
  pseudonym: string;
  applied: boolean;
  changes: ErasureChange[];
}

export interface PersonEraser {
  /** Undefined when nobody (not yet erased) has this id. */
  erase(personId: string, options: { apply: boolean; now: number }): Promise<ErasurePlan | undefined>;
}

export function describeErasure(plan: ErasurePlan): string[] {
  const verb = plan.applied ? 'Changed' : 'Would change';
  const lines = plan.changes.map((c) => `  ${c.table}: ${c.rows} row${c.rows === 1 ? '' : 's'} ${c.change}`);
  return [
    `${verb} for ${plan.personId} (stand-in ${plan.applied ? plan.pseudonym : 'erased-…'}):`,
    ...(lines.length > 0 ? lines : ['  nothing but the person record itself']),
    '  people: the person record deleted',
    plan.applied ? 'Erased.' : 'Dry run: nothing was written. Run again with --apply to erase.',
  ];
}
