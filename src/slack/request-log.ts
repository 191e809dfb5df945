import type { Logger } from '../logger';

type Bindings = Record<string, unknown>;

/**
 * A request's logger (`context.log`): the child logger with the request's bindings, built on its first line. Most
 * requests log nothing at the default level, and pino serialises a child's bindings when the child is made.
 *
 * A plain object of one shape, on purpose. The earlier lazy logger was an accessor property with two fresh closures,
 * defined on each request's context: V8 then gives that object a hidden class (a "map") of its own, and maps live in
 * the old generation. A dead old map still counts as a root for the young-generation collector until the next full
 * collection, so each request's closures, its context and its body survived every scavenge and were promoted: ~9 KB
 * per help ack copied twice, which made scavenges ~5 times longer than bare Bolt's and set the ack's p99 at
 * concurrency 10 (docs/performance.md, "Young-generation collections").
 */
export class RequestLog {
  #made: Logger | undefined;

  constructor(
    private readonly parent: Logger | RequestLog,
    private readonly bindings: Bindings,
  ) {}

  /** The pino logger itself (built now if it was not yet). */
  get logger(): Logger {
    return (this.#made ??= this.parent instanceof RequestLog ? this.parent.logger.child(this.bindings) : this.parent.child(this.bindings));
  }

  /** A logger with more bindings (a listener's name), itself built on first use. */
  child(bindings: Bindings): RequestLog {
    return new RequestLog(this, bindings);
  }

  debug(obj: object, msg: string): void {
    this.logger.debug(obj, msg);
  }

  info(obj: object, msg: string): void {
    this.logger.info(obj, msg);
  }

  warn(obj: object, msg: string): void {
    this.logger.warn(obj, msg);
  }

  error(obj: object, msg: string): void {
    this.logger.error(obj, msg);
  }
}

/** The request's logger as the middleware put it on the context; undefined outside a request. */
export function logOf(context: Record<string, unknown>): RequestLog | undefined {
  return context.log instanceof RequestLog ? context.log : undefined;
}
