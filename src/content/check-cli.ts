import path from 'node:path';
import { displayPath, inspectContent } from './loader';
import { shortfalls } from './coverage';
import { coverageTables } from './coverage-table';
import { levelDistinctness, libraryProblems } from './gates';
import { projectRoot } from '../project-root';

/**
 * `npm run content:check`: validates prompts/ (plus CONTENT_DIR when set), runs the library gates
 * (duplicate questions, filler, sources, level-distinctness), prints every problem at once with the
 * coverage tables, and exits 1 when anything is wrong or a minimum is not met.
 * A dev tool, so it reads CONTENT_DIR from the environment itself rather than through config.ts.
 */

export interface CheckOptions {
  baseDir: string;
  overrideDir?: string;
  write: (line: string) => void;
  /** The coverage minimums apply to the shipped library; fixture libraries for one gate switch them off. */
  minimums?: boolean;
}

/** Returns the exit code. */
export function runContentCheck(options: CheckOptions): number {
  const { write } = options;
  const { library, problems } = inspectContent({ baseDir: options.baseDir, overrideDir: options.overrideDir });
  const gates = libraryProblems(library.items);
  const under = options.minimums === false ? [] : shortfalls(library.items);
  const from = `${displayPath(options.baseDir)}${options.overrideDir ? ` + ${displayPath(options.overrideDir)}` : ''}`;
  write(`Content: ${library.items.length} enabled items from ${from}`);
  if (library.overridden.length > 0) write(`Overridden by CONTENT_DIR: ${library.overridden.join(', ')}`);
  if (library.disabled.length > 0) write(`Disabled: ${library.disabled.join(', ')}`);
  write('');
  for (const line of coverageTables(library.items)) write(line);
  write('');
  write('Level-distinctness (items sharing a question with another level; must stay under 10%)');
  for (const d of levelDistinctness(library.items)) write(`  ${d.level}: ${d.shared} of ${d.items} (${Math.round(d.share * 100)}%)`);
  write('');
  if (library.warnings.length > 0) {
    write(`${library.warnings.length} warning(s) (not failing the check):`);
    for (const w of library.warnings) write(`  ! ${w}`);
    write('');
  }
  const all = [...problems, ...gates];
  if (all.length > 0) {
    write(`${all.length} problem(s):`);
    for (const p of all) write(`  ✗ ${p}`);
  }
  for (const c of under) write(`  ✗ coverage: ${c.cell}: ${c.count} of at least ${c.min}`);
  const failed = all.length > 0 || under.length > 0;
  write(failed ? 'Content check FAILED.' : 'Content check passed.');
  return failed ? 1 : 0;
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
