import type { ReceivedRecognition, RecognitionReader } from '../domain/one-on-ones';
import type { Executor } from './engine';
import { preparedNamed } from './prepared-named';

/** The read, exported so a test can EXPLAIN it: it walks kudos_recipients_person for one person. */
export const recognitionQuery = (db: Executor, p: { personId: string; from: number; limit: number }) =>
  db.selectFrom('kudos_recipients as r').innerJoin('kudos as k', 'k.id', 'r.kudos_id')
    .select(['k.giver_id', 'k.value', 'k.message', 'r.created_at'])
    .where('r.recipient_id', '=', p.personId).where('r.created_at', '>=', p.from)
    .orderBy('r.created_at', 'desc').orderBy('r.kudos_id', 'desc').limit(p.limit);

/**
 * Reads recognition straight from the kudos tables (0001) for the prep card, so 1:1 prep does not
 * wait for the kudos feature's own service. Kudos that failed to post still count: they were given.
 */
export function createRecognitionReader(db: Executor): RecognitionReader {
  // Built once: every prep card reads it.
  const received = preparedNamed(db, (p: { personId: string; from: number; limit: number }) => recognitionQuery(db, p));
  return {
    receivedSince: async (personId, from, limit = 5): Promise<ReceivedRecognition[]> =>
      (await received({ personId, from, limit })).rows.map((r) => ({ giverId: r.giver_id, value: r.value, message: r.message, at: r.created_at })),
  };
}
