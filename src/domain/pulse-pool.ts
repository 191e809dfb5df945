import { shuffled } from './pulse';
import type { PendingAnswer } from './pulse-ports';

/**
 * Answers waiting to be written (docs/adr/0003-pulse-anonymity.md). They live only in this process's
 * memory: written one by one, the WAL and SQLite's cell order would pair each with its receipt. A group
 * (period + manager) is written as one shuffled batch of at least `minResponses` answers:
 *  - while the month is open, once 2k are waiting a random k go out and k stay, so the last batch at the
 *    close is never smaller than k either;
 *  - at the close, all that wait go out when there are k or more; fewer (nobody would ever see them) are
 *    discarded unread.
 */
export interface PulseBatch {
  period: string;
  managerId: string;
  answers: PendingAnswer[];
}

export function createPulsePool(options: { minResponses: number; random?: () => number }) {
  const k = Math.max(1, options.minResponses);
  const groups = new Map<string, PulseBatch>();
  const keyOf = (period: string, managerId: string) => `${period}\u0000${managerId}`;

  return {
    /** Adds an answer; returns a batch to write now when the group has 2k waiting. */
    add(period: string, answer: PendingAnswer): PulseBatch | undefined {
      const key = keyOf(period, answer.managerId);
      const group = groups.get(key) ?? { period, managerId: answer.managerId, answers: [] };
      groups.set(key, group);
      group.answers.push(answer);
      if (group.answers.length < 2 * k) return undefined;
      const mixed = shuffled(group.answers, options.random);
      group.answers = mixed.slice(k);
      return { period, managerId: answer.managerId, answers: mixed.slice(0, k) };
    },
    /** Takes every group whose period `isClosed`: `release` (shuffled, k or more) or `discard` (fewer). */
    takeClosed(isClosed: (period: string) => boolean): { release: PulseBatch[]; discard: PulseBatch[] } {
      const out = { release: [] as PulseBatch[], discard: [] as PulseBatch[] };
      for (const [key, group] of groups) {
        if (!isClosed(group.period)) continue;
        groups.delete(key);
        const batch = { ...group, answers: shuffled(group.answers, options.random) };
        (batch.answers.length >= k ? out.release : out.discard).push(batch);
      }
      return out;
    },
    /** How many answers wait in memory (for tests and the shutdown log; never who or what). */
    size: () => [...groups.values()].reduce((n, g) => n + g.answers.length, 0),
  };
}

export type PulsePool = ReturnType<typeof createPulsePool>;
