import { sql } from 'kysely';
import { engineOf, opaque, type Executor } from './engine';
import { preparedShared } from './prepared-named';
import { atomic } from './atomic';
import type { Kudos, KudosRepository, NewKudos, PostStatus } from '../domain/kudos';

interface KudosRow {
  id: number;
  giver_id: string;
  value: string;
  message: string;
  source_channel: string | null;
  source_ts: string | null;
  source_permalink: string | null;
  post_channel: string | null;
  post_ts: string | null;
  post_status: string;
  post_error: string | null;
  idempotency_key: string;
  created_at: number;
  /** Comma-joined in the order the giver named them (user ids never contain commas). */
  recipient_ids: string | null;
}

function toKudos(r: KudosRow): Kudos {
  return {
    id: r.id,
    giverId: r.giver_id,
    recipientIds: r.recipient_ids ? r.recipient_ids.split(',') : [],
    value: r.value,
    message: r.message,
    source: r.source_channel && r.source_ts
      ? { channelId: r.source_channel, ts: r.source_ts, permalink: r.source_permalink ?? undefined }
      : undefined,
    postChannel: r.post_channel ?? undefined,
    postTs: r.post_ts ?? undefined,
    postStatus: r.post_status as PostStatus,
    postError: r.post_error ?? undefined,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at,
  };
}

const SUMMARY_KEY = 'kudos.values_in_action_summary';
const SUMMARY_POSTED_KEY = 'kudos.values_in_action_summary.last_posted';
/** First key of the giver's advisory lock on PostgreSQL (the second is the giver id's hash): "kudo" in ASCII. */
const GIVER_LOCK_SPACE = 0x6b75646f;

// string_agg(… ORDER BY …) is spelled the same on PostgreSQL and SQLite (3.44 and later).
const withRecipients = (db: Executor) => db.selectFrom('kudos as k').selectAll('k').select(
  sql<string | null>`(SELECT string_agg(r.recipient_id, ',' ORDER BY r.position) FROM kudos_recipients r WHERE r.kudos_id = k.id)`.as('recipient_ids'),
);

const NONE = { id: 0, key: '', giverId: '', since: 0 };

/** The request-path reads of giving kudos, exported so a test can EXPLAIN them on both engines. */
export const kudosQueries = (db: Executor, p: typeof NONE = NONE) => ({
  byId: withRecipients(db).where('k.id', '=', p.id),
  byKey: withRecipients(db).where('k.idempotency_key', '=', p.key),
  /** The duplicate check: this giver's kudos of the last minute. */
  // The giver opaque: on SQLite these re-planned on every run with it bound (engine.ts, opaque).
  givenSince: withRecipients(db).where('k.giver_id', '=', opaque(db, p.giverId)).where('k.created_at', '>=', p.since).orderBy('k.created_at').orderBy('k.id'),
  /** The daily cap: recipients counted once per kudos. */
  recipientsSince: db.selectFrom('kudos as k').innerJoin('kudos_recipients as r', 'r.kudos_id', 'k.id').select((e) => e.fn.countAll<number>().as('n'))
    .where('k.giver_id', '=', opaque(db, p.giverId)).where('k.created_at', '>=', p.since),
});

export type KudosStore = KudosRepository;

// The request path's statements, built once per database (the repository is made per unit of work: prepared-named.ts).
type P = typeof NONE;
const BY_ID = (db: Executor, p: P) => kudosQueries(db, p).byId;
const BY_KEY = (db: Executor, p: P) => kudosQueries(db, p).byKey;
const GIVEN_SINCE = (db: Executor, p: P) => kudosQueries(db, p).givenSince;
const RECIPIENTS_SINCE = (db: Executor, p: P) => kudosQueries(db, p).recipientsSince;
type KudosValues = Pick<NewKudos, 'giverId' | 'value' | 'message' | 'idempotencyKey' | 'createdAt'> & { channel: string | null; ts: string | null; permalink: string | null };
// `p` is a stand-in when the statement is built: its fields are read one by one, never spread.
const INSERT = (db: Executor, p: KudosValues) => db.insertInto('kudos').values({
  giver_id: p.giverId, value: p.value, message: p.message, source_channel: p.channel, source_ts: p.ts, source_permalink: p.permalink,
  post_channel: null, post_ts: null, post_error: null, idempotency_key: p.idempotencyKey, created_at: p.createdAt,
}).returning('id');

