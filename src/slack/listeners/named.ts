import type { Logger } from '../../logger';

/** Adds the listener's name to the request child logger, so every line says which listener wrote it. */
export function named<A extends { context: Record<string, unknown> }>(name: string, fn: (args: A) => Promise<void>) {
  return async (args: A): Promise<void> => {
    const log = args.context.log as Logger | undefined;
    const child = log?.child({ listener: name });
    if (child) args.context.log = child;
    const started = Date.now();
    await fn(args);
    child?.debug({ ms: Date.now() - started }, 'listener done');
  };
}

export function logOf(context: Record<string, unknown>): Logger | undefined {
  return context.log as Logger | undefined;
}
