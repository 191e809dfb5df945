import { startHarness, type Harness } from '../helpers/harness';
import { kudosSteps } from '../kudos/e2e-helpers';
import { OUTBOX_RETRY_ACTION } from '../../src/slack/ui/outbox-status';

/** Issue 18: admins see what Leadwell sends on its own and what it failed to send, and retry with one click. */
let t: Harness;
let k: ReturnType<typeof kudosSteps>;
beforeAll(async () => {
  t = await startHarness({ kudosChannel: { name: 'kudos', isPrivate: true } });
  k = kudosSteps(t);
});
afterAll(async () => {
  await t.stop();
});
afterEach(() => expect(t.emulator.violations()).toEqual([]));

const homeText = (userId: string) => JSON.stringify(t.emulator.home(userId)?.blocks ?? []);

async function status(userId: string) {
  const before = t.emulator.ephemerals(userId).length;
  await t.driver.command(userId, '/coach', 'status');
  return t.emulator.waitFor(() => t.emulator.ephemerals(userId).slice(before).at(-1), { timeoutMs: 4000 });
}

describe('/coach status and App Home show the outbox to admins', () => {
  it('nothing waiting and no failures at first; only an admin may look', async () => {
    const first = await status(t.people.admin);
    expect(first.text).toContain('0 waiting, 0 failed and 0 uncertain this week');
    expect(JSON.stringify(first.blocks)).toContain('*Messages waiting to go*\\n0');
    const refused = await status(t.people.alice);
    expect(refused.text).toContain('Only a Leadwell admin');
  });

  it('a kudos post Leadwell cannot make shows as a failure in plain words; Retry posts it once the admin fixed it', async () => {
    await k.command(t.people.manager, '@alice thanks for untangling the release checklist #craft');
    const failed = await status(t.people.admin);
    const blocks = JSON.stringify(failed.blocks);
    expect(failed.text).toContain('1 failed');
    expect(blocks).toContain('A kudos post for #kudos: Leadwell cannot find the channel: if it is private, invite Leadwell with `/invite @Leadwell`');
    expect(blocks).toContain(OUTBOX_RETRY_ACTION);
    // The same on the admin's Home tab.
    await t.driver.openHome(t.people.admin);
    await t.emulator.waitFor(() => homeText(t.people.admin).includes('What Leadwell sends on its own'));
    expect(homeText(t.people.admin)).toContain('Leadwell cannot find the channel');
    // Someone invites Leadwell; the admin clicks Retry on the Home tab: posted once, at the next run.
    t.emulator.setBotMember(t.kudosChannel, true);
    await t.driver.clickButton(t.people.admin, { actionId: OUTBOX_RETRY_ACTION, where: 'home' });
    await t.emulator.waitFor(() => t.emulator.openView(t.people.admin));
    expect(JSON.stringify(t.emulator.openView(t.people.admin)?.blocks)).toContain('It will be sent again within a minute');
    await t.leadwell.scheduler.runNow('outbox-dispatcher');
    await t.leadwell.scheduler.runNow('outbox-dispatcher');
    expect(k.posts().filter((m) => JSON.stringify(m).includes('release checklist'))).toHaveLength(1);
    expect((await k.kudosRows())[0]).toMatchObject({ post_status: 'posted' });
    expect((await status(t.people.admin)).text).toContain('0 failed');
    expect(await t.query("SELECT actor_id FROM events WHERE kind = 'outbox.retried'")).toEqual([{ actor_id: t.people.admin }]);
    await t.driver.closeView(t.people.admin);
  });

  it('a retry by someone who is not an admin changes nothing', async () => {
    // Read and set through t.query, so the refusal is checked the same on SQLite and PostgreSQL.
    const [row] = await t.query<{ id: number }>("SELECT id FROM outbox WHERE kind = 'kudos.post'");
    await t.query("UPDATE outbox SET status = 'failed', reason = 'not_in_channel' WHERE id = ?", row?.id);
    const before = t.emulator.ephemerals(t.people.alice).length;
    await t.driver.command(t.people.alice, '/coach', 'status');
    await t.emulator.waitFor(() => t.emulator.ephemerals(t.people.alice).length > before);
    await expect(t.leadwell.slack.deps.outbox.retry(t.people.alice, row?.id ?? 0)).rejects.toThrow(/Only a Leadwell admin/);
    expect(await t.query('SELECT status FROM outbox WHERE id = ?', row?.id)).toEqual([{ status: 'failed' }]);
  });
});