/**
 * Kudos on either engine. The duplicate and cap checks and the insert run in one unit of work in the domain:
 * SQLite's BEGIN IMMEDIATE serialises them; on PostgreSQL (READ COMMITTED) the two checks first take the giver's
 * transaction-scoped advisory lock, so two gives by one giver on two instances run one after the other and the
 * second counts the first (each statement after the lock reads what committed before it).
 */
export function createKudosRepository(db: Executor): KudosStore {
  const hot = {
    byId: preparedShared(db, BY_ID),
    byKey: preparedShared(db, BY_KEY),
    givenSince: preparedShared(db, GIVEN_SINCE),
    recipientsSince: preparedShared(db, RECIPIENTS_SINCE),
  };
  const lockGiver = async (giverId: string) => {
    if (engineOf(db) === 'postgres' && db.isTransaction) await sql`SELECT pg_advisory_xact_lock(${GIVER_LOCK_SPACE}, hashtext(${giverId}))`.execute(db);
  };
  const list = async (query: { execute(): Promise<KudosRow[]> }) => (await query.execute()).map(toKudos);
  const setting = async (key: string) => (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
  const putSetting = async (key: string, value: string, at: number) => {
    await db.insertInto('settings').values({ key, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') }))).execute();
  };
  const byId = async (id: number) => {
    const row = (await hot.byId({ ...NONE, id })).rows[0];
    return row ? toKudos(row) : undefined;
  };

  return {
    async insert(k: NewKudos) {
      const id = await atomic(db, async (trx) => {
        const [row] = (await preparedShared(trx, INSERT)({
          giverId: k.giverId, value: k.value, message: k.message, channel: k.source?.channelId ?? null, ts: k.source?.ts ?? null,
          permalink: k.source?.permalink ?? null, idempotencyKey: k.idempotencyKey, createdAt: k.createdAt,
        })).rows;
        if (!row) throw new Error('kudos insert returned no id');
        if (k.recipientIds.length > 0) {
          await trx.insertInto('kudos_recipients')
            .values(k.recipientIds.map((recipientId, position) => ({ kudos_id: row.id, recipient_id: recipientId, position, created_at: k.createdAt }))).execute();
        }
        return row.id;
      });
      return (await byId(id)) as Kudos;
    },
    get: byId,
    byIdempotencyKey: async (key) => {
      const row = (await hot.byKey({ ...NONE, key })).rows[0];
      return row ? toKudos(row) : undefined;
    },
    async givenSince(giverId, since) {
      await lockGiver(giverId);
      return (await hot.givenSince({ ...NONE, giverId, since })).rows.map(toKudos);
    },
    async recipientsGivenSince(giverId, since) {
      await lockGiver(giverId);
      return Number((await hot.recipientsSince({ ...NONE, giverId, since })).rows[0]?.n ?? 0);
    },
    receivedBetween: (recipientId, from, to) => list(withRecipients(db).where('k.id', 'in', (eb) => eb.selectFrom('kudos_recipients').select('kudos_id')
      .where('recipient_id', '=', recipientId).where('created_at', '>=', from).where('created_at', '<', to)).orderBy('k.created_at').orderBy('k.id')),
    givenBetween: (giverId, from, to) => list(withRecipients(db).where('k.giver_id', '=', giverId).where('k.created_at', '>=', from)
      .where('k.created_at', '<', to).orderBy('k.created_at').orderBy('k.id')),
    allBetween: (from, to) => list(withRecipients(db).where('k.created_at', '>=', from).where('k.created_at', '<', to).orderBy('k.created_at').orderBy('k.id')),
    // post_ts IS NULL is the guard: a row with a post_ts was posted and is never posted again.
    async markNotPosted(id, reason, channel) {
      await db.updateTable('kudos').set((eb) => ({ post_status: 'not_posted', post_error: reason, post_channel: eb.fn.coalesce(eb.val(channel ?? null), eb.ref('post_channel')) }))
        .where('id', '=', id).where('post_ts', 'is', null).execute();
    },
    summaryEnabled: async () => (await setting(SUMMARY_KEY)) === 'on',
    setSummaryEnabled: (on, at) => putSetting(SUMMARY_KEY, on ? 'on' : 'off', at),
    lastSummaryPosted: () => setting(SUMMARY_POSTED_KEY),
    recordSummaryPosted: (label, at) => putSetting(SUMMARY_POSTED_KEY, label, at),
  };
}
