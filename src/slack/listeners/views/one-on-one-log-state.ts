import { z } from 'zod';
import type { LogInput } from '../../../domain/one-on-ones-log';
import { MAX_ITEMS } from '../../../domain/one-on-ones-log';
import {
  LOG_DATE_BLOCK,
  LOG_ENERGY_BLOCK,
  LOG_NOTES_BLOCK,
  LOG_OPTIONS_BLOCK,
  LOG_VALUE_ACTION,
  OPTION_CAREER,
  OPTION_SUMMARY,
  doneBlock,
  itemOwnerBlock,
  itemTextBlock,
  type LogDraft,
  type LogModalMeta,
} from '../../ui/one-on-one-log-modal';

const option = z.object({ value: z.string() });
const actionState = z.object({
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: option.nullish(),
  selected_options: z.array(option).nullish(),
});
const stateSchema = z.record(z.string(), z.record(z.string(), actionState));
type ActionState = z.infer<typeof actionState>;

const metaSchema = z.object({
  r: z.string().min(1).max(40),
  n: z.number().int().min(1).max(MAX_ITEMS),
  u: z.string().url().optional(),
  s: z.string().max(40).optional(),
  g: z.array(z.string().max(200)).max(8).optional(),
  t: z.number().int().nonnegative().optional(),
});

export function parseLogMeta(raw: string | undefined): LogModalMeta | undefined {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Lifts the modal's view.state.values into the domain's LogInput (missing blocks read as empty). */
export function readLogState(values: unknown, meta: LogModalMeta): LogInput & LogDraft {
  const parsed = stateSchema.safeParse(values ?? {});
  const state = parsed.success ? parsed.data : {};
  const get = (block: string): ActionState => state[block]?.[LOG_VALUE_ACTION] ?? {};
  const items: LogInput['items'] = [];
  for (let row = 0; row < meta.n; row += 1) {
    const ownerId = get(itemOwnerBlock(row)).selected_option?.value;
    items.push({ row, text: get(itemTextBlock(row)).value ?? '', ...(ownerId ? { ownerId } : {}) });
  }
  const doneItemIds: number[] = [];
  for (let chunk = 0; state[doneBlock(chunk)]; chunk += 1) {
    for (const o of get(doneBlock(chunk)).selected_options ?? []) if (/^\d+$/.test(o.value)) doneItemIds.push(Number(o.value));
  }
  const energy = Number(get(LOG_ENERGY_BLOCK).selected_option?.value);
  const options = (get(LOG_OPTIONS_BLOCK).selected_options ?? []).map((o) => o.value);
  return {
    reportId: meta.r,
    heldOn: get(LOG_DATE_BLOCK).selected_date ?? '',
    notes: get(LOG_NOTES_BLOCK).value ?? '',
    items,
    doneItemIds,
    ...(Number.isInteger(energy) && energy >= 1 && energy <= 5 ? { energy } : {}),
    careerTalk: options.includes(OPTION_CAREER),
    sendSummary: options.includes(OPTION_SUMMARY),
    ...(meta.s ? { situation: meta.s } : {}),
  };
}

/** Domain field names → the modal's block ids. */
export function errorsToBlocks(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const [kind, row] = field.split(':');
    const block =
      kind === 'date' ? LOG_DATE_BLOCK
      : kind === 'notes' ? LOG_NOTES_BLOCK
      : kind === 'item' ? itemTextBlock(Number(row))
      : kind === 'owner' ? itemOwnerBlock(Number(row))
      : LOG_DATE_BLOCK;
    out[block] = message;
  }
  return out;
}
