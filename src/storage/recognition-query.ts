import { opaque, type Executor } from './engine';

/**
 * Recognition a person received since a moment, newest first, straight from the kudos tables (0001): the prep
 * card reads it with its other facts (prepFactsQuery), so 1:1 prep does not wait for the kudos feature's own
 * service. Kudos that failed to post still count: they were given. Exported so a test can EXPLAIN it: it walks
 * kudos_recipients_person for one person.
 */
export const recognitionQuery = (db: Executor, p: { personId: string; from: number; limit: number }) =>
  db.selectFrom('kudos_recipients as r').innerJoin('kudos as k', 'k.id', 'r.kudos_id')
    .select(['k.giver_id', 'k.value', 'k.message', 'r.created_at', 'r.kudos_id'])
    .where('r.recipient_id', '=', opaque(db, p.personId)).where('r.created_at', '>=', p.from)
    .orderBy('r.created_at', 'desc').orderBy('r.kudos_id', 'desc').limit(opaque(db, p.limit));
