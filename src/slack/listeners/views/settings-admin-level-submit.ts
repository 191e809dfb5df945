import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { ListenerDeps } from '../deps';
import { isDomainError } from '../../../domain/errors';
import { parseLevel } from '../../../domain/levels';
import { publishHome } from '../actions/home-publish';
import { ADMIN_LEVEL_LEVEL_BLOCK, ADMIN_LEVEL_PERSON_BLOCK, ADMIN_LEVEL_VALUE_ACTION } from '../../ui/settings-admin-level';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const stateSchema = z.object({
  [ADMIN_LEVEL_PERSON_BLOCK]: z.object({ [ADMIN_LEVEL_VALUE_ACTION]: z.object({ selected_user: z.string().nullish() }).passthrough() }),
  [ADMIN_LEVEL_LEVEL_BLOCK]: z.object({ [ADMIN_LEVEL_VALUE_ACTION]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }).passthrough() }),
});

/** Saves an admin's level choice for someone; problems are answered on the field and nothing is saved. */
export function adminLevelSubmit(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: Args): Promise<void> => {
    const parsed = stateSchema.safeParse(view.state.values);
    const target = parsed.success ? parsed.data[ADMIN_LEVEL_PERSON_BLOCK][ADMIN_LEVEL_VALUE_ACTION].selected_user : undefined;
    const level = parseLevel(parsed.success ? (parsed.data[ADMIN_LEVEL_LEVEL_BLOCK][ADMIN_LEVEL_VALUE_ACTION].selected_option?.value ?? '') : '');
    if (!target) return void (await ack({ response_action: 'errors', errors: { [ADMIN_LEVEL_PERSON_BLOCK]: 'Pick a person.' } }));
    if (!level) return void (await ack({ response_action: 'errors', errors: { [ADMIN_LEVEL_LEVEL_BLOCK]: 'Pick a level.' } }));
    const person = await deps.people.ensure(target);
    if (!person || person.isBot || person.deleted) {
      return void (await ack({ response_action: 'errors', errors: { [ADMIN_LEVEL_PERSON_BLOCK]: 'Pick an active person in this workspace.' } }));
    }
    try {
      await deps.levels.setByAdmin(body.user.id, target, level);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      return void (await ack({ response_action: 'errors', errors: { [ADMIN_LEVEL_PERSON_BLOCK]: err.userMessage } }));
    }
    await ack();
    await publishHome(deps, client, body.user.id);
  };
}
