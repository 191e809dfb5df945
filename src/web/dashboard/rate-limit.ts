/**
 * Sign-in attempts per client address: a fixed window, in memory. Enough to blunt someone hammering the
 * callback with guessed codes or filling Slack's logs from one place; the key space is bounded by pruning.
 */
export function createRateLimiter(o: { limit: number; windowMs: number; now: () => number; maxKeys?: number }) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  const maxKeys = o.maxKeys ?? 10_000;
  return {
    /** Seconds to wait when over the limit, else undefined (and the attempt is counted). */
    take(key: string): number | undefined {
      const now = o.now();
      if (hits.size >= maxKeys) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
      const entry = hits.get(key);
      if (!entry || entry.resetAt <= now) {
        if (hits.size >= maxKeys) return Math.ceil(o.windowMs / 1000);
        hits.set(key, { count: 1, resetAt: now + o.windowMs });
        return undefined;
      }
      entry.count += 1;
      return entry.count > o.limit ? Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) : undefined;
    },
  };
}
