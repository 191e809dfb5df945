import type { OutboxRow } from '../ports';
import type { FailureHandling } from './policy';

/**
 * A send that did not happen, or may have. `code` is Slack's error string (`user_not_found`), `ratelimited`,
 * `http_<status>` or a network code; `handling` is what src/slack/slack-errors.ts decided it means, so the domain
 * never reads Slack's strings itself.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly handling: FailureHandling,
    readonly retryAfterMs?: number,
    /** The rate tier a 429 came from, so the hold applies to that tier only. */
    readonly tier?: string,
  ) {
    super(`delivery failed: ${code}`);
  }
}

export interface SentMessage {
  channel: string;
  ts: string;
}

/** A Slack rate tier as the sender sees it: its name and how many calls a minute the workspace may make. */
export interface RateTier {
  name: string;
  perMinute: number;
}

/** What the dispatcher lends the transport for one send. */
export interface SendHooks {
  /** Waits for a workspace-wide slot of this tier; throws a rate-limited DeliveryError when the wait is too long for this run. */
  slot(tier: RateTier): Promise<void>;
  /**
   * Called right before the call that posts. From here on, a failure that may have reached Slack is "uncertain"
   * and never retried. Throws when the claim was lost (another dispatcher owns the row now).
   */
  committing(): Promise<void>;
}

/** The Web API side of the outbox (src/slack/outbox-transport.ts): renders a prepared model and posts it once. */
export interface OutboxTransport {
  send(row: OutboxRow, model: unknown, hooks: SendHooks): Promise<SentMessage>;
}

/** What a kind makes of a claimed row at send time: the model to render, or why it must not go out. */
export type Prepared = { skip: string } | { model: unknown; summary?: Record<string, unknown> };

/** Per-kind rules at send time (the freshest data wins over what was true when it was planned). */
export interface OutboxKind {
  prepare(row: OutboxRow, now: number): Promise<Prepared>;
}
