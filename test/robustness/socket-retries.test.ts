import { startHarness, type Harness } from '../helpers/harness';
import { probeCommand } from './probe';

/** The same promises over Socket Mode: envelopes with retry_attempt, and hostile text, answered once and cleanly. */
let t: Harness;
beforeAll(async () => {
  t = await startHarness({ mode: 'socket' });
});
afterAll(async () => {
  await t.stop();
});

it('an event re-sent with retry_attempt is processed once', async () => {
  const { bob } = t.people;
  const publishes = () => t.emulator.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === bob).length;
  const first = await t.driver.openHome(bob);
  await t.emulator.waitFor(() => publishes() > 0, { timeoutMs: 4000 });
  const after = publishes();
  await first.retry();
  await first.retry(2, 'timeout');
  await new Promise((r) => setTimeout(r, 300));
  expect(publishes()).toBe(after);
  expect(t.emulator.violations()).toEqual([]);
});

it('hostile command text over Socket Mode gets a clean private answer', async () => {
  const failures: string[] = [];
  for (const [command, text] of [['/coach', '<!channel>'], ['/goal', '<!here>'], ['/kudos', "'; DROP TABLE people; --"], ['/oneonone', '<@UNOTREAL|ghost>']] as const) {
    const probe = await probeCommand(t, t.people.manager, command, text, `${command} ${text}`);
    failures.push(...probe.problems.map((p) => `${command} ${text}: ${p}`));
  }
  expect(failures).toEqual([]);
  expect(t.emulator.violations()).toEqual([]);
});
