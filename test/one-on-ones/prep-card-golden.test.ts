import fs from 'node:fs';
import path from 'node:path';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { composeServices } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { loadContent } from '../../src/content/loader';
import { projectRoot } from '../../src/project-root';
import { prepCardMessage, type CardDone } from '../../src/slack/ui/prep-card';
import { CHOSEN_SITUATIONS } from '../../src/domain/situations';
import type { ListenerDeps } from '../../src/slack/listeners/deps';
import { freshDb } from '../helpers/db';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { DAY, generateOrg, insertFixture, type Fixture } from '../reports/org-fixture';

/**
 * The prep card must not change by a character when it is made faster (issue #22). The golden file holds every
 * card below, as Block Kit, exactly as the code before the speed work (main at a4078e3) drew it on this generated
 * organisation with the real content library, goals, plans and team habits: managers at each level, reports who
 * manage people, a first 1:1, a report with nobody on record, every situation a manager can choose, "Other
 * questions", redraws, and people in zones either side of the date line and across DST changes, at instants
 * around local midnight. Cards are drawn in order (each one moves the rotation), so the sequence is pinned too.
 * `UPDATE_GOLDEN=1` rewrites the file: only ever from a computation known good.
 */
const GOLDEN = path.join(__dirname, 'golden', 'prep-cards.json');
const ZONES = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Not/AZone'];
const HOUR = 60 * 60 * 1000;

let env: ReturnType<typeof freshDb>;
let fx: Fixture;
let deps: ListenerDeps;
const clock = { at: 0, now: () => clock.at };

/** Zones, a new manager, career talks, last situations, open items with markup in them, hostile kudos. */
function enrich(): void {
  const { db } = env;
  fx.people.forEach((p, i) => db.prepare('UPDATE people SET tz = ?, real_name = ? WHERE id = ?').run(ZONES[i % ZONES.length]!, i % 3 ? `${p.name} Ex` : '', p.id));
  db.prepare('UPDATE people SET became_manager_at = ? WHERE id IN (?, ?)').run(fx.now - 30 * DAY, fx.frontline[2]!, fx.mids[1]!);
  db.prepare("UPDATE people SET level_override = 'executive', level_source = 'admin' WHERE id = ?").run(fx.mids[2]!);
  db.prepare("UPDATE people SET level_override = 'mid-level', level_source = 'self' WHERE id = ?").run(fx.frontline[3]!);
  db.prepare('UPDATE one_on_ones SET career_talk = 1 WHERE id % 7 = 0').run();
  const situations = ['resignation', 'performance', 'wellbeing', 'everyday', 'conflict'];
  const last = db.prepare('SELECT id FROM one_on_ones WHERE report_id = ? ORDER BY held_at DESC LIMIT 1');
  const item = db.prepare('INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, done_at, created_at) SELECT id, manager_id, report_id, ?, ?, ?, held_at FROM one_on_ones WHERE id = ?');
  fx.people.filter((p) => p.managerId).forEach((p, i) => {
    const row = last.get(p.id) as { id: number } | undefined;
    if (!row) return;
    if (i % 2 === 0) db.prepare('UPDATE one_on_ones SET situation = ? WHERE id = ?').run(situations[i % situations.length]!, row.id);
    for (let k = 0; k < (i % 13); k += 1) item.run(k % 2 ? p.id : p.managerId!, `Item ${k} for <!channel> & ${p.id} ${'x'.repeat(k * 20)}`, k === 3 ? fx.now : null, row.id);
  });
  const kudos = db.prepare("INSERT INTO kudos (giver_id, value, message, post_status, idempotency_key, created_at) VALUES (?, ?, ?, 'posted', ?, ?)");
  const to = db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)');
  fx.people.slice(0, 60).forEach((p, i) => {
    const id = kudos.run(fx.people[(i * 7) % fx.people.length]!.id, i % 2 ? 'Craft <b>' : 'Ownership', `\n  Thanks *for* <@U1> & <!here> ${i}\nsecond line`, `golden-${i}`, fx.now - (i % 40) * DAY).lastInsertRowid;
    to.run(id, p.id, fx.now - (i % 40) * DAY);
  });
}

/** Goals and a development plan for a few reports, through the app's own services. */
async function goalsAndPlans(): Promise<void> {
  clock.at = fx.now;
  const today = new Date(fx.now).toISOString().slice(0, 10);
  const reports = fx.people.filter((p) => p.managerId && !p.deleted && !p.bot);
  for (const [i, p] of reports.slice(0, 12).entries()) {
    const visibility = ['manager', 'private', 'team'][i % 3]!;
    await deps.goals.create({ actorId: p.id, raw: { title: `Goal ${i} of ${p.id}`, why: 'Because', dueOn: i % 2 ? today : null, kind: 'personal', visibility }, requestKey: `golden-goal-${i}` });
    if (i % 4 === 0) {
      const steps = [{ text: `Step one for ${p.id}`, targetOn: today, status: 'open' }, { text: 'Step two', targetOn: null, status: 'open' }];
      await deps.plans.save({ actorId: p.id, personId: p.id, raw: { strengths: 'Kind', areasToGrow: 'Focus', careerDirection: 'Lead', steps }, expectedVersion: 0, requestKey: `golden-plan-${i}` });
    }
  }
}

