import { sql } from 'kysely';
import { engineOf, type Executor } from './engine';
import { StorageError } from './errors';

/** How long truncateWal keeps asking while another connection (the checkpoint worker, a reader) holds the WAL. */
export const WAL_TRUNCATE_WAIT_MS = 10_000;

/**
 * SQLite only: copies the whole WAL into the file and truncates the WAL to nothing, so what was just deleted or
 * rewritten (secure_delete zeroes the cells in the file) is no longer in the WAL's old frames either. The app's
 * connection fails fast when busy, and a TRUNCATE checkpoint that meets the checkpoint worker or a reader's
 * snapshot reports `busy` instead of completing: it is asked again after a short wait, until it completes or the
 * wait runs out, which throws (the caller's job reports it; the deleted rows stay deleted, only their old frames
 * wait for the next checkpoint that empties the WAL). PostgreSQL: nothing (old row versions wait for VACUUM).
 */
export async function truncateWal(db: Executor, waitMs = WAL_TRUNCATE_WAIT_MS): Promise<void> {
  if (engineOf(db) !== 'sqlite') return;
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    if (rows[0]?.busy === 0) return;
    if (Date.now() >= deadline) {
      throw new StorageError(
        'storage_wal_busy',
        `the WAL could not be emptied within ${waitMs} ms: another connection kept it busy. What was deleted is deleted; ` +
          'its old copies stay in the -wal file until the next checkpoint that empties it (run the job again once nothing else reads the file)',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
