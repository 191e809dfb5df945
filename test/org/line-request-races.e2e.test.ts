import { startHarness, type Harness } from '../helpers/harness';
import { answerLineRequest } from '../helpers/reporting-lines';
import { runOrgImport } from '../../src/cli/org-import';
import { createSlackDirectory } from '../../src/slack/directory';
import { createWebClient } from '../../src/slack/web-client';
import { createLogger } from '../../src/logger';
import { until } from '../helpers/db-reads';

/**
 * Attacks on reporting-line confirmation that held, kept as regression tests: two managers claim the same person
 * and both requests get confirmed; two people claim each other (a loop only visible at confirm time); an org
 * import lands while a request waits; the manager on record is deactivated before they answer. Each runs through
 * the real receiver: the clicks are the DMs' own buttons.
 */
let t: Harness;
let maria: string, alice: string, bob: string, carol: string;

// Reads through t.query, so each race is checked the same with the app on SQLite or PostgreSQL.
const managerOf = async (id: string) => (await t.query<{ m: string | null }>('SELECT manager_id AS m FROM people WHERE id = ?', id))[0]?.m;
// In the order they were asked: `ask` lets a second pass between requests, as any two people would (rowid was SQLite's).
const statuses = () => t.query('SELECT requested_by AS by, status FROM reporting_line_requests ORDER BY created_at');
const seen = (id: string) => JSON.stringify([t.emulator.ephemerals(id), t.emulator.dms(id)]);

beforeEach(async () => {
  t = await startHarness();
  ({ manager: maria, alice, bob, carol } = t.people);
  for (const id of [maria, alice, bob, carol]) await t.leadwell.slack.deps.people.ensure(id);
});
afterEach(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

/** `managerId` asks for `personId` the way "My team" does (the same service call the modal makes). */
async function ask(managerId: string, personId: string): Promise<void> {
  const result = await t.leadwell.slack.deps.org.addReports(managerId, [personId]);
  expect(result.requested.map((r) => r.personId)).toEqual([personId]);
  t.clock.advance(1000);
}

/** Clicks Confirm on the request DM `userId` got from `requesterId`, as they would in Slack. */
async function confirmFrom(userId: string, requesterId: string): Promise<void> {
  const dm = t.emulator.dms(userId).find((m) => m.text.includes(`<@${requesterId}> asked Leadwell`) || m.text.includes(`<@${requesterId}> asked to add`));
  expect(dm).toBeDefined();
  await t.driver.clickButton(userId, { actionId: 'reporting_line_confirm', where: { channel: dm!.channel, ts: dm!.ts } });
}

describe('reporting-line requests that race or go stale', () => {
  it('Maria and Carol both claim Bob and Bob confirms both: the first wins, the second changes nothing', async () => {
    await ask(maria, bob);
    await ask(carol, bob);
    await confirmFrom(bob, maria);
    await until(async () => (await managerOf(bob)) === maria);
    await confirmFrom(bob, carol);
    await t.emulator.waitFor(() => seen(bob).includes('The org chart changed since this was asked'), { timeoutMs: 4000 });
    expect(await managerOf(bob)).toBe(maria);
    expect(await statuses()).toEqual([{ by: maria, status: 'confirmed' }, { by: carol, status: 'cancelled' }]);
  });

  it('Alice and Carol claim each other and both confirm: the second would be a loop, so it changes nothing', async () => {
    await ask(carol, alice);
    await ask(alice, carol);
    await confirmFrom(alice, carol);
    await until(async () => (await managerOf(alice)) === carol);
    await confirmFrom(carol, alice);
    await t.emulator.waitFor(() => seen(carol).includes('The org chart changed since this was asked'), { timeoutMs: 4000 });
    expect(await managerOf(carol)).toBeNull();
    expect(await managerOf(alice)).toBe(carol);
  });

  it('an org import that lands while a request waits wins: a late Confirm changes nothing', async () => {
    await ask(carol, bob);
    const directory = createSlackDirectory(createWebClient(t.config, createLogger({ level: 'silent' })));
    const csv = ['person,manager', 'bob@example.com,maria@example.com'].join('\n');
    expect((await runOrgImport({ csv, apply: true, db: t.store, directory, clock: t.clock })).lines).toContain('Applied.');
    expect(await managerOf(bob)).toBe(maria);
    await answerLineRequest(t, bob);
    await t.emulator.waitFor(() => seen(bob).includes('The org chart changed since this was asked'), { timeoutMs: 4000 });
    expect(await managerOf(bob)).toBe(maria);
  });

  it('a manager on record who is deactivated before answering can no longer confirm a move', async () => {
    await t.leadwell.slack.deps.people.repository.setManager(alice, maria, t.clock.now());
    await ask(carol, alice);
    await t.query('UPDATE people SET deleted = 1 WHERE id = ?', maria);
    await confirmFrom(maria, carol);
    await t.emulator.waitFor(() => seen(maria).includes('Only the person, their manager on record or a Leadwell admin'), { timeoutMs: 4000 });
    expect(await managerOf(alice)).toBe(maria);
  });

  it('asking again after the manager on record changed asks the new manager, not a request nobody can confirm', async () => {
    await t.leadwell.slack.deps.people.repository.setManager(alice, maria, t.clock.now());
    await ask(carol, alice);
    await t.leadwell.slack.deps.people.repository.setManager(alice, bob, t.clock.now()); // an import or an admin moved her meanwhile
    const again = await t.leadwell.slack.deps.org.addReports(carol, [alice]);
    expect(again.requested).toEqual([{ personId: alice, askedIds: [bob, alice] }]);
    await t.emulator.waitFor(() => t.emulator.dms(bob).some((m) => m.text.includes(`<@${carol}> asked to add <@${alice}>`)), { timeoutMs: 4000 });
    expect(await statuses()).toEqual([{ by: carol, status: 'cancelled' }, { by: carol, status: 'pending' }]);
    await confirmFrom(bob, carol);
    await until(async () => (await managerOf(alice)) === carol);
  });
});
