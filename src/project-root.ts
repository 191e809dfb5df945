import fs from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, whether we run from src/ (tsx, jest) or dist/src/ (npm start). */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'migrations'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Leadwell project root (package.json next to migrations/)');
    dir = parent;
  }
}
