import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { ListenerDeps } from '../deps';
import { isDomainError } from '../../../domain/errors';
import { publishHome } from '../actions/home-publish';
import { readHomeMetadata } from '../../ui/home-ids';
import {
  SETTINGS_CADENCE_BLOCK, SETTINGS_DAY_BLOCK, SETTINGS_FIELD_BLOCKS, SETTINGS_HOUR_BLOCK, SETTINGS_LEVEL_BLOCK,
  SETTINGS_PAUSE_BLOCK, SETTINGS_PAUSED_OPTION, SETTINGS_VALUE_ACTION,
} from '../../ui/settings-modal';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() }).passthrough();
const stateSchema = z.object({
  [SETTINGS_LEVEL_BLOCK]: z.object({ [SETTINGS_VALUE_ACTION]: selected }),
  [SETTINGS_CADENCE_BLOCK]: z.object({ [SETTINGS_VALUE_ACTION]: selected }),
  [SETTINGS_DAY_BLOCK]: z.object({ [SETTINGS_VALUE_ACTION]: selected }),
  [SETTINGS_HOUR_BLOCK]: z.object({ [SETTINGS_VALUE_ACTION]: selected }),
  [SETTINGS_PAUSE_BLOCK]: z
    .object({ [SETTINGS_VALUE_ACTION]: z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }).passthrough() })
    .optional(),
});

const num = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? Number.NaN : Number(v));

/** view.state.values → the settings service's input (the service validates the values themselves). */
export function readSettingsState(values: unknown): Record<string, unknown> | undefined {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return undefined;
  const s = parsed.data;
  const v = SETTINGS_VALUE_ACTION;
  return {
    level: s[SETTINGS_LEVEL_BLOCK][v].selected_option?.value,
    cadenceDays: num(s[SETTINGS_CADENCE_BLOCK][v].selected_option?.value),
    nudgeDay: num(s[SETTINGS_DAY_BLOCK][v].selected_option?.value),
    nudgeHour: num(s[SETTINGS_HOUR_BLOCK][v].selected_option?.value),
    nudgesPaused: (s[SETTINGS_PAUSE_BLOCK]?.[v].selected_options ?? []).some((o) => o.value === SETTINGS_PAUSED_OPTION),
  };
}

/** Saves at once; a bad value is answered on its field and nothing is saved. */
export function settingsSubmit(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: Args): Promise<void> => {
    const input = readSettingsState(view.state.values);
    if (!input) {
      await ack({ response_action: 'errors', errors: { [SETTINGS_CADENCE_BLOCK]: 'This form could not be read. Close it and open the settings again.' } });
      return;
    }
    try {
      await deps.personalSettings.update(body.user.id, input);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      const block = SETTINGS_FIELD_BLOCKS[err.field ?? ''] ?? SETTINGS_CADENCE_BLOCK;
      await ack({ response_action: 'errors', errors: { [block]: err.userMessage } });
      return;
    }
    await ack();
    await publishHome(deps, client, body.user.id, readHomeMetadata(view.private_metadata).page);
  };
}
