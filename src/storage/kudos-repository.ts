import type { Db } from './database';
import type { Kudos, KudosRepository, NewKudos, PostStatus } from '../domain/kudos';
import { asyncPort } from './interim-async';

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
  /** Comma-joined by the queries below (user ids never contain commas). */
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

const SELECT = `SELECT k.*, (SELECT group_concat(recipient_id) FROM
  (SELECT recipient_id FROM kudos_recipients WHERE kudos_id = k.id ORDER BY rowid)) AS recipient_ids FROM kudos k`;
const SUMMARY_KEY = 'kudos.values_in_action_summary';
const SUMMARY_POSTED_KEY = 'kudos.values_in_action_summary.last_posted';

export function createKudosRepository(db: Db): KudosRepository {
  const insertKudos = db.prepare(`
    INSERT INTO kudos (giver_id, value, message, source_channel, source_ts, source_permalink, idempotency_key, created_at)
    VALUES (@giverId, @value, @message, @sourceChannel, @sourceTs, @sourcePermalink, @idempotencyKey, @createdAt)`);
  const insertRecipient = db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)');
  const byId = db.prepare<[number], KudosRow>(`${SELECT} WHERE k.id = ?`);
  const byKey = db.prepare<[string], KudosRow>(`${SELECT} WHERE k.idempotency_key = ?`);
  const givenSince = db.prepare<[string, number], KudosRow>(`${SELECT} WHERE k.giver_id = ? AND k.created_at >= ? ORDER BY k.created_at, k.id`);
  const givenBetween = db.prepare<[string, number, number], KudosRow>(
    `${SELECT} WHERE k.giver_id = ? AND k.created_at >= ? AND k.created_at < ? ORDER BY k.created_at, k.id`,
  );
  const recipientsSince = db.prepare<[string, number], { n: number }>(`
    SELECT COUNT(*) AS n FROM kudos k JOIN kudos_recipients r ON r.kudos_id = k.id
    WHERE k.giver_id = ? AND k.created_at >= ?`);
  const receivedBetween = db.prepare<[string, number, number], KudosRow>(`${SELECT}
    WHERE k.id IN (SELECT kudos_id FROM kudos_recipients WHERE recipient_id = ? AND created_at >= ? AND created_at < ?)
    ORDER BY k.created_at, k.id`);
  const allBetween = db.prepare<[number, number], KudosRow>(`${SELECT} WHERE k.created_at >= ? AND k.created_at < ? ORDER BY k.created_at, k.id`);
  // post_ts IS NULL is the guard: a row with a post_ts was posted and is never posted again.
  const markOther = db.prepare(
    'UPDATE kudos SET post_status = ?, post_error = ?, post_channel = COALESCE(?, post_channel) WHERE id = ? AND post_ts IS NULL',
  );
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const putSetting = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);

  const one = (row: KudosRow | undefined) => (row ? toKudos(row) : undefined);

  return asyncPort<KudosRepository>({
    // IMMEDIATE takes the write lock up front, so the duplicate and cap checks cannot race another writer.
    insert(k: NewKudos): Kudos {
      const write = db.transaction(() => {
        const id = Number(
          insertKudos.run({
            giverId: k.giverId,
            value: k.value,
            message: k.message,
            sourceChannel: k.source?.channelId ?? null,
            sourceTs: k.source?.ts ?? null,
            sourcePermalink: k.source?.permalink ?? null,
            idempotencyKey: k.idempotencyKey,
            createdAt: k.createdAt,
          }).lastInsertRowid,
        );
        for (const r of k.recipientIds) insertRecipient.run(id, r, k.createdAt);
        return id;
      });
      return one(byId.get(write())) as Kudos;
    },
    get: (id) => one(byId.get(id)),
    byIdempotencyKey: (key) => one(byKey.get(key)),
    givenSince: (giverId, since) => givenSince.all(giverId, since).map(toKudos),
    recipientsGivenSince: (giverId, since) => recipientsSince.get(giverId, since)?.n ?? 0,
    receivedBetween: (id, from, to) => receivedBetween.all(id, from, to).map(toKudos),
    givenBetween: (id, from, to) => givenBetween.all(id, from, to).map(toKudos),
    allBetween: (from, to) => allBetween.all(from, to).map(toKudos),
    markNotPosted: (id, reason, channel) => void markOther.run('not_posted', reason, channel ?? null, id),
    summaryEnabled: () => getSetting.get(SUMMARY_KEY)?.value === 'on',
    setSummaryEnabled: (on, at) => void putSetting.run(SUMMARY_KEY, on ? 'on' : 'off', at),
    lastSummaryPosted: () => getSetting.get(SUMMARY_POSTED_KEY)?.value,
    recordSummaryPosted: (label, at) => void putSetting.run(SUMMARY_POSTED_KEY, label, at),
  });
}