/** Who prepares for whom: every level, reports who manage people, a first 1:1, nobody on record, bad zones. */
function pairs(): Array<[string, string]> {
  const icOf = (m: string) => fx.people.filter((p) => p.managerId === m && !p.deleted).map((p) => p.id);
  const out: Array<[string, string]> = [];
  for (const fl of fx.frontline.slice(0, 8)) for (const ic of icOf(fl).slice(0, 3)) out.push([fl, ic]);
  for (const mid of fx.mids) out.push([mid, icOf(mid)[0]!], [mid, icOf(mid)[1]!]);
  out.push([fx.exec, fx.mids[0]!], [fx.exec, fx.mids[2]!], [fx.mids[0]!, fx.exec], [fx.frontline[0]!, fx.frontline[9]!], [fx.frontline[1]!, 'UGONE0002']);
  return out;
}

type Drawn = Record<string, unknown>;

async function drawAll(): Promise<Drawn> {
  const out: Drawn = {};
  const service = deps.oneOnOnes;
  const card = async (key: string, make: () => Promise<Parameters<typeof prepCardMessage>[0]>, done?: CardDone) => {
    try {
      const c = await make();
      out[key] = { message: prepCardMessage(c, done), itemIds: c.itemIds, today: c.today };
      return c;
    } catch (err) {
      out[key] = { refused: (err as { code?: string }).code };
      return undefined;
    }
  };
  // Instants: the fixture's now (Monday 09:00 UTC), just before and after midnight UTC, a week on, and the
  // European (28 Mar 2027 01:00 UTC) and US (14 Mar 2027 07:00 UTC) DST starts, either side of each change.
  const instants = [0, 14.5 * HOUR, 15.5 * HOUR, 7 * DAY + 10 * HOUR + 59 * 60 * 1000];
  const dst = [Date.UTC(2027, 2, 28, 0, 30), Date.UTC(2027, 2, 28, 1, 30), Date.UTC(2027, 2, 14, 6, 30), Date.UTC(2027, 2, 14, 7, 30)];
  const at = [...instants.map((d) => fx.now + d), ...dst];
  const list = pairs();
  for (const [n, instant] of at.entries()) {
    clock.at = instant;
    for (const [i, [m, r]] of list.entries()) {
      if ((i + n) % 4 !== 0 && n > 0) continue;
      const key = `${new Date(instant).toISOString()} ${m}→${r}`;
      const first = await card(`${key} prep`, () => service.prep(m, r));
      if (!first || i % 6 !== 0) continue;
      await card(`${key} other`, () => service.prep(m, r, { avoid: first.itemIds }));
      await card(`${key} redraw-logged`, () => service.redraw(m, r, { itemIds: first.itemIds }), { loggedOn: first.today });
      await card(`${key} redraw-agenda`, () => service.redraw(m, r, { itemIds: first.itemIds, chosen: 'wellbeing' }), { agendaSent: { questions: 3, openItems: 0 }, joinedTeam: true });
    }
  }
  clock.at = fx.now + HOUR;
  const [m, r] = list[0]!;
  for (const chosen of CHOSEN_SITUATIONS) await card(`chosen ${chosen} ${m}→${r}`, () => service.prep(m, r, { chosen }));
  for (const chosen of CHOSEN_SITUATIONS) await card(`chosen ${chosen} ${fx.exec}→${fx.mids[1]}`, () => service.prep(fx.exec, fx.mids[1]!, { chosen }));
  out.teams = Object.fromEntries(await Promise.all([fx.exec, ...fx.mids, ...fx.frontline.slice(0, 4)].map(async (id) => [id, await service.team(id)])));
  return JSON.parse(JSON.stringify(out)) as Drawn;
}

beforeAll(async () => {
  env = freshDb();
  fx = generateOrg({ seed: 22 });
  insertFixture(env.db, fx);
  enrich();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-golden', SLACK_SIGNING_SECRET: 'goldensigningsecret0123456789', LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef',
    LEADWELL_DATA_KEY: TEST_DATA_KEY, DATABASE_PATH: ':memory:', PORT: '3000', LOG_LEVEL: 'error', SLACK_API_URL: 'http://127.0.0.1:9/api/',
  });
  const library = loadContent({ baseDir: path.join(projectRoot(), 'prompts') });
  deps = composeServices({ config, logger: createLogger({ level: 'silent' }), clock, store: sqliteKysely(env.db), library }).deps;
  await goalsAndPlans();
});
afterAll(() => env.cleanup());

test('every prep card is the same, block for block, as before the speed work', async () => {
  const actual = await drawAll();
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
    fs.writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 0)}\n`);
  }
  const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Drawn;
  expect(Object.keys(actual)).toEqual(Object.keys(golden));
  for (const key of Object.keys(golden)) expect([key, actual[key]]).toEqual([key, golden[key]]);
});

test('the golden file covers the cases that matter', () => {
  const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Drawn;
  const text = JSON.stringify(golden);
  const cards = Object.values(golden).filter((v) => typeof v === 'object' && v !== null && 'message' in v);
  expect(cards.length).toBeGreaterThan(100);
  for (const needle of ['First 1:1', ':red_circle:', ':large_yellow_circle:', ':large_green_circle:', 'one_on_one_claim_report', '*Last time*', 'HR check', 'Goal ', 'set by your Leadwell admin', 'chosen by you', '&lt;!channel&gt;', '1:1 logged for', 'Agenda sent']) {
    expect([needle, text.includes(needle)]).toEqual([needle, true]);
  }
  const todays = new Set(cards.map((c) => (c as unknown as { today: string }).today));
  expect(todays.size).toBeGreaterThan(6); // local dates either side of midnight and of the DST changes
});
