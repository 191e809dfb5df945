import type { PendingAnswer } from './pulse-ports';

/**
 * The pulse's pending pool in the database (docs/postgres.md, "The pulse on PostgreSQL"), shared by every
 * instance on one database. The release rule (docs/adr/0003-pulse-anonymity.md):
 * while the month is open, once 2k answers about one manager wait a random k are written and k stay; at the
 * close all are written when k or more wait, and fewer are discarded unread.
 *
 * An answer is sealed, before it is written, to the pool's public key; the matching private key lives only in
 * the memory of running instances (handed from one to the next through the database, sealed to each
 * instance's own key). So the file holder, who holds the whole configuration too, can see that an answer
 * arrived right after a receipt but never what it says; only a release, in one transaction and in random-key
 * order, turns answers into readable `pulse_responses`.
 */
export interface PulsePendingPool {
  /**
   * Start-up (and after the last holder of the pool key stopped): takes part in the pool. When no running
   * instance holds the pool key any more, the answers sealed to it can never be read: they are deleted with the
   * receipts still waiting for them, which come back here so those people can be asked again.
   */
  join(now: number): Promise<Array<{ receipt: string; period: string }>>;
  /** Called often (every answer, every job run): keeps this instance counted and hands the key to new ones. */
  keepAlive(now: number): Promise<Array<{ receipt: string; period: string }>>;
  /** Shutdown: hands the key to instances still waiting for it, then leaves. */
  leave(now: number): Promise<void>;
  /**
   * Writes one answer, sealed, in its own transaction (never the receipt's). False when the pool key was renewed
   * between the receipt and the answer (every holder had stopped): the receipt is gone and `join`/`keepAlive`
   * returned it to be asked again; the person may simply answer again.
   */
  addPending(period: string, answer: PendingAnswer): Promise<boolean>;
  /** The open-month rule for one group; returns how many answers were written (0 or k). */
  releaseIfReady(period: string, managerId: string, k: number): Promise<number>;
  /** Every group: the closing rule for the periods `isClosed` says are over, the open-month rule for the rest. */
  releaseClosed(k: number, isClosed: (period: string) => boolean): Promise<{ released: number; discarded: number }>;
  /** How many answers wait (a count, never who or what). */
  pendingCount(): Promise<number>;
}
