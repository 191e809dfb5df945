import fs from 'node:fs';
import os from 'node:os';

/**
 * A heartbeat file beside the database (`<DATABASE_PATH>.running`) while the app runs, so `npm run restore`
 * can refuse to replace a database in use. A file, not a lock: a WAL database read by an idle app holds no
 * lock to test, and the restore may run in another container on the same volume. Wall-clock time on purpose.
 */

export const HEARTBEAT_MS = 15_000;
/** A marker older than this is left over from a crash, not a running app. */
export const STALE_AFTER_MS = 4 * HEARTBEAT_MS;

interface Beat {
  pid: number;
  host: string;
  startedAt: number;
  beatAt: number;
}

export const markerPath = (dbFile: string): string => `${dbFile}.running`;

export function holdRunningMarker(dbFile: string): { release(): void } {
  if (dbFile === ':memory:') return { release: () => undefined };
  const file = markerPath(dbFile);
  const startedAt = Date.now();
  const beat = () => {
    const b: Beat = { pid: process.pid, host: os.hostname(), startedAt, beatAt: Date.now() };
    try {
      fs.writeFileSync(file, JSON.stringify(b));
    } catch {
      // A read-only folder already fails /healthz; the marker is a courtesy to restore, not a reason to stop.
    }
  };
  beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return {
    release() {
      clearInterval(timer);
      fs.rmSync(file, { force: true });
    },
  };
}

/** The running app's heartbeat, when one is fresh. */
export function runningApp(dbFile: string, now = Date.now()): Beat | undefined {
  try {
    const b = JSON.parse(fs.readFileSync(markerPath(dbFile), 'utf8')) as Beat;
    return typeof b.beatAt === 'number' && now - b.beatAt < STALE_AFTER_MS ? b : undefined;
  } catch {
    return undefined;
  }
}
