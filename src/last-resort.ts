import type { Logger } from './logger';

/**
 * The process-level last resort: an error nothing else caught is logged (its kind and where, never its message,
 * which can quote a request body) and the process keeps serving. Every path we know of is handled before this;
 * a line here is a bug to fix, not a way of working.
 */
export function installLastResort(logger: Logger, target: NodeJS.Process = process): () => void {
  const describe = (err: unknown) => ({
    errName: err instanceof Error ? err.name : typeof err,
    where: err instanceof Error ? err.stack?.split('\n').slice(1, 4).map((l) => l.trim()) : undefined,
  });
  const onRejection = (reason: unknown) => logger.error(describe(reason), 'unhandled rejection; kept serving');
  const onException = (err: unknown) => logger.error(describe(err), 'uncaught exception; kept serving');
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
