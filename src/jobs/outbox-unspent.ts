import type { OutboxRow } from '../domain/ports';

/** Rows the gate turned away in one batch, by tier: each tier's rows go back due together, when it has a slot again. */
export interface Unspent {
  add(row: OutboxRow, tier: string, until: number): void;
  byTier(): Array<[number[], number]>;
}

export function createUnspent(): Unspent {
  const tiers = new Map<string, { ids: number[]; until: number }>();
  return {
    add(row, tier, until) {
      const t = tiers.get(tier);
      if (!t) tiers.set(tier, { ids: [row.id], until });
      else {
        t.ids.push(row.id);
        t.until = Math.max(t.until, until); // readings a few ms apart of the same wait
      }
    },
    byTier: () => [...tiers.values()].map((t): [number[], number] => [t.ids, t.until]),
  };
}
