import type { Db } from '../../src/storage/database';
import { testSealer } from '../helpers/data-key';
import { NOTES_COLUMN, columnContext } from '../../src/storage/sealed-columns';

/** Notes are encrypted at rest: seed them sealed under the test key the bench app is given. */
const SEALED_NOTE = testSealer().seal('seeded private note', columnContext(NOTES_COLUMN));

const DAY = 24 * 60 * 60 * 1000;
const SPAN = 8; // reports per manager: a five-level org for 10,000 people
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC', 'America/Los_Angeles'];

export interface SeededOrg {
  people: number;
  /** A (manager, report) pair picked from n, spread over the whole org. */
  pair(n: number): [string, string];
}

const idOf = (i: number) => `U${String(i).padStart(6, '0')}`;
const managerOf = (i: number) => Math.floor((i - 1) / SPAN);

/** Seeds a realistic org in one transaction: people in a tree, ~20 1:1s per pair, an action item per 1:1, and kudos (20,000 unless told). */
export function seedOrg(db: Db, o: { people: number; oneOnOnes: number; now: number; kudos?: number }): SeededOrg {
  const person = db.prepare(`INSERT INTO people (id, team_id, name, real_name, tz, manager_id, became_manager_at, created_at, updated_at)
    VALUES (?, 'TBENCH', ?, ?, ?, ?, ?, ?, ?)`);
  const oneOnOne = db.prepare(`INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, energy, career_talk, idempotency_key, created_at)
    VALUES (?, ?, ?, ?, '${SEALED_NOTE}', ?, ?, ?, ?)`);
  const item = db.prepare(`INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, done_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const kudos = db.prepare(`INSERT INTO kudos (giver_id, value, message, post_status, idempotency_key, created_at) VALUES (?, ?, ?, 'posted', ?, ?)`);
  const recipient = db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)');
  const prepared = db.prepare(`INSERT INTO events (at, kind, actor_id, subject_id, data) VALUES (?, 'one_on_one.prepared', ?, ?, ?)`);
  const pairs = o.people - 1;
  db.transaction(() => {
    for (let i = 0; i < o.people; i += 1) {
      const isManager = i * SPAN + 1 < o.people;
      person.run(idOf(i), `person${i}`, `Person ${i}`, ZONES[i % ZONES.length], i === 0 ? null : idOf(managerOf(i)), isManager ? o.now - 900 * DAY : null, o.now, o.now);
    }
    let left = o.oneOnOnes;
    for (let r = 1; r <= pairs; r += 1) {
      const count = Math.ceil(left / (pairs - r + 1));
      left -= count;
      const m = idOf(managerOf(r));
      for (let k = 0; k < count; k += 1) {
        const heldAt = o.now - ((r % 20) + 1 + k * 14) * DAY;
        const heldOn = new Date(heldAt).toISOString().slice(0, 10);
        const id = oneOnOne.run(m, idOf(r), heldOn, heldAt, 1 + (k % 5), k % 6 === 0 ? 1 : 0, `seed-${r}-${k}`, heldAt).lastInsertRowid;
        // The latest two 1:1s of each pair leave open items; older ones are done.
        item.run(id, m, idOf(r), k % 2 === 0 ? idOf(r) : m, `Follow up on topic ${k} with person ${r}`, k < 2 ? null : heldAt + DAY, heldAt);
      }
      // The manager prepared the pair's latest 1:1 with a card, as a team that uses Leadwell does: without these
      // the server's statistics say no card was ever prepared, and it reads the manager's last card through the
      // kind's index, every card prepared since, where a real org's statistics lead it to events_actor_kind.
      if (count > 0) prepared.run(o.now - ((r % 20) + 2) * DAY, m, idOf(r), JSON.stringify({ items: [] }));
    }
    for (let k = 0; k < (o.kudos ?? 20_000); k += 1) {
      const at = o.now - (k % 60) * DAY;
      const id = kudos.run(idOf((k * 31) % o.people), 'ownership', `Thanks for the help on release ${k}\nMore detail here`, `seed-k-${k}`, at).lastInsertRowid;
      recipient.run(id, idOf(1 + ((k * 7919) % pairs)), at);
    }
  })();
  return {
    people: o.people,
    pair: (n) => {
      const r = 1 + ((n * 7919) % pairs);
      return [idOf(managerOf(r)), idOf(r)];
    },
  };
}
