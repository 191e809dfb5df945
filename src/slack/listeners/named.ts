import type { Logger } from '../../logger';

/** Adds the listener's name to the request child logger, so every line says which listener wrote it. */
export function named<A extends { context: Record<string, unknown> }>(name: string, fn: (args: A) => Promise<void>) {
  return async (args: A): Promise<void> => {
    const log = args.context.log as Logger | undefined;
    if (log) args.context.log = log.child({ listener: name });
    await fn(args);
  };
}

export function logOf(context: Record<string, unknown>): Logger | undefined {
  return context.log as Logger | undefined;
}
