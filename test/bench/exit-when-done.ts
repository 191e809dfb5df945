/**
 * A bench script's last line: exit 0 once `work` settles, or print the error and exit 1. Exiting outright means a
 * pool, a server or a worker left open never keeps a finished script alive.
 */
export function exitWhenDone(work: Promise<unknown>): void {
  work.then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
