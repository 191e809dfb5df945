import type { Logger } from '../../logger';
import { lazyLog } from '../middleware';

/** Adds the listener's name to the request child logger, so every line says which listener wrote it. */
export function named<A extends { context: Record<string, unknown> }>(name: string, fn: (args: A) => Promise<void>) {
  return async (args: A): Promise<void> => {
    const parent = Object.getOwnPropertyDescriptor(args.context, 'log');
    if (!parent) return fn(args);
    const parentLog = () => (parent.get ? parent.get() : parent.value) as Logger;
    lazyLog(args.context, () => parentLog().child({ listener: name }));
    const started = Date.now();
    await fn(args);
    if (args.context.logDebug) (args.context.log as Logger).debug({ ms: Date.now() - started }, 'listener done');
  };
}

export function logOf(context: Record<string, unknown>): Logger | undefined {
  return context.log as Logger | undefined;
}
