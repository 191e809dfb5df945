import type {
  AllMiddlewareArgs,
  App,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;
type ShortcutArgs = SlackShortcutMiddlewareArgs & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;
type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;
// Each listener file types its own arguments precisely; the router only needs to hand them over.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => Promise<void>;

export interface Router {
  command(name: string, handler: Handler): void;
  action(actionId: string, handler: Handler): void;
  shortcut(callbackId: string, handler: Handler): void;
  view(callbackId: string, handler: Handler): void;
  event(type: string, handler: Handler): void;
  /** Called for a slash command nobody registered. */
  fallbackCommand(handler: Handler): void;
  commands(): string[];
  mount(): void;
}

function add(map: Map<string, Handler>, kind: string, key: string, handler: Handler): void {
  if (map.has(key)) throw new Error(`${kind} "${key}" is registered twice`);
  map.set(key, handler);
}

/**
 * Bolt runs every registered listener's middleware chain on every request, so 50 listeners cost 50 chains.
 * The router registers one Bolt listener per kind and dispatches by id from a map: O(1) per request,
 * and a duplicate id is caught at start-up instead of answering twice.
 */
export function createRouter(app: App): Router {
  const commands = new Map<string, Handler>();
  const actions = new Map<string, Handler>();
  const shortcuts = new Map<string, Handler>();
  const views = new Map<string, Handler>();
  const events = new Map<string, Handler>();
  let fallback: Handler | undefined;

  return {
    command: (name, h) => add(commands, 'command', name, h),
    action: (id, h) => add(actions, 'action', id, h),
    shortcut: (id, h) => add(shortcuts, 'shortcut', id, h),
    view: (id, h) => add(views, 'view', id, h),
    event: (type, h) => add(events, 'event', type, h),
    fallbackCommand: (h) => {
      fallback = h;
    },
    commands: () => [...commands.keys()],
    mount() {
      app.command(/^\//, async (args: CommandArgs) => {
        const handler = commands.get(args.command.command) ?? fallback;
        if (handler) await handler(args);
      });
      app.action(/.*/, async (args: ActionArgs) => {
        const actionId = (args.action as { action_id?: string }).action_id ?? '';
        const handler = actions.get(actionId);
        if (handler) await handler(args);
        // An action id nobody handles (an old message's button) is still acknowledged: no 3 s spinner.
        else await args.ack();
      });
      app.shortcut(/.*/, async (args: ShortcutArgs) => {
        const handler = shortcuts.get(args.shortcut.callback_id);
        if (handler) await handler(args);
        else await args.ack();
      });
      app.event(/.*/, async (args: EventArgs) => {
        // Events are acknowledged by Bolt before listeners run; an unsubscribed type is simply ignored.
        await events.get(args.event.type)?.(args);
      });
      app.view(/.*/, async (args: ViewArgs) => {
        const handler = views.get(args.view.callback_id);
        if (handler) await handler(args);
        else await args.ack();
      });
    },
  };
}
