import type { Db } from '../../src/storage/database';

const DAY = 24 * 60 * 60 * 1000;
export const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Australia/Sydney'];
const idOf = (i: number) => `U${String(i).padStart(6, '0')}`;

/**
 * A four-level org (1 CEO, 10 VPs, 100 directors, ~1,000 managers, the rest individual contributors)
 * plus one manager of 150 people, then `events` rows spread over the five logged tables.
 *
 * With `historyOnTopOf: n` (and events > n), the first n rows are seeded exactly as a seed of n rows would be, and
 * the rest are older history that no bench viewer's App Home shows: earlier 1:1s of pairs that already have a recent
 * one (their action items done), kudos between people who are never viewers, two years back or more, and old audit
 * events. So every viewer's Home is the same at every size and only the history under it grows; the scale curve
 * checks that by comparing the published views.
 */
export function seedHome(db: Db, people: number, events: number, o: { historyOnTopOf?: number } = {}): { roles: Record<string, string[]> } {
  const recent = o.historyOnTopOf !== undefined && o.historyOnTopOf < events ? o.historyOnTopOf : events;
  const seeded = seedLayer(db, people, recent);
  if (recent < events) seedHistory(db, people, events - recent, seeded);
  return { roles: seeded.roles };
}

/** The five logged tables' inserts, as both seed layers write them. */
function activityInserts(db: Db) {
  const oneOnOne = db.prepare(`INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const item = db.prepare('INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, done_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const kudos = db.prepare(`INSERT INTO kudos (giver_id, value, message, post_status, idempotency_key, created_at) VALUES (?, 'Craft', ?, 'posted', ?, ?)`);
  const recipient = db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)');
  const audit = db.prepare(`INSERT INTO events (at, kind, actor_id, subject_id, data) VALUES (?, 'nudge.sent', ?, ?, '{}')`);
  return { oneOnOne, item, kudos, recipient, audit };
}

interface Seeded {
  roles: Record<string, string[]>;
  /** The manager–report pairs that have a 1:1 in the seeded rows. */
  pairsWithOneOnOne: Array<[string, string]>;
}

function seedLayer(db: Db, people: number, events: number): Seeded {
  const person = db.prepare(`INSERT INTO people (id, team_id, name, real_name, tz, manager_id, created_at, updated_at)
    VALUES (?, 'TBENCH', ?, ?, ?, ?, ?, ?)`);
  const { oneOnOne, item, kudos, recipient, audit } = activityInserts(db);
  const managerOf = (i: number): number | null => {
    if (i === 0) return null;
    if (i <= 10) return 0;
    if (i <= 110) return 1 + Math.floor((i - 11) / 10);
    if (i <= 1110) return 11 + Math.floor((i - 111) / 10);
    if (i > people - 151) return 1110; // one manager with 150 reports
    return 111 + ((i - 1111) % 1000);
  };
  const pairs: Array<[string, string]> = [];
  db.transaction(() => {
    for (let i = 0; i < people; i += 1) {
      const m = managerOf(i);
      person.run(idOf(i), `person${i}`, `Person ${i}`, ZONES[i % ZONES.length], m === null ? null : idOf(m), NOW, NOW);
      if (m !== null) pairs.push([idOf(m), idOf(i)]);
    }
    // Split the logged rows: 40% 1:1s, 20% action items, 15% kudos, 15% recipients, 10% audit events.
    const n1 = Math.floor(events * 0.4);
    const perPair = Math.max(1, Math.ceil(n1 / pairs.length));
    let written = 0;
    let itemsLeft = Math.floor(events * 0.2);
    for (let p = 0; written < n1; p = (p + 1) % pairs.length) {
      const [m, r] = pairs[p] as [string, string];
      const k = Math.floor(written / pairs.length);
      const heldAt = NOW - ((p % 25) + 1 + k * Math.max(1, Math.floor(730 / perPair))) * DAY;
      const id = oneOnOne.run(m, r, new Date(heldAt).toISOString().slice(0, 10), heldAt, `b${written}`, heldAt).lastInsertRowid;
      if (itemsLeft > 0) {
        item.run(id, m, r, r, `Follow up ${written}`, k < 1 ? null : heldAt + DAY, heldAt);
        itemsLeft -= 1;
      }
      written += 1;
    }
    const nk = Math.floor(events * 0.15);
    for (let k = 0; k < nk; k += 1) {
      const at = NOW - (k % 365) * DAY - (k % 1000);
      const id = kudos.run(idOf((k * 31) % people), `Thanks for release ${k}`, `bk${k}`, at).lastInsertRowid;
      recipient.run(id, idOf(1 + ((k * 7919) % (people - 1))), at);
    }
    const written2 = written + Math.floor(events * 0.2) - itemsLeft + nk * 2;
    for (let k = 0; written2 + k < events; k += 1) audit.run(NOW - (k % 500) * DAY, idOf(k % people), idOf((k * 13) % people));
  })();
  return {
    pairsWithOneOnOne: pairs.slice(0, Math.min(Math.floor(events * 0.4), pairs.length)),
    roles: {
      executive: [idOf(0)],
      'mid-level': Array.from({ length: 10 }, (_, i) => idOf(1 + i)),
      director: Array.from({ length: 100 }, (_, i) => idOf(11 + i)),
      frontline: Array.from({ length: 1000 }, (_, i) => idOf(111 + i)),
      'manager-of-150': [idOf(1110)],
      individual: Array.from({ length: 500 }, (_, i) => 1111 + ((i * 7) % (people - 1300))).map(idOf),
      admin: [idOf(5)],
    },
  };
}


/** `rows` rows of history below what any viewer's Home shows (see seedHome), split as seedLayer splits its rows. */
function seedHistory(db: Db, people: number, rows: number, seeded: Seeded): void {
  const viewers = new Set(Object.values(seeded.roles).flat());
  const bystanders = Array.from({ length: people }, (_, i) => idOf(i)).filter((id) => !viewers.has(id));
  const pairs = seeded.pairsWithOneOnOne;
  if (pairs.length === 0 || bystanders.length < 2) throw new Error('history needs pairs with a 1:1 and people who are never viewers');
  const { oneOnOne, item, kudos, recipient, audit } = activityInserts(db);
  db.transaction(() => {
    const n1 = Math.floor(rows * 0.4);
    const nItems = Math.floor(rows * 0.2);
    for (let i = 0; i < n1; i += 1) {
      const [m, r] = pairs[i % pairs.length] as [string, string];
      // 800 days back or more: older than any seeded 1:1 (those are at most 755 days back).
      const heldAt = NOW - (800 + Math.floor(i / pairs.length)) * DAY - (i % 1000);
      const id = oneOnOne.run(m, r, new Date(heldAt).toISOString().slice(0, 10), heldAt, `h${i}`, heldAt).lastInsertRowid;
      if (i < nItems) item.run(id, m, r, r, `Earlier follow up ${i}`, heldAt + DAY, heldAt);
    }
    const nk = Math.floor(rows * 0.15);
    for (let k = 0; k < nk; k += 1) {
      // Two years back or more, between people who never open a Home here, so no viewer's kudos lines or counts move.
      const at = NOW - (730 + (k % 1000)) * DAY - (k % 1000);
      const id = kudos.run(bystanders[(k * 31) % bystanders.length] as string, `Thanks for an old release ${k}`, `hk${k}`, at).lastInsertRowid;
      recipient.run(id, bystanders[(k * 7919 + 1) % bystanders.length] as string, at);
    }
    for (let k = 0; n1 + nItems + nk * 2 + k < rows; k += 1) audit.run(NOW - (600 + (k % 500)) * DAY, idOf(k % people), idOf((k * 13) % people));
  })();
}
