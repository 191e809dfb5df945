import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';

export interface PrivateAnswer {
  text: string;
  blocks?: KnownBlock[];
}

/** How long a command may think before it acks empty and answers through response_url instead. */
export const ACK_BUDGET_MS = 1200;

/**
 * Answers a slash command privately, in the ack itself when the answer is ready within the budget
 * (no second HTTP round trip: cheaper for us, sooner for the user), otherwise acks at once and
 * answers through response_url when ready. Slack's 3-second limit is never at risk either way.
 */
export async function answerCommand(
  io: { ack: AckFn<string | RespondArguments>; respond: RespondFn },
  work: () => Promise<PrivateAnswer | undefined>,
  budgetMs = ACK_BUDGET_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = Symbol('late');
  type Settled = { ok: true; value: PrivateAnswer | undefined } | { ok: false; error: unknown };
  const settled: Promise<Settled> = work().then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
  const first = await Promise.race([
    settled,
    new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), budgetMs);
    }),
  ]);
  clearTimeout(timer);
  if (first === late) await io.ack();
  const result = first === late ? await settled : first;
  if (!result.ok) {
    // The error handler answers with a reference id through response_url.
    if (first !== late) await io.ack();
    throw result.error;
  }
  if (first !== late) {
    if (result.value) await io.ack({ response_type: 'ephemeral', ...result.value });
    else await io.ack();
    return;
  }
  if (result.value) await io.respond({ response_type: 'ephemeral', replace_original: false, ...result.value });
}
