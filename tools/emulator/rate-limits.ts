import fs from 'node:fs';
import path from 'node:path';
import type { EmulatorState } from './state';
import type { Json } from './types';

interface TierFile {
  tier_definitions: Record<string, { sdk_budget_per_minute: number; scope?: string }>;
  all_methods: Record<string, string>;
  project_methods: Record<string, string>;
}

export interface RateLimiter {
  /** Seconds to wait when this call is over its tier's budget for the current minute, else undefined. */
  check(method: string, args: Json): number | undefined;
}

const WINDOW_MS = 60_000;

/**
 * Opt-in (`rateLimits: true`): each method gets the per-minute budget of its tier from rate-limits/method_tiers.json,
 * counted per fixed minute of the emulator clock; chat.postMessage is counted per channel, as Slack does.
 * Slack's tiers are minimums ("20+"), so this is the strict reading: an app that survives it survives Slack.
 */
export function createRateLimiter(referenceDir: string, state: EmulatorState): RateLimiter {
  const file = JSON.parse(fs.readFileSync(path.join(referenceDir, 'rate-limits', 'method_tiers.json'), 'utf8')) as TierFile;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    check(method, args) {
      const tierName = file.project_methods[method] ?? file.all_methods[method];
      const tier = tierName ? file.tier_definitions[tierName] : undefined;
      if (!tier) return undefined;
      const key = tier.scope === 'per channel' ? `${method}:${String(args.channel ?? '')}` : method;
      const now = state.clock.now();
      const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
      const window = windows.get(key);
      const current = window && window.start === start ? window : { start, count: 0 };
      windows.set(key, current);
      if (current.count >= tier.sdk_budget_per_minute) return Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000));
      current.count += 1;
      return undefined;
    },
  };
}
