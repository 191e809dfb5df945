import { startHarness, type Harness } from '../helpers/harness';
import { loadConfig } from '../../src/config';
import { logOneOnOne } from './seed';
import { rawBytes, rawContains } from './raw-scan';

const DAY = 24 * 60 * 60 * 1000;
const OLD_NOTE = 'OLD-NOTE-91ab';
const NEW_NOTE = 'NEW-NOTE-22cd';
const OLD_COMMENT = 'OLD-PULSE-COMMENT-7f7f';
const NEW_COMMENT = 'NEW-PULSE-COMMENT-8e8e';
const OLD_EVENT = 'OLD-EVENT-MARK-3c3c';
const NEW_EVENT = 'NEW-EVENT-MARK-4d4d';

describe('retention: the daily job deletes exactly what is due, and it is gone from the raw file', () => {
  let h: Harness;
  afterEach(async () => {
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
  });

  /** A 1:1 on 2026-06-01 (182 days before the harness date) and one on 2026-11-27; old and new pulse comments and events. Returns the old note as stored. */
  async function seedDue(): Promise<string> {
    const { manager, alice, bob } = h.people;
    await h.leadwell.slack.deps.people.ensure(manager);
    await h.leadwell.slack.deps.people.ensure(alice);
    await h.leadwell.slack.deps.people.ensure(bob);
    await logOneOnOne(h, manager, alice, OLD_NOTE, ['old item kept'], '2026-06-01');
    await logOneOnOne(h, manager, bob, NEW_NOTE, [], '2026-11-27');
    const pulse = 'INSERT INTO pulse_responses (id, period, manager_id, rating, comment) VALUES (?, ?, ?, 4, ?)';
    await h.query(pulse, 'p-old', '2026-08', manager, OLD_COMMENT);
    await h.query(pulse, 'p-new', '2026-11', manager, NEW_COMMENT);
    const event = "INSERT INTO events (at, kind, actor_id, data) VALUES (?, 'test.marker', ?, ?)";
    await h.query(event, h.clock.now() - 400 * DAY, manager, JSON.stringify({ m: OLD_EVENT }));
    await h.query(event, h.clock.now() - 300 * DAY, manager, JSON.stringify({ m: NEW_EVENT }));
    return (await h.query<{ notes: string }>("SELECT notes FROM one_on_ones WHERE held_on = '2026-06-01'"))[0]!.notes;
  }
  const dueEnv = { RETENTION_NOTES_DAYS: '90', RETENTION_PULSE_COMMENTS_DAYS: '60', RETENTION_EVENTS_DAYS: '365' };

  it('notes, pulse comments and events past their days go; newer ones, dates, items and ratings stay', async () => {
    h = await startHarness({ env: dueEnv });
    await seedDue();

    await h.leadwell.scheduler.runNow('retention');

    // CASE, not a bare comparison: PostgreSQL's `<>` gives a boolean where SQLite gives 0 or 1.
    const notes = await h.query('SELECT held_on, CASE WHEN notes <> \'\' THEN 1 ELSE 0 END AS has FROM one_on_ones ORDER BY held_on');
    expect(notes).toEqual([{ held_on: '2026-06-01', has: 0 }, { held_on: '2026-11-27', has: 1 }]);
    expect(await h.query('SELECT text FROM action_items')).toEqual([{ text: 'old item kept' }]);
    expect(await h.query('SELECT id, rating, comment FROM pulse_responses ORDER BY id')).toEqual([
      { id: 'p-new', rating: 4, comment: NEW_COMMENT },
      { id: 'p-old', rating: 4, comment: '' },
    ]);
    const markers = (await h.query<{ data: string }>("SELECT data FROM events WHERE kind = 'test.marker'")).map((r) => r.data);
    expect(markers).toEqual([JSON.stringify({ m: NEW_EVENT })]);
    const audit = await h.query("SELECT actor_id, data FROM events WHERE kind = 'retention.applied'");
    expect(audit).toEqual([{ actor_id: 'scheduler', data: JSON.stringify({ notes: 1, pulseComments: 1, events: 1, leavers: 0 }) }]);
  });

  it('what retention deletes is gone from the raw SQLite file and its WAL, and what it keeps is still there', async () => {
    // About the file itself, so SQLite on every run.
    h = await startHarness({ engine: 'sqlite', env: dueEnv });
    const sealedOld = await seedDue();
    h.db.pragma('wal_checkpoint(PASSIVE)');
    expect(rawContains(rawBytes(h.config.databasePath), sealedOld)).toBe(true);
    expect(rawContains(rawBytes(h.config.databasePath), OLD_COMMENT)).toBe(true);

    await h.leadwell.scheduler.runNow('retention');

    const raw = rawBytes(h.config.databasePath);
    expect(rawContains(raw, sealedOld)).toBe(false);
    expect(rawContains(raw, OLD_COMMENT)).toBe(false);
    expect(rawContains(raw, OLD_EVENT)).toBe(false);
    expect(rawContains(raw, NEW_COMMENT)).toBe(true);
    expect(rawContains(raw, NEW_EVENT)).toBe(true);
  });

  it('App Home tells admins what is kept and for how long; others do not get the section', async () => {
    h = await startHarness({ env: { RETENTION_NOTES_DAYS: '180', RETENTION_LEAVERS_DAYS: '30' } });
    await h.driver.openHome(h.people.admin);
    const home = JSON.stringify(await h.emulator.waitFor(() => h.emulator.home(h.people.admin)));
    expect(home).toContain('Data kept');
    expect(home).toContain('1:1 notes: text erased (dates and action items stay) after 180 days');
    expect(home).toContain('People who left Slack: anonymised after 30 days');
    expect(home).toContain('Pulse comments: kept until deleted by hand (no limit set)');
    expect(home).toContain('Backups: not scheduled in the app');
    await h.driver.openHome(h.people.alice);
    expect(JSON.stringify(await h.emulator.waitFor(() => h.emulator.home(h.people.alice)))).not.toContain('Data kept');
  });

  it('is off by default: nothing is deleted', async () => {
    h = await startHarness();
    await h.leadwell.slack.deps.people.ensure(h.people.alice);
    await h.leadwell.slack.deps.people.ensure(h.people.manager);
    await logOneOnOne(h, h.people.manager, h.people.alice, OLD_NOTE, [], '2020-01-01');
    await h.leadwell.scheduler.runNow('retention');
    expect(await h.query("SELECT COUNT(*) AS n FROM one_on_ones WHERE notes <> ''")).toEqual([{ n: 1 }]);
    expect(await h.query("SELECT COUNT(*) AS n FROM events WHERE kind = 'retention.applied'")).toEqual([{ n: 0 }]);
  });
});

describe('retention settings', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PULSE_ENABLED: 'false' };
  it('one line per bad value, naming the variable', () => {
    expect(() => loadConfig({ ...base, RETENTION_NOTES_DAYS: 'soon', RETENTION_EVENTS_DAYS: '30', RETENTION_PULSE_COMMENTS_DAYS: '-1', RETENTION_LEAVERS_DAYS: '1.5', BACKUP_KEEP: '0' })).toThrow(
      /RETENTION_NOTES_DAYS: expected a number of days from 1[\s\S]*RETENTION_PULSE_COMMENTS_DAYS: expected a number of days from 31[\s\S]*RETENTION_EVENTS_DAYS: expected a number of days from 90 to 36500 \(reports look back 12 weeks\)[\s\S]*RETENTION_LEAVERS_DAYS[\s\S]*BACKUP_KEEP/,
    );
    const c = loadConfig({ ...base, RETENTION_NOTES_DAYS: '180', RETENTION_EVENTS_DAYS: 'off' });
    expect(c.retention).toEqual({ notesDays: 180, pulseCommentsDays: undefined, eventsDays: undefined, leaversDays: undefined });
    expect(c.backup).toEqual({ dir: undefined, keep: 7 });
  });
});
