import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { startHarness, setTeam, type Harness } from '../helpers/harness';
import { freshDb } from '../helpers/db';
import { createFixedClock } from '../../src/clock';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createReportService } from '../../src/domain/report-service';
import { orgReportMessage } from '../../src/slack/ui/report-message';
import { addDays, localToday } from '../../src/domain/cadence';
import { count, countOrNone, daysAgo, inDays, listOf, noun, withArticle } from '../../src/slack/ui/words';
import { generateOrg, insertFixture } from '../reports/org-fixture';
import { testSealer } from '../helpers/data-key';

/** Each wording fix of issue 16, through the real surfaces where it showed, plus the one words helper they use. */

describe('the words helper (Intl plural, relative dates, lists, articles)', () => {
  it('counts with the right plural, zero included', () => {
    expect([count(0, 'day'), count(1, 'day'), count(2, 'day')]).toEqual(['0 days', '1 day', '2 days']);
    expect([count(1, 'person', 'people'), count(3, 'person', 'people'), noun(1, 'manager'), noun(2, 'manager')]).toEqual(['1 person', '3 people', 'manager', 'managers']);
    expect(countOrNone(0, 'open item', 'no open items')).toBe('no open items');
  });
  it('says relative days the way people do', () => {
    expect([daysAgo(0), daysAgo(1), daysAgo(11)]).toEqual(['today', 'yesterday', '11 days ago']);
    expect([inDays(0), inDays(1), inDays(3)]).toEqual(['today', 'tomorrow', 'in 3 days']);
  });
  it('joins lists and picks a or an', () => {
    expect([listOf(['Liam']), listOf(['Liam', 'Zoe']), listOf(['Liam', 'Zoe', 'Ava'])]).toEqual(['Liam', 'Liam and Zoe', 'Liam, Zoe and Ava']);
    expect([withArticle('Executive'), withArticle('Frontline manager', (s) => `*${s}*`)]).toEqual(['an Executive', 'a *Frontline manager*']);
  });
});

describe('the org report groups levels in plain plurals', () => {
  it('says "Mid-level managers (managers of managers) — 4 managers", never "…managers)s"', async () => {
    const env = freshDb();
    try {
      const fx = generateOrg();
      insertFixture(env.db, fx);
      const reports = createReportService({
        reads: createReportReadModel(sqliteKysely(env.db)),
        pulse: createPulseRepository(sqliteKysely(env.db), { secret: 's', sealer: testSealer() }),
        clock: createFixedClock(fx.now),
        isAdmin: (id) => id === 'UADMIN001',
        minResponses: 5,
      });
      const text = JSON.stringify(orgReportMessage(await reports.org('UADMIN001')).blocks);
      expect(text).toContain('*Mid-level managers (managers of managers)* — 4 managers');
      expect(text).toContain('*Executives* — 1 manager,');
      expect(text).not.toContain('managers)s');
      expect(text).not.toContain('Executive*s');
    } finally {
      env.cleanup();
    }
  });
});

describe('wording through Slack', () => {
  let h: Harness;
  let maria: string, alice: string, bob: string;
  const said = async (user: string, command: string, text: string): Promise<string> => {
    const before = h.emulator.ephemerals(user).length;
    const res = await h.driver.command(user, command, text);
    const inline = typeof res.body === 'object' && res.body !== null ? JSON.stringify(res.body) : String(res.body ?? '');
    if (inline.includes('"text"')) return inline;
    await h.emulator.waitFor(() => h.emulator.ephemerals(user).length > before, { timeoutMs: 4000 });
    return JSON.stringify(h.emulator.ephemerals(user).at(-1));
  };

  beforeAll(async () => {
    h = await startHarness();
    ({ manager: maria, alice, bob } = h.people);
    await setTeam(h, maria, [alice, bob]);
  });
  afterAll(async () => {
    await h.stop();
  });
  afterEach(() => {
    expect(h.emulator.violations()).toEqual([]);
  });

  it('the digest ages an action item from its 1:1 (11 days ago), not from when it was typed in (today)', async () => {
    const heldOn = addDays(localToday(h.clock.now(), 'Europe/Berlin'), -11);
    const logged = await h.leadwell.slack.deps.oneOnOnes.submitLog(
      maria,
      { reportId: alice, heldOn, notes: '', items: [{ row: 0, ownerId: maria, text: 'Book the offsite' }], doneItemIds: [], careerTalk: false, sendSummary: false },
      'late-log',
    );
    expect(logged.ok).toBe(true);
    const preview = await said(maria, '/coach', 'nudge preview');
    expect(preview).toContain(`from your 1:1 with <@${alice}> 11 days ago`);
    expect(preview).not.toContain('0 days ago');
  });

  it('a level change reads "an Executive", not "a Executive"', async () => {
    const reply = await said(maria, '/coach', 'level executive');
    expect(reply).toContain("you're now coached as an *Executive*");
    expect(reply).not.toContain('a *Executive*');
    await said(maria, '/coach', 'level auto');
  });

  it('kudos stats with nothing yet say so in words, not "received 0 from 0 people"', async () => {
    const reply = await said(bob, '/kudos', 'stats');
    expect(reply).toContain('you gave no kudos and received none yet');
    expect(reply).not.toMatch(/received 0 from 0 people|0 people/);
  });

  it('a Home row with no 1:1 says so once, and zero kudos read as words', async () => {
    await h.driver.openHome(bob);
    await h.emulator.waitFor(() => h.emulator.home(bob), { timeoutMs: 4000 });
    expect(JSON.stringify(h.emulator.home(bob)?.blocks)).toContain('No kudos received or given yet.');
    await h.driver.openHome(maria);
    const row = await h.emulator.waitFor(() => h.emulator.home(maria)?.blocks.find((b) => b.block_id === `home_member_${bob}`), { timeoutMs: 4000 });
    const text = JSON.stringify(row);
    expect(text.match(/no 1:1/g)).toHaveLength(1);
    expect(text).not.toContain('no 1:1 yet');
  });

  it('someone who manages nobody is not told a tip is "For frontline managers"', async () => {
    const reply = await said(bob, '/coach', 'tip');
    expect(reply).not.toContain('For frontline managers');
    expect(reply).toContain("A tip for when you manage people (you don't, in Leadwell, yet)");
    const managers = await said(maria, '/coach', 'tip');
    expect(managers).toContain('For frontline managers');
  });
});
