import { startHarness, setTeam, type Harness } from '../helpers/harness';
import { HOME_WELCOME_DISMISS_ACTION } from '../../src/slack/ui/home-welcome';

/**
 * The welcome on the first App Home open, worded for who opens it; the first admin to open Home gets the installer's
 * setup steps (the install identity is unknown over Socket Mode with one bot token). Nothing is DMed to anyone.
 */

let h: Harness;
let maria: string, alice: string, bob: string, hana: string;
const DAY = 24 * 60 * 60 * 1000;

const homeText = (id: string) => JSON.stringify(h.emulator.home(id)?.blocks ?? []);

async function open(id: string): Promise<string> {
  const before = h.emulator.home(id)?.hash;
  await h.driver.openHome(id);
  await h.emulator.waitFor(() => h.emulator.home(id) && h.emulator.home(id)?.hash !== before, { timeoutMs: 4000 });
  return homeText(id);
}

beforeAll(async () => {
  const probe = await startHarness();
  const ids = probe.people;
  await probe.stop();
  // Bob is a second admin: same ids in a fresh emulator (users are created in the same order).
  h = await startHarness({ env: { ADMIN_USER_IDS: `${ids.admin},${ids.bob}` } });
  ({ manager: maria, alice, bob, admin: hana } = h.people);
  await setTeam(h, maria, [alice]);
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  expect(h.emulator.violations()).toEqual([]);
});

describe('the App Home welcome', () => {
  it('for a manager: what Leadwell does for them, three first steps, how to pause', async () => {
    const text = await open(maria);
    expect(text).toContain('Welcome to Leadwell');
    expect(text).toContain('Leadwell coaches you as a manager');
    expect(text).toContain('Three first steps');
    expect(text).toMatch(/1\. Before your next 1:1.*2\. .*3\. Recognise/);
    expect(text).toContain('`/coach nudges off`');
    expect(text).toContain(HOME_WELCOME_DISMISS_ACTION);
  });

  it('for someone who manages nobody: worded for a report, with no promise of a weekly nudge', async () => {
    const text = await open(alice);
    expect(text).toContain("Leadwell helps your manager run good 1:1s");
    expect(text).toContain('Leadwell sends you no weekly nudge unless you manage people');
    expect(text).not.toContain('Leadwell coaches you as a manager');
  });

  it('the first admin to open Home gets the installer\'s welcome, once; another admin gets the admin one', async () => {
    expect(await open(hana)).toContain('Leadwell is installed');
    expect(homeText(hana)).toContain('Nobody has been messaged');
    const other = await open(bob);
    expect(other).toContain("Welcome to Leadwell: you're an admin");
    expect(other).not.toContain('Leadwell is installed');
    expect(await open(hana)).toContain('Leadwell is installed'); // still hers, still once
  });

  it('stays across opens until "Got it", then is gone for good', async () => {
    expect(await open(alice)).toContain('Welcome to Leadwell');
    await h.driver.clickButton(alice, { actionId: HOME_WELCOME_DISMISS_ACTION, where: 'home' });
    await h.emulator.waitFor(() => !homeText(alice).includes('Welcome to Leadwell'), { timeoutMs: 4000 });
    expect(await open(alice)).not.toContain('Welcome to Leadwell');
  });

  it('ends by itself a week after the first open', async () => {
    h.clock.advance(8 * DAY);
    expect(await open(maria)).not.toContain('Welcome to Leadwell');
  });

  it('sends no DM to anyone: no blast on install or on first open', () => {
    for (const id of [maria, alice, bob, hana]) expect(h.emulator.dms(id)).toEqual([]);
  });
});
