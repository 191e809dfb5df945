import type { ManagerRow } from './view';
import type { SortKey } from './query';

const LEVEL_ORDER = { frontline: 0, 'mid-level': 1, executive: 2 } as const;

function keyOf(row: ManagerRow, key: SortKey): string | number | undefined {
  const h = row.headline;
  switch (key) {
    case 'name': return row.name.toLocaleLowerCase();
    case 'level': return LEVEL_ORDER[row.level];
    case 'reports': return h.reports;
    case 'withinCadence': return h.withinCadenceShare;
    case 'medianGapDays': return h.medianGapDays;
    case 'held': return h.held;
    case 'recognitionPer100': return h.recognitionPer100;
    case 'recognisedShare': return h.recognisedShare;
    case 'followThrough': return h.followThrough;
    case 'goalActivity': return h.goalActivity;
    case 'planActivity': return h.planActivity;
    case 'pulse': return row.pulse?.average;
  }
}

/** Sorted by one column; blanks (no figure, or a pulse below the threshold) always last; ties by name. */
export function sortManagers(rows: ManagerRow[], key: SortKey, dir: 'asc' | 'desc'): ManagerRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const decorated = rows.map((row) => ({ row, k: keyOf(row, key), name: row.name.toLocaleLowerCase() }));
  decorated.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) return a.k === b.k ? a.name.localeCompare(b.name) : a.k === undefined ? 1 : -1;
    if (a.k < b.k) return -sign;
    if (a.k > b.k) return sign;
    return a.name.localeCompare(b.name);
  });
  return decorated.map((d) => d.row);
}
