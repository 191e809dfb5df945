import type { OutboxRow, OutboxStatus } from '../ports';

const ACTIVE: ReadonlySet<OutboxStatus> = new Set(['planned', 'claimed', 'sending']);

/**
 * Whether a claim made now could take any of these rows: the claim's own condition (src/storage/outbox-repository.ts,
 * outboxClaimQuery) over rows just read. Planned and due, and a waiting row only once nothing else of its group is
 * still to send. `wholeGroup`: the rows are all of their group (a group's read); rows read by key may leave out a
 * waiting row's siblings, so there a waiting row that is planned and due counts as claimable.
 */
export function anyClaimable(rows: readonly OutboxRow[], now: number, wholeGroup: boolean): boolean {
  const blocked = wholeGroup && rows.some((r) => !r.waits && ACTIVE.has(r.status));
  return rows.some((r) => r.status === 'planned' && r.nextAttemptAt <= now && (!r.waits || !blocked));
}
