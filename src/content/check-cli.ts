import path from 'node:path';
import { displayPath, inspectContent, type ContentLibrary } from './loader';
import { cellsUnderMinimum, countCell, COVERAGE_ROWS, minimumFor } from './coverage';
import { CONTENT_LEVELS } from './schema';
import { projectRoot } from '../project-root';

/**
 * `npm run content:check`: validates prompts/ (plus CONTENT_DIR when set), prints every problem at once
 * and the coverage table, and exits 1 when anything is wrong or a cell is under its minimum.
 * A dev tool, so it reads CONTENT_DIR from the environment itself rather than through config.ts.
 */

export interface CheckOptions {
  baseDir: string;
  overrideDir?: string;
  write: (line: string) => void;
}

/** Returns the exit code. */
export function runContentCheck(options: CheckOptions): number {
  const { write } = options;
  const { library, problems } = inspectContent({ baseDir: options.baseDir, overrideDir: options.overrideDir });
  const under = cellsUnderMinimum(library.items);
  const from = `${displayPath(options.baseDir)}${options.overrideDir ? ` + ${displayPath(options.overrideDir)}` : ''}`;
  write(`Content: ${library.items.length} enabled items from ${from}`);
  if (library.overridden.length > 0) write(`Overridden by CONTENT_DIR: ${library.overridden.join(', ')}`);
  if (library.disabled.length > 0) write(`Disabled: ${library.disabled.join(', ')}`);
  write('');
  for (const line of coverageTable(library)) write(line);
  write('');
  if (library.warnings.length > 0) {
    write(`${library.warnings.length} warning(s) (style; not failing the check):`);
    for (const w of library.warnings) write(`  ! ${w}`);
    write('');
  }
  if (problems.length > 0) {
    write(`${problems.length} problem(s):`);
    for (const p of problems) write(`  ✗ ${p}`);
  }
  for (const c of under) {
    write(`  ✗ coverage: ${c.level} ${c.topic}${c.situation ? ` @ ${c.situation}` : ''}: ${c.count} of at least ${c.min}`);
  }
  const failed = problems.length > 0 || under.length > 0;
  write(failed ? 'Content check FAILED.' : 'Content check passed.');
  return failed ? 1 : 0;
}

/** Rows: topics (then one-on-one situations); columns: levels; ✗ marks a cell under its minimum. */
export function coverageTable(library: ContentLibrary): string[] {
  const label = (r: (typeof COVERAGE_ROWS)[number]) =>
    r.situation ? `  @ ${r.situation}` : r.topic === 'one-on-one' ? 'one-on-one (general)' : r.topic;
  const rows = COVERAGE_ROWS.map((row) => [
    label(row),
    ...CONTENT_LEVELS.map((level) => {
      const count = countCell(library.items, level, row);
      const min = minimumFor(level, row);
      return min !== undefined && count < min ? `${count}/${min} ✗` : String(count);
    }),
  ]);
  const header = ['topic', ...CONTENT_LEVELS];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line), '(✗: under the minimum, shown as count/minimum)'];
}

if (require.main === module) {
  const contentDir = process.env.CONTENT_DIR?.trim();
  const code = runContentCheck({
    baseDir: path.join(projectRoot(), 'prompts'),
    overrideDir: contentDir ? path.resolve(contentDir) : undefined,
    write: (line) => console.log(line),
  });
  process.exit(code);
}
