import fs from 'node:fs';
import path from 'node:path';

export interface AppIds {
  actions: string[];
  callbacks: string[];
  shortcuts: string[];
  commands: string[];
}

/** Every action, view callback and shortcut id the app exports from src/slack/ui (the ids listeners register with). */
export function appIds(root: string): AppIds {
  const dir = path.join(root, 'src/slack/ui');
  const found: Record<'ACTION' | 'CALLBACK' | 'SHORTCUT', string[]> = { ACTION: [], CALLBACK: [], SHORTCUT: [] };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/export const \w+_(ACTION|CALLBACK|SHORTCUT) = '([^']+)'/g)) found[m[1] as keyof typeof found].push(m[2] as string);
  }
  return { actions: found.ACTION, callbacks: found.CALLBACK, shortcuts: found.SHORTCUT, commands: ['/kudos', '/coach', '/oneonone', '/goal'] };
}
