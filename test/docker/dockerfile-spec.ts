import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';

export interface Stage {
  name: string;
  from: string;
  instructions: Array<{ op: string; args: string }>;
}

/** Reads the Dockerfile into stages of instructions (continuation lines joined, comments dropped). */
export function readDockerfile(file = path.join(projectRoot(), 'Dockerfile')): { args: Record<string, string>; stages: Stage[] } {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const argText = rest.join(' ');
    const upper = (op as string).toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [k, v] = argText.split('=');
      args[k as string] = v ?? '';
    } else if (upper === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(argText);
      stages.push({ from: m?.[1] ?? argText, name: m?.[2] ?? String(stages.length), instructions: [] });
    } else {
      stages[stages.length - 1]?.instructions.push({ op: upper, args: argText });
    }
  }
  return { args, stages };
}
