import { existingDm, type EmulatorState } from './state';
import type { EmulatorFile, EmulatorMessage, EmulatorView, EphemeralMessage, Violation } from './types';

/** How long `waitFor` polls when a caller names no time. */
const WAIT_FOR_MS = 5000;

/** What tests and the playground read: copies of lists, live view objects. */
export function createReaders(state: EmulatorState) {
  return {
    messages: (channelId: string): EmulatorMessage[] => [...(state.messages.get(channelId) ?? [])],
    /** Bot messages in the bot's DM with the user. */
    dms: (userId: string): EmulatorMessage[] => {
      const dm = existingDm(state, userId);
      return dm ? (state.messages.get(dm.id) ?? []).filter((m) => m.bot_id === state.team.botId) : [];
    },
    ephemerals: (userId: string, channelId?: string): EphemeralMessage[] =>
      state.ephemerals.filter((e) => e.user === userId && !e.deleted && (channelId === undefined || e.channel === channelId)),
    home: (userId: string): EmulatorView | undefined => state.homes.get(userId),
    openView: (userId: string): EmulatorView | undefined => state.modals.get(userId)?.at(-1),
    viewStack: (userId: string): EmulatorView[] => [...(state.modals.get(userId) ?? [])],
    files: (): EmulatorFile[] => [...state.files.values()],
    /**
     * The calls that broke Slack's rules (contract bugs). Errors an app may meet on purpose (rule `state`:
     * channel_not_found, user_not_found, is_archived…) are recorded too but only listed with `includeState`.
     */
    violations: (opts: { includeState?: boolean } = {}): Violation[] => state.violations.filter((v) => opts.includeState === true || v.rule !== 'state'),
    /** Calls `listener` after every change; returns the unsubscribe function. */
    onChange: (listener: () => void): (() => void) => {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    clearViolations: () => {
      state.violations.length = 0;
    },
    /**
     * Polls until `fn()` is truthy: the app acks first and calls Slack afterwards. The default wait is 5 s: a
     * passing test returns as soon as the condition holds, and under CI's load the first publish of a suite on the
     * real PostgreSQL server (cold JIT, new connections, statements prepared) once took longer than the 2 s it was.
     */
    async waitFor<T>(fn: () => T, opts: { timeoutMs?: number } = {}): Promise<NonNullable<T>> {
      const deadline = Date.now() + (opts.timeoutMs ?? WAIT_FOR_MS);
      for (;;) {
        const value = fn();
        if (value) return value as NonNullable<T>;
        if (Date.now() > deadline) throw new Error(`waitFor: condition still false after ${opts.timeoutMs ?? WAIT_FOR_MS} ms: ${fn.toString().slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
