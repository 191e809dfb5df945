import type { Logger } from '../logger';

type Bindings = Record<string, unknown>;

/**
 * A request's logger (`context.log`): the child logger with the request's bindings, built on its first line. Most
 * requests log nothing at the default level, and pino serialises a child's bindings when the child is made.
 *
 * A plain value, on purpose. It used to be an accessor property with two fresh closures, defined on each request's
 * context. Measured with V8's sampling heap profiler (test/bench/profile-ack.ts, SURVIVOR_PROFILE), every help ack's
 * context, body and closures then outlived young-generation collections and were promoted (~10 KB per request, 227
 * MB over ~20,000 acks; 22 MB with this class), which made scavenges ~5 times longer than bare Bolt's and set the
 * ack's p99 at concurrency 10 (docs/performance.md, "Young-generation collections"). What in V8 held them (something
 * old-generation that the accessor's closures were reachable from) was not pinned down; a plain value removes it.
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
