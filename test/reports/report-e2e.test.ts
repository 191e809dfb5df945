import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { rawBytes, rawContains } from '../data-lifecycle/raw-scan';
import { count } from '../helpers/db-reads';

/**
 * Through the real app, signed requests and the emulator: the pulse DM → modal → anonymous answer,
 * /coach report for a manager, an admin and someone without a team, and the CSV export to the DM.
 */
const DEC_1_NOON = Date.UTC(2026, 11, 1, 12, 0, 0); // Tuesday; 13:00 in Paris, 12:00 UTC
const JAN_4 = Date.UTC(2027, 0, 4, 9, 0, 0); // December has closed
const COMMENT = 'SECRET-COMMENT-e2e-7f3a';

describe('reports and the pulse through Slack', () => {
  let h: Harness;
  let team: string[];

  beforeEach(async () => {
    h = await startHarness({ start: DEC_1_NOON, env: { NUDGE_RATE_PER_MINUTE: '6000' } }); // DMs paced 10 ms apart
    const extra = ['dan', 'eve', 'fay', 'gil'].map((name) => h.emulator.addUser({ name, realName: `${name} X`, tz: 'UTC' }).id);
    team = [h.people.alice, ...extra];
    await setTeam(h, h.people.manager, [...team, h.people.bob]);
    await h.leadwell.slack.deps.people.ensure(h.people.admin);
    await h.leadwell.slack.deps.people.ensure(h.people.carol);
    await h.query(`INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at)
      VALUES (?, ?, '2026-11-20', ?, 'NOTE-TEXT-never-exported', 'e2e-1', ?)`, h.people.manager, h.people.alice, DEC_1_NOON - 11 * 86_400_000, DEC_1_NOON);
  });
  afterEach(async () => {
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
  });

  async function answer(userId: string, rating: string, comment?: string) {
    await h.driver.clickButton(userId, { actionId: 'pulse_answer_open', where: 'last-dm' });
    await h.emulator.waitFor(() => h.emulator.openView(userId));
    await h.driver.fillView(userId, { pulse_rating: { rating }, ...(comment ? { pulse_comment: { comment } } : {}) });
    const result = await h.driver.submitView(userId);
    expect(result.errors ?? {}).toEqual({});
    await h.emulator.waitFor(() => JSON.stringify(h.emulator.dms(userId).at(-1)).includes('your answer is in'));
  }

  it('the pulse goes out once, is answered anonymously from the DM, and shows in the manager\'s report after the month closes', async () => {
    await h.leadwell.scheduler.runNow('pulse');
    await h.leadwell.scheduler.runNow('pulse');
    // Bob is in New York (07:00): not yet. Everyone else got exactly one DM.
    for (const id of team) expect(h.emulator.dms(id).filter((m) => JSON.stringify(m).includes('Monthly pulse'))).toHaveLength(1);
    expect(h.emulator.dms(h.people.bob)).toHaveLength(0);

    await answer(team[0]!, '5', COMMENT);
    for (const [i, id] of team.slice(1).entries()) await answer(id, String(2 + i));
    // A second click on an answered pulse opens nothing: the DM now says thanks and has no button.
    expect(JSON.stringify(h.emulator.dms(team[0]!).at(-1))).not.toContain('pulse_answer_open');

    // The answers wait in memory until the month closes; the database has receipts only.
    expect(await count(h, 'SELECT COUNT(*) AS n FROM pulse_responses')).toBe(0);
    expect(await count(h, 'SELECT COUNT(*) AS n FROM pulse_receipts WHERE released = 0')).toBe(5);
    // Neither the comment nor an answer is ever logged.
    expect(h.logs.join('\n')).not.toContain(COMMENT);
    expect(h.logs.join('\n')).not.toMatch(/selected_option/);

    h.clock.set(JAN_4);
    await h.driver.command(h.people.manager, '/coach', 'report');
    const report = await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.manager).at(-1));
    const text = JSON.stringify(report);
    // 5, 2, 3, 4, 5 → 3.8
    expect(text).toContain('*3.8* / 5 from 5 people');
    expect(text).toContain(COMMENT);
    expect(text).not.toContain('NOTE-TEXT');
    const rows = await h.query('SELECT * FROM pulse_responses');
    expect(rows).toHaveLength(5);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(team.join('|')));
    // Released, the comment is stored sealed: no row holds its text, and on SQLite neither the file nor its WAL does
    // (PostgreSQL's files are the server's, out of this test's reach: the rows are what it is given to store).
    expect(rows.filter((r) => r.comment !== '').map((r) => String(r.comment).slice(0, 4))).toEqual(['lw1:']);
    expect(await count(h, 'SELECT COUNT(*) AS n FROM pulse_responses WHERE comment LIKE ?', `%${COMMENT}%`)).toBe(0);
    if (h.engine === 'sqlite') expect(rawContains(rawBytes(h.config.databasePath), COMMENT)).toBe(false);
    // Only the manager reads the comments of their own report: not an admin looking at it.
    await h.driver.command(h.people.admin, '/coach', `report <@${h.people.manager}>`);
    const seenByAdmin = JSON.stringify(await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.admin).at(-1)));
    expect(seenByAdmin).toContain('*3.8* / 5 from 5 people');
    expect(seenByAdmin).not.toContain(COMMENT);
  });

  it('/coach report export uploads a CSV with aggregates only to the requester\'s DM', async () => {
    await h.driver.command(h.people.manager, '/coach', 'report export');
    const file = await h.emulator.waitFor(() => h.emulator.files().find((f) => f.completed));
    const csv = file.bytes!.toString('utf8');
    expect(csv.split('\n')[0]).toContain('manager_id,manager_name,level');
    expect(csv).toContain(h.people.manager);
    expect(csv).not.toContain('NOTE-TEXT');
    expect(file.channels).toHaveLength(1);
    expect(file.channels[0]).toMatch(/^D/);
    expect(h.emulator.dms(h.people.manager).some((m) => JSON.stringify(m).includes(file.id))).toBe(true);
    expect(JSON.stringify(await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.manager).at(-1)))).toContain('CSV is in your DM');
  });

  /** Runs a command and returns the next ephemeral answer as JSON text. */
  async function ask(userId: string, text: string): Promise<string> {
    const before = h.emulator.ephemerals(userId).length;
    await h.driver.command(userId, '/coach', text);
    return JSON.stringify(await h.emulator.waitFor(() => h.emulator.ephemerals(userId)[before]));
  }

  it('authorisation: someone without a team, a peer asking for a manager, and an admin', async () => {
    expect(await ask(h.people.alice, 'report')).toContain('Nobody reports to you');
    expect(await ask(h.people.carol, `report <@${h.people.manager}>`)).toContain('your own part of the org');
    expect(await ask(h.people.carol, 'report org')).toContain('for Leadwell admins');
    expect(await ask(h.people.alice, 'report export')).toContain('nothing to export');
    expect(await ask(h.people.carol, 'report pulse every 3')).toContain('Only a Leadwell admin');
    const org = await ask(h.people.admin, 'report');
    expect(org).toContain('Organisation report');
    expect(org).toContain('All managers');
    expect(await ask(h.people.admin, `report <@${h.people.manager}>`)).toContain('Team report');
    expect(await ask(h.people.admin, 'report pulse every 3')).toContain('every 3 months');
  });
});
