import { z } from 'zod';

/**
 * What the receiver does with a parsed, signed body before Bolt sees it:
 * - `ok`: a kind we handle, with every field Bolt and our router dereference present and of the right type;
 * - `unknown`: well-formed but nothing of ours (options requests, legacy attachments, dialogs, new types): acked;
 * - `malformed`: a kind we handle with a broken structure (`event: null`, `actions: {}`...): refused with 400.
 * Bolt reads these fields without checks (`'channel' in event`, `body.user.id`, `actions[0]`), so a body that
 * passes here cannot make Bolt throw before a listener runs.
 */
export type RequestShape = 'ok' | 'unknown' | 'malformed';

const str = z.string();
const optStr = str.optional();
const idRef = z.object({ id: str }).loose();
/** `team` is null in org-wide installs; Bolt then reads `user.team_id`. */
const team = z.union([z.object({ id: optStr, enterprise_id: z.string().nullish() }).loose(), z.null()]).optional();
const enterprise = z.union([z.object({ id: optStr }).loose(), z.null()]).optional();
const functionData = z.object({ execution_id: optStr }).loose().optional();
const common = { team, enterprise, function_data: functionData, user: idRef };

const slashCommand = z
  .object({
    command: str.regex(/^\/\S{1,64}$/),
    text: optStr,
    user_id: str,
    team_id: str,
    channel_id: str,
    trigger_id: str,
    response_url: str,
    enterprise_id: optStr,
    is_enterprise_install: optStr,
  })
  .loose();

const eventPayload = z
  .object({
    type: str.min(1),
    // Bolt probes `'channel' in event`, `event.channel.id`, `'item' in event`, `event.user.id`, `event.subteam.created_by`.
    user: z.union([str, z.object({ id: optStr }).loose()]).optional(),
    channel: z.union([str, z.object({ id: optStr }).loose()]).optional(),
    channel_id: optStr,
    item: z.object({ channel: optStr }).loose().optional(),
    subteam: z.object({}).loose().optional(),
    assistant_thread: z.object({}).loose().optional(),
    message: z.object({}).loose().optional(),
    previous_message: z.object({}).loose().optional(),
  })
  .loose();

const eventCallback = z
  .object({
    type: z.literal('event_callback'),
    event: eventPayload,
    event_id: optStr,
    team_id: optStr,
    enterprise_id: z.string().nullish(),
    authorizations: z.array(z.object({ team_id: z.string().nullish(), enterprise_id: z.string().nullish() }).loose()).optional(),
  })
  .loose();

const blockActions = z
  .object({
    ...common,
    type: z.literal('block_actions'),
    actions: z.array(z.object({ action_id: str, type: optStr }).loose()).min(1),
    channel: idRef.optional(),
    container: z.object({}).loose().optional(),
    view: z.object({ id: optStr, callback_id: optStr, private_metadata: optStr }).loose().optional(),
    message: z.object({ ts: optStr }).loose().optional(),
    trigger_id: optStr,
    response_url: optStr,
  })
  .loose();

const shortcut = z.object({ ...common, type: z.literal('shortcut'), callback_id: str, trigger_id: str }).loose();

const messageShortcut = z
  .object({
    ...common,
    type: z.literal('message_action'),
    callback_id: str,
    trigger_id: str,
    channel: idRef,
    message: z.object({ ts: str }).loose(),
    response_url: optStr,
  })
  .loose();

const viewAction = z
  .object({
    ...common,
    type: z.enum(['view_submission', 'view_closed']),
    view: z
      .object({
        id: str,
        callback_id: str,
        private_metadata: optStr,
        app_installed_team_id: z.string().nullish(),
        state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({}).loose())) }).loose().optional(),
      })
      .loose(),
    response_urls: z.array(z.object({ response_url: str }).loose()).optional(),
    trigger_id: optStr,
  })
  .loose();

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: str }).loose();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const malformed = z.never();

const schemaFor = (body: Record<string, unknown>): z.ZodType | 'unknown' => {
  // Bolt's own precedence (helpers.getTypeAndConversation): any `event` makes it an event, then `command`, ...
  if (body.event !== undefined) return eventCallback;
  if (body.command !== undefined) return slashCommand;
  if (body.name !== undefined || body.type === 'block_suggestion') return 'unknown';
  if (body.actions !== undefined || body.type === 'dialog_submission') return body.type === 'block_actions' ? blockActions : 'unknown';
  switch (body.type) {
    case 'shortcut':
      return shortcut;
    case 'message_action':
      return messageShortcut;
    case 'view_submission':
    case 'view_closed':
      return viewAction;
    case 'url_verification':
      return urlVerification;
    default:
      // Every Slack body names its type (or is a command): one that does not is not from Slack at all.
      return typeof body.type === 'string' ? 'unknown' : malformed;
  }
};

/** Decides, from a parsed body, whether it goes to Bolt, is acked unseen, or is refused. */
export function requestShape(body: unknown): RequestShape {
  if (!isRecord(body)) return 'malformed';
  const schema = schemaFor(body);
  if (schema === 'unknown') return 'unknown';
  return schema.safeParse(body).success ? 'ok' : 'malformed';
}
