import type { Db } from './database';
import type { ReceivedRecognition, RecognitionReader } from '../domain/one-on-ones';
import { asyncPort } from './interim-async';

interface Row {
  giver_id: string;
  value: string;
  message: string;
  created_at: number;
}

/**
 * Reads recognition straight from the kudos tables (0001) for the prep card, so 1:1 prep does not
 * wait for the kudos feature's own service. Kudos that failed to post still count: they were given.
 */
export function createRecognitionReader(db: Db): RecognitionReader {
  const since = db.prepare<[string, number, number], Row>(`
    SELECT k.giver_id, k.value, k.message, r.created_at
    FROM kudos_recipients r JOIN kudos k ON k.id = r.kudos_id
    WHERE r.recipient_id = ? AND r.created_at >= ?
    ORDER BY r.created_at DESC, r.kudos_id DESC LIMIT ?`);
  return asyncPort<RecognitionReader>({
    receivedSince: (personId, from, limit = 5): ReceivedRecognition[] =>
      since.all(personId, from, limit).map((r) => ({ giverId: r.giver_id, value: r.value, message: r.message, at: r.created_at })),
  });
}
