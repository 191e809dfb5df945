import type {
  Clock,
  GuidanceDraws,
  GuidanceItem,
  GuidanceQuery,
  GuidanceSeenRepository,
  GuidanceSource,
  RenderedGuidance,
  TemplateVars,
} from '../domain/ports';
import type { ContentLibrary } from './loader';
import { renderTemplate } from './template';

/**
 * Picks guidance for a person. A query resolves to one pool, trying in order:
 *   (level, topic, situation) → (all, topic, situation) → (level, topic, general) → (all, topic, general)
 * where "general" means `when: [everyday]` items and an absent topic means any topic. Situational
 * items are never drawn for a query without that situation; an `exact` query stops before the general pools.
 *
 * Rotation: a pool of P items is shown in cycles of P picks without repeats. With n = the number of picks
 * this person has drawn from the pool, the current cycle is number floor(n / P) and holds the last n mod P
 * picks; the next item is the unseen one that comes first in an order hashed from (person, cycle, item).
 * So each person sees the pool in their own order, a new order every cycle, and the first pick of a cycle
 * is never the last pick of the previous one. Everything follows from the stored history: deterministic,
 * and it survives restarts. When the pool changes (content added or disabled), a cycle may end early.
 */

export interface GuidanceSourceOptions {
  library: ContentLibrary;
  seen: GuidanceSeenRepository;
  clock: Clock;
}

interface Pool {
  key: string;
  situation?: string;
  items: GuidanceItem[];
  /** Per-item hash of the id, mixed with the person and cycle at pick time. */
  hashes: Uint32Array;
}

const ANY_TOPIC = '*';
const GENERAL = '-';
const EVERYDAY = 'everyday';

export function createGuidanceSource(options: GuidanceSourceOptions): GuidanceSource {
  const { seen, clock } = options;
  const items = options.library.items.filter((i) => i.enabled);
  const byId = new Map(items.map((i) => [i.id, i]));
  const pools = indexPools(items);

  const topicsByLevel = (level: string) =>
    [...new Set(items.filter((i) => i.level === level || i.level === 'all').map((i) => i.topic))].sort();
  return {
    count: () => items.length,
    topics: topicsByLevel,
    next: async (query, vars, draws) => {
      const pool = resolvePool(pools, query);
      if (!pool) return undefined;
      const item = await pickNext(pool, query.personId, seen, draws);
      if (draws) draws.push({ pool: pool.key, itemId: item.id });
      else await seen.record(query.personId, item.id, pool.key, clock.now());
      return render(item, vars, pool.situation);
    },
    byId: (id, vars) => {
      const item = byId.get(id);
      return item ? render(item, vars, undefined) : undefined;
    },
  };
}

/** The pool key is stored with each pick: `level/topic/situation`, `*` for any topic, `-` for general items. */
export function poolKey(level: string, topic: string | undefined, situation: string | undefined): string {
  return `${level}/${topic ?? ANY_TOPIC}/${situation ?? GENERAL}`;
}

function indexPools(items: readonly GuidanceItem[]): Map<string, Pool> {
  const groups = new Map<string, GuidanceItem[]>();
  const add = (key: string, item: GuidanceItem) => {
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  };
  for (const item of items) {
    for (const s of item.when.map((w) => (w === EVERYDAY ? undefined : w))) {
      add(poolKey(item.level, item.topic, s), item);
      add(poolKey(item.level, undefined, s), item);
    }
  }
  const pools = new Map<string, Pool>();
  for (const [key, list] of groups) {
    list.sort((a, b) => (a.id < b.id ? -1 : 1));
    const situation = key.slice(key.lastIndexOf('/') + 1);
    pools.set(key, {
      key,
      situation: situation === GENERAL ? undefined : situation,
      items: list,
      hashes: Uint32Array.from(list, (i) => hashString(i.id)),
    });
  }
  return pools;
}

function resolvePool(pools: Map<string, Pool>, q: GuidanceQuery): Pool | undefined {
  const levels = q.level === 'all' ? ['all'] : [q.level, 'all'];
  const situation = q.situation === EVERYDAY ? undefined : q.situation;
  const situations = situation ? (q.exact ? [situation] : [situation, undefined]) : [undefined];
  for (const s of situations) {
    for (const level of levels) {
      const pool = pools.get(poolKey(level, q.topic, s));
      if (pool) return pool;
    }
  }
  return undefined;
}

async function pickNext(pool: Pool, personId: string, seen: GuidanceSeenRepository, draws?: GuidanceDraws): Promise<GuidanceItem> {
  const size = pool.items.length;
  if (size === 1) return pool.items[0]!;
  // The count and the most recent picks in one read: at most size - 1 are ever excluded.
  const stored = await seen.latest(personId, pool.key, size - 1);
  // Picks not recorded yet come after every stored one: as if each had been recorded when it was made.
  const pending = (draws ?? []).filter((d) => d.pool === pool.key).map((d) => d.itemId).reverse();
  const n = stored.count + pending.length;
  const itemIds = [...pending, ...stored.itemIds];
  const inCycle = n % size;
  // At a cycle boundary only the very last pick is excluded: never the same item twice in a row.
  const excluded = new Set(n === 0 ? [] : itemIds.slice(0, Math.max(inCycle, 1)));
  const seed = hashString(`${personId}\u0000${Math.floor(n / size)}`);
  let best = -1;
  let bestRank = Infinity;
  for (let i = 0; i < size; i += 1) {
    if (excluded.has(pool.items[i]!.id)) continue;
    const rank = mix(pool.hashes[i]! ^ seed);
    if (rank < bestRank) {
      bestRank = rank;
      best = i;
    }
  }
  // Fewer than `size` ids are ever excluded, so some item always qualifies; the guard keeps the types honest.
  return pool.items[best === -1 ? 0 : best]!;
}

function render(item: GuidanceItem, vars: TemplateVars | undefined, situation: string | undefined): RenderedGuidance {
  return {
    id: item.id,
    title: item.title,
    body: renderTemplate(item.body, vars),
    ask: [...item.ask],
    ...(item.askFirst !== undefined ? { askFirst: item.askFirst } : {}),
    reflect: [...item.reflect],
    ...(item.say !== undefined ? { say: item.say } : {}),
    ...(item.ifPushback !== undefined ? { ifPushback: item.ifPushback } : {}),
    ...(item.hrCheck !== undefined ? { hrCheck: item.hrCheck } : {}),
    topic: item.topic,
    level: item.level,
    when: [...item.when],
    ...(situation ? { situation } : {}),
  };
}

/** FNV-1a, 32 bits: stable across runs and platforms. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads the xor of two hashes so orders differ per person and per cycle. */
function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
