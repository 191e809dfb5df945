import { z } from 'zod';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { isDomainError } from '../../../domain/errors';
import { PULSE_COMMENT_ACTION, PULSE_COMMENT_BLOCK, PULSE_RATING_ACTION, PULSE_RATING_BLOCK, pulseThanksMessage } from '../../ui/pulse-message';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const stateSchema = z.object({
  [PULSE_RATING_BLOCK]: z.object({ [PULSE_RATING_ACTION]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) }),
  [PULSE_COMMENT_BLOCK]: z.object({ [PULSE_COMMENT_ACTION]: z.object({ value: z.string().nullish() }) }).optional(),
});
const metaSchema = z.object({ period: z.string(), channel: z.string().optional(), ts: z.string().optional() });

function meta(raw: string): z.infer<typeof metaSchema> | undefined {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The pulse answer. Records it anonymously (pulse-service), closes the modal and turns the DM into a
 * thank-you that never repeats the rating. No log line carries the rating or the comment: on purpose,
 * errors are reported by code only.
 */
export function pulseSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const parsed = stateSchema.safeParse(view.state.values);
    const m = meta(view.private_metadata);
    const rating = Number(parsed.success ? parsed.data[PULSE_RATING_BLOCK][PULSE_RATING_ACTION].selected_option?.value : NaN);
    if (!parsed.success || !m || !Number.isInteger(rating)) {
      await ack({ response_action: 'errors', errors: { [PULSE_RATING_BLOCK]: 'Pick a rating from 1 to 5.' } });
      return;
    }
    const comment = parsed.data[PULSE_COMMENT_BLOCK]?.[PULSE_COMMENT_ACTION].value ?? '';
    try {
      await deps.pulse.answer(body.user.id, m.period, rating, comment);
    } catch (err) {
      if (!isDomainError(err)) throw err; // storage errors name constraints, never values
      const block = err.field === 'comment' ? PULSE_COMMENT_BLOCK : PULSE_RATING_BLOCK;
      await ack({ response_action: 'errors', errors: { [block]: err.userMessage } });
      return;
    }
    await ack();
    if (m.channel && m.ts) await client.chat.update({ channel: m.channel, ts: m.ts, ...pulseThanksMessage() });
  };
}
