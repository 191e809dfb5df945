import type { Executor } from '../../src/storage/engine';

/** One statement as a profile saw it run. */
export interface Call {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

/** The bench cases pg-profile.ts and sqlite-profile.ts can profile, loaded lazily so only the chosen case's seed runs. */
export const WORKLOADS: Record<string, () => Promise<{ seed(file: string): Promise<void>; run(db: Executor): Promise<unknown> }>> = {
  home: async () => (await import('./app-home')).homeWorkload(),
  reports: async () => (await import('./reports')).reportsWorkload(),
  nudges: async () => (await import('./nudges')).nudgesWorkload(),
  prep: async () => (await import('./prep-cards')).prepWorkload(),
};

/** Statements grouped by their text, heaviest total first. */
export function rankStatements(calls: readonly Call[]): Array<{ cs: Call[]; total: number; slowest: Call }> {
  const bySql = new Map<string, Call[]>();
  for (const c of calls) bySql.set(c.sql, [...(bySql.get(c.sql) ?? []), c]);
  return [...bySql.values()]
    .map((cs) => ({ cs, total: cs.reduce((n, c) => n + c.ms, 0), slowest: cs.reduce((a, b) => (b.ms > a.ms ? b : a)) }))
    .sort((a, b) => b.total - a.total);
}

/** Multi-row VALUES lists run to pages: the statement's start says which it is. */
export const shortSql = (text: string) => (text.length > 600 ? `${text.slice(0, 600)} …(${text.length} chars)` : text);
