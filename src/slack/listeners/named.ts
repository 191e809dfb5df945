import { logOf } from '../request-log';

export { logOf };

/** Adds the listener's name to the request logger, so every line says which listener wrote it. */
export function named<A extends { context: Record<string, unknown> }>(name: string, fn: (args: A) => Promise<void>) {
  return async (args: A): Promise<void> => {
    const parent = logOf(args.context);
    if (!parent) return fn(args);
    const log = parent.child({ listener: name });
    args.context.log = log;
    const started = Date.now();
    await fn(args);
    if (args.context.logDebug) log.debug({ ms: Date.now() - started }, 'listener done');
  };
}
