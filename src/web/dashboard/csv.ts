import { stringify } from 'csv-stringify/sync';
import { neutraliseCsvCell } from '../../domain/csv-cell';
import type { Table } from './tables';

export const DASHBOARD_CSV_COLUMNS = ['table', 'row', 'column', 'shown', 'value'] as const;

/**
 * The page's tables as one CSV, one line per cell on screen: which table, row and column, the text as shown and
 * the figure behind it. Every text cell is neutralised against formula injection (a manager named `=HYPERLINK(…)`).
 */
export function dashboardCsv(tables: readonly Table[]): string {
  const records = tables.flatMap((t) =>
    t.rows.flatMap((r) => r.cells.map((c, i) => [t.caption, r.header, t.columns[i + 1] ?? '', c.text, c.value ?? ''])),
  );
  return stringify([[...DASHBOARD_CSV_COLUMNS], ...records], { cast: { string: neutraliseCsvCell } });
}
