import { z } from 'zod';
import { addDays, isIsoDate } from './cadence';
import { isChosenSituation, type ChosenSituation } from './situations';

/** Limits of the log modal; the modal uses the same numbers for max_length. */
export const NOTES_MAX = 3000;
export const ITEM_TEXT_MAX = 500;
export const MAX_ITEMS = 10;

/** What the log modal submits, already lifted out of Slack's view state. */
export const logInputSchema = z.object({
  reportId: z.string().min(1),
  heldOn: z.string(),
  notes: z.string(),
  items: z.array(z.object({ row: z.number().int(), ownerId: z.string().optional(), text: z.string() })),
  doneItemIds: z.array(z.number().int()),
  energy: z.number().int().min(1).max(5).optional(),
  careerTalk: z.boolean(),
  sendSummary: z.boolean(),
  /** Carried from the prep card; anything but a known situation is dropped, never stored. */
  situation: z.string().max(40).optional(),
});
export type LogInput = z.infer<typeof logInputSchema>;

/** A field error: `date`, `notes`, or `item:<row>` / `owner:<row>` for a row of action items. */
export type LogFieldErrors = Record<string, string>;

export interface ValidLog {
  heldOn: string;
  notes: string;
  items: Array<{ ownerId: string; text: string }>;
  doneItemIds: number[];
  energy?: number;
  careerTalk: boolean;
  sendSummary: boolean;
  situation?: ChosenSituation;
}

/**
 * Checks a log against the rules the user can fix in the modal. Dates may be up to a day ahead
 * (a 1:1 early tomorrow logged tonight in another zone); action items belong to the pair.
 */
export function validateLog(
  input: LogInput,
  ctx: { today: string; managerId: string; reportId: string },
): { ok: true; log: ValidLog } | { ok: false; errors: LogFieldErrors } {
  const errors: LogFieldErrors = {};
  const heldOn = input.heldOn.trim();
  if (!isIsoDate(heldOn)) errors.date = 'Pick the date of the 1:1.';
  else if (heldOn > addDays(ctx.today, 1)) errors.date = "That date is in the future. Log a 1:1 once it's happened (today or earlier).";
  else if (heldOn < '2000-01-01') errors.date = 'That date is too far back. Pick the day the 1:1 took place.';
  const notes = input.notes.replace(/\r\n/g, '\n').trim();
  if (notes.length > NOTES_MAX) errors.notes = `Notes can be ${NOTES_MAX} characters at most (these are ${notes.length}). Trim them a little.`;
  const owners = new Set([ctx.managerId, ctx.reportId]);
  const items: ValidLog['items'] = [];
  for (const item of input.items) {
    const text = item.text.trim();
    if (!text && !item.ownerId) continue;
    if (!text) errors[`item:${item.row}`] = 'This action item has an owner but no text. Say what needs doing, or clear the owner.';
    else if (text.length > ITEM_TEXT_MAX) errors[`item:${item.row}`] = `Keep an action item under ${ITEM_TEXT_MAX} characters.`;
    else if (item.ownerId && !owners.has(item.ownerId)) errors[`owner:${item.row}`] = 'An action item belongs to you or your report.';
    else items.push({ ownerId: item.ownerId ?? ctx.reportId, text });
  }
  if (items.length > MAX_ITEMS) errors[`item:${input.items[input.items.length - 1]?.row ?? 0}`] = `${MAX_ITEMS} action items at most per 1:1.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    log: {
      heldOn,
      notes,
      items,
      doneItemIds: [...new Set(input.doneItemIds)],
      energy: input.energy,
      careerTalk: input.careerTalk,
      sendSummary: input.sendSummary,
      // A regular 1:1 has nothing to follow up; only a named moment is remembered.
      ...(isChosenSituation(input.situation) && input.situation !== 'everyday' ? { situation: input.situation } : {}),
    },
  };
}
