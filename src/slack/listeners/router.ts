import type { App } from '@slack/bolt';
import { respondVia, responseUrlOf } from '../response-url';

// Each listener file types its own arguments precisely; the router only needs to hand them over.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => Promise<void>;

export interface Router {
  command(name: string, handler: Handler): void;
  action(actionId: string, handler: Handler): void;
  /** A global shortcut (`type: shortcut`). */
  shortcut(callbackId: string, handler: Handler): void;
  /** A message shortcut (`type: message_action`): kept apart, so a global payload under its id never reaches it. */
  messageShortcut(callbackId: string, handler: Handler): void;
  view(callbackId: string, handler: Handler): void;
  event(type: string, handler: Handler): void;
  /** Called for a slash command nobody registered. */
  fallbackCommand(handler: Handler): void;
  mount(): void;
}

function add(map: Map<string, Handler>, kind: string, key: string, handler: Handler): void {
  if (map.has(key)) throw new Error(`${kind} "${key}" is registered twice`);
  map.set(key, handler);
}

interface Routable {
  body: { type?: string };
  command?: { command: string };
  action?: { action_id?: string };
  shortcut?: { callback_id: string };
  view?: { callback_id: string };
  event?: { type: string };
}

/**
 * A listener's `respond` posts with Node's http client instead of Bolt's, which goes through `fetch` (see
 * response-url.ts). Same URL, same message, same failure (RespondError); no listener reads what `respond` returns.
 */
function withRespond<T extends { body: unknown }>(args: T): T {
  const url = responseUrlOf(args.body as Parameters<typeof responseUrlOf>[0]);
  if (url !== undefined) (args as { respond?: unknown }).respond = respondVia(url);
  return args;
}

/**
 * Bolt runs every registered listener's middleware chain on every request, so 50 listeners cost 50 chains.
 * The router is the last global middleware and dispatches by id from a map: O(1) per request, no
 * listener chains at all, and a duplicate id is caught at start-up instead of answering twice.
 */
export function createRouter(app: App): Router {
  const commands = new Map<string, Handler>();
  const actions = new Map<string, Handler>();
  const shortcuts = new Map<string, Handler>();
  const messageShortcuts = new Map<string, Handler>();
  const views = new Map<string, Handler>();
  const events = new Map<string, Handler>();
  let fallback: Handler | undefined;

  /** The handler for a request; 'ack' for an interaction nobody handles (an old message's button: no 3 s spinner). */
  function route(args: Routable): Handler | 'ack' | undefined {
    const type = args.body.type;
    if (args.command) return commands.get(args.command.command) ?? fallback;
    if (type === 'block_actions') return actions.get(args.action?.action_id ?? '') ?? 'ack';
    if (type === 'shortcut') return shortcuts.get(args.shortcut?.callback_id ?? '') ?? 'ack';
    if (type === 'message_action') return messageShortcuts.get(args.shortcut?.callback_id ?? '') ?? 'ack';
    if (type === 'view_submission' || type === 'view_closed') return views.get(args.view?.callback_id ?? '') ?? 'ack';
    // Events are acknowledged by Bolt before middleware runs; an unsubscribed type is simply ignored.
    if (type === 'event_callback') return events.get(args.event?.type ?? '');
    return undefined;
  }

  return {
    command: (name, h) => add(commands, 'command', name, h),
    action: (id, h) => add(actions, 'action', id, h),
    shortcut: (id, h) => add(shortcuts, 'shortcut', id, h),
    messageShortcut: (id, h) => add(messageShortcuts, 'message shortcut', id, h),
    view: (id, h) => add(views, 'view', id, h),
    event: (type, h) => add(events, 'event', type, h),
    fallbackCommand: (h) => {
      fallback = h;
    },
    mount() {
      app.use(async (args) => {
        const handler = route(args as unknown as Routable);
        if (handler === 'ack') await (args as unknown as { ack: () => Promise<void> }).ack();
        else if (handler) await handler(withRespond(args));
        else await args.next();
      });
    },
  };
}
