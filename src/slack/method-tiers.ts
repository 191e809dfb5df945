import type { RateTier } from '../domain/outbox/delivery';

/**
 * Slack's rate tier for each Web API method the outbox calls, copied from the vendored
 * tools/slack-reference/rate-limits/method_tiers.json (derived from slackapi/java-slack-sdk
 * MethodsRateLimits.java @ 86ff7ca9915e21882def04c2d579ac02503f95fe). Tiers are per method per workspace:
 * Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min. chat.postMessage has its own tier (about one a second per
 * channel, several hundred a minute per workspace): the operator sets its workspace rate (NUDGE_RATE_PER_MINUTE).
 */
const TIER_PER_MINUTE = { tier2: 20, tier3: 50, tier4: 100 } as const;

const METHOD_TIER: Record<string, keyof typeof TIER_PER_MINUTE> = {
  'conversations.open': 'tier3',
  'conversations.info': 'tier3',
  'conversations.join': 'tier3',
  'conversations.list': 'tier2',
  'files.getUploadURLExternal': 'tier4',
  'files.completeUploadExternal': 'tier4',
};

/** The tier the outbox's rate gate uses for a method; `postsPerMinute` is the workspace's chat.postMessage rate. */
export function tierOf(method: string, postsPerMinute: number): RateTier {
  if (method === 'chat.postMessage') return { name: 'chat.postMessage', perMinute: postsPerMinute };
  const tier = METHOD_TIER[method] ?? 'tier2';
  return { name: tier, perMinute: TIER_PER_MINUTE[tier] };
}
