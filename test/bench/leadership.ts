/**
 * Bench case: coaching the coaches (issue 21). On 10,000 people (an executive, 25 managers of managers, 1,000
 * frontline managers, the rest their reports) with a year of 1:1s, kudos, weekly nudges and clicks, builds every
 * digest one weekly run and one monthly run would build: the weekly nudge of all 1,026 managers (with the
 * mid-level section where their reports manage people), the executive digest, and the prep-card habits line for
 * every frontline manager. One snapshot load included. Target under 2 s.
 */
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../../src/storage/database';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import { createTipOfWeekStore } from '../../src/storage/tip-of-week-store';
import { createNudgeReadModel } from '../../src/storage/nudge-read-model';
import { createLeadershipReadModel } from '../../src/storage/leadership-read-model';
import { createDepartureRepository } from '../../src/storage/departure-repository';
import { createOrgGoalRepository } from '../../src/storage/org-goal-repository';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { loadContent } from '../../src/content/loader';
import { createGuidanceSource } from '../../src/content/guidance-source';
import { createNudgeDigests } from '../../src/domain/nudge-digest';
import { createLeadershipService } from '../../src/domain/leadership/leadership-service';
import { levelOf } from '../../src/domain/people';
import { projectRoot } from '../../src/project-root';
import { prng } from '../reports/org-fixture';
import { testSealer } from '../helpers/data-key';

const PEOPLE = 10_000;
const TARGET_MS = 2000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 14, 0);

function seed(db: Db): { exec: string; mids: string[]; frontline: string[]; managers: string[] } {
  const rnd = prng(21);
  const ids: string[] = [];
  const managerOf = new Map<string, string>();
  const add = (managerId?: string) => {
    const id = `U${String(ids.length).padStart(8, '0')}`;
    ids.push(id);
    if (managerId) managerOf.set(id, managerId);
    return id;
  };
  const exec = add();
  const mids = Array.from({ length: 25 }, () => add(exec));
  const frontline = Array.from({ length: 1000 }, (_, i) => add(mids[i % mids.length]));
  while (ids.length < PEOPLE) add(frontline[ids.length % frontline.length]);
  const person = db.prepare(`INSERT INTO people (id, team_id, name, real_name, tz, cadence_days, created_at, updated_at) VALUES (?, 'T1', ?, ?, 'Europe/Paris', ?, ?, ?)`);
  const setManager = db.prepare('UPDATE people SET manager_id = ? WHERE id = ?');
  const o = db.prepare(`INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at) VALUES (?, ?, ?, ?, 'bench note', ?, ?)`);
  const k = db.prepare(`INSERT INTO kudos (giver_id, value, message, post_status, idempotency_key, created_at) VALUES (?, 'Craft', 'thanks', 'posted', ?, ?)`);
  const kr = db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)');
  const n = db.prepare(`INSERT INTO nudges (person_id, kind, period, status, due_at, next_attempt_at, created_at, updated_at) VALUES (?, 'weekly', ?, 'sent', ?, ?, ?, ?)`);
  const e = db.prepare("INSERT INTO events (at, kind, actor_id, subject_id, ref_id) VALUES (?, 'nudge.acted', ?, ?, ?)");
  const managers = [exec, ...mids, ...frontline];
  db.transaction(() => {
    for (const id of ids) person.run(id, `Name ${id}`, `Name ${id}`, [7, 14, 14, 21, 30][Math.floor(rnd() * 5)]!, NOW, NOW);
    for (const [id, m] of managerOf) setManager.run(m, id);
    let key = 0;
    for (const [report, manager] of managerOf) {
      for (let t = NOW - 365 * DAY + Math.floor(rnd() * 14) * DAY; t < NOW; t += (7 + Math.floor(rnd() * 21)) * DAY) {
        o.run(manager, report, new Date(t).toISOString().slice(0, 10), t, `o${(key += 1)}`, t);
      }
    }
    for (let i = 0; i < 150_000; i += 1) {
      const at = NOW - Math.floor(rnd() * 365 * DAY);
      const recipient = ids[Math.floor(rnd() * ids.length)]!;
      const giver = rnd() < 0.5 ? (managerOf.get(recipient) ?? exec) : ids[Math.floor(rnd() * ids.length)]!;
      if (giver === recipient) continue;
      kr.run(Number(k.run(giver, `k${i}`, at).lastInsertRowid), recipient, at);
    }
    for (const m of managers) {
      for (let w = 1; w <= 52; w += 1) {
        const due = NOW - w * 7 * DAY;
        const nid = Number(n.run(m, `W${w}`, due, due, due, due).lastInsertRowid);
        if (rnd() < 0.5) e.run(due + 3_600_000, m, m, nid);
      }
    }
  })();
  db.exec('ANALYZE');
  return { exec, mids, frontline, managers };
}

export async function benchLeadership() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-leadership-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const org = seed(db);
    const clock = { now: () => NOW };
    const people = createPeopleRepository(sqliteKysely(db));
    const guidance = createGuidanceSource({ library: loadContent({ baseDir: path.join(projectRoot(), 'prompts') }), seen: createGuidanceSeenRepository(sqliteKysely(db)), clock });
    const leadership = createLeadershipService({
      reads: createLeadershipReadModel(sqliteKysely(db)),
      departures: createDepartureRepository(sqliteKysely(db)),
      goals: createOrgGoalRepository(sqliteKysely(db)),
      guidance,
      pulse: createPulseRepository(sqliteKysely(db), { secret: 'bench', sealer: testSealer() }),
      clock,
      minGroup: 5,
      isAdmin: () => false,
    });
    const digests = createNudgeDigests({
      reads: createNudgeReadModel(sqliteKysely(db)),
      guidance,
      tips: createTipOfWeekStore(sqliteKysely(db)),
      levelOf: async (id) => levelOf((await people.get(id)) ?? {}, await people.subtreeDepth(id)).level,
      clock,
      leadership,
    });
    const started = performance.now();
    leadership.refresh();
    const snapshotStart = performance.now();
    await leadership.index();
    const snapshotMs = performance.now() - snapshotStart;
    let sections = 0;
    const weeklyStart = performance.now();
    for (const m of org.managers) {
      const d = await digests.build((await people.get(m))!);
      if (d.type === 'weekly' && d.managersBelow) sections += 1;
    }
    const weeklyMs = performance.now() - weeklyStart;
    const execStart = performance.now();
    const exec = await leadership.executiveDigest(org.exec, '2026-12');
    const execMs = performance.now() - execStart;
    const prepStart = performance.now();
    let prepLines = 0;
    for (const f of org.frontline) if ((await leadership.prepHabits((await people.get(f))!.managerId!, f))) prepLines += 1;
    const prepMs = performance.now() - prepStart;
    const totalMs = performance.now() - started;
    return {
      name: 'leadership digests',
      people: PEOPLE,
      weekly_digests: org.managers.length,
      mid_level_sections: sections,
      executive_digests: 1,
      prep_lines: prepLines,
      snapshot_ms: Math.round(snapshotMs),
      weekly_digests_ms: Math.round(weeklyMs),
      executive_digest_ms: Math.round(execMs),
      prep_lines_ms: Math.round(prepMs),
      all_digests_ms: Math.round(totalMs),
      target_ms: TARGET_MS,
      ok: totalMs < TARGET_MS && sections === 26 && prepLines === org.frontline.length && exec.people === PEOPLE - 1,
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchLeadership().then((r) => console.log(JSON.stringify(r, null, 2)));
}
