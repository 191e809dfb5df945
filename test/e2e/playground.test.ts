import { startBrowserSession, type BrowserSession } from './browser';
import { browserSuitePlan, loudNotice } from './chromium';

/**
 * A newcomer's first minutes with `npm run dev`, in Debian's Chromium: the real app, the emulator and the page.
 * One browser and one playground for the file; each step builds on the one before, as a person would.
 */
let s: BrowserSession;
const TEXT_WAIT = { timeout: 10_000 };

/**
 * A step of the journey with a generous but bounded budget; on failure it saves a screenshot and adds the page's
 * last toast and the app's warnings to the error, so a CI failure can be read without re-running.
 */
function step(name: string, fn: () => Promise<void>, timeoutMs = 30_000): void {
  it(name, async () => {
    try {
      await fn();
    } catch (err) {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await s.shot(`FAILED-${slug}`).catch(() => undefined);
      const toast = await s.page.locator('#toast').textContent().catch(() => '');
      (err as Error).message += `\n(page toast: ${toast ?? ''})\n(app warnings: ${s.logs.join('').slice(-2000)})`;
      throw err;
    }
  }, timeoutMs);
}

const person = (name: string) => s.playground.org.people.find((p) => p.name === name)!;
const dialog = (title: string) => s.page.getByRole('dialog', { name: title });

// Chromium from CHROMIUM_PATH or the usual places; without one the suite is skipped loudly (failed under CI).
const plan = browserSuitePlan();
if (!plan.run) {
  if (plan.fail) throw new Error(plan.notice);
  process.stderr.write(loudNotice(plan.notice));
}
const describeInBrowser = plan.run ? describe : describe.skip;

describeInBrowser('the playground in a browser', () => {
  beforeAll(async () => {
    s = await startBrowserSession();
    await s.page.goto(s.playground.url);
    await s.page.getByText('Welcome to the Leadwell playground').waitFor(TEXT_WAIT);
  }, 60_000);

  afterAll(async () => {
    await s?.stop();
  });

  afterEach(() => {
    expect(s.pageErrors).toEqual([]);
    expect(s.playground.emulator.violations()).toEqual([]);
  });

  step('lets a newcomer pick a manager and get a 1:1 prep card with autocomplete', async () => {
    const { page } = s;
    await page.locator('#who').selectOption(person('tom').id);
    await page.getByText('You are Tom Becker').waitFor(TEXT_WAIT);
    await page.locator('#input').pressSequentially('/oneon');
    await page.locator('.suggest-item', { hasText: '/oneonone' }).waitFor(TEXT_WAIT);
    await page.keyboard.press('Enter');
    await page.locator('#input').pressSequentially('@zo');
    await page.locator('.suggest-item', { hasText: 'Zoe Martin' }).click();
    await expect(page.locator('#input').inputValue()).resolves.toBe('/oneonone @zoe ');
    await s.shot('01-autocomplete-done');
    await page.keyboard.press('Enter');
    const card = page.locator('.message.ephemeral', { hasText: 'Only you can see this card' });
    await card.waitFor(TEXT_WAIT);
    await expect(card.getByText('Only visible to you').isVisible()).resolves.toBe(true);
    // Seeded history: Tom's last 1:1 with Zoe and her open action item show on the card.
    await expect(card.textContent()).resolves.toContain('Write up the flaky-test playbook');
    await expect(card.locator('.mention', { hasText: '@Zoe Martin' }).count()).resolves.toBeGreaterThan(0);
    await s.shot('02-prep-card');
  });

  step('asks before sending the agenda (a confirm dialog), and sends it on Send', async () => {
    const { page } = s;
    const zoe = person('zoe').id;
    const before = s.playground.emulator.dms(zoe).length;
    await page.getByRole('button', { name: 'Send agenda to Zoe Martin' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Send the agenda?').waitFor(TEXT_WAIT);
    await s.shot('02b-confirm-dialog');
    await confirm.getByRole('button', { name: 'Not now' }).click();
    await confirm.waitFor({ state: 'hidden', ...TEXT_WAIT });
    expect(s.playground.emulator.dms(zoe)).toHaveLength(before);
    await page.getByRole('button', { name: 'Send agenda to Zoe Martin' }).click();
    await confirm.getByRole('button', { name: 'Send' }).click();
    await s.playground.emulator.waitFor(() => s.playground.emulator.dms(zoe).length > before, { timeoutMs: 5000 });
    // The card is redrawn in place: it says the agenda went out and offers no second Send.
    const card = page.locator('.message.ephemeral', { hasText: 'Only you can see this card' });
    await card.getByText('Agenda sent').waitFor(TEXT_WAIT);
    await expect(card.getByRole('button', { name: 'Send agenda to Zoe Martin' }).count()).resolves.toBe(0);
  });

  step('logs the 1:1 from the card: modal, fill, submit, confirmation', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Log this 1:1' }).click();
    const modal = dialog('Log a 1:1');
    await modal.waitFor(TEXT_WAIT);
    await modal.locator('[data-block-id] textarea').first().fill('Zoe will mentor the new hire. *Flaky tests* are down.');
    await modal.locator('.input-block', { hasText: 'Action item 1' }).locator('input').fill('Pair with the new hire on the test suite');
    await s.shot('03-log-modal-filled');
    await modal.getByRole('button', { name: 'Save' }).click();
    const done = dialog('1:1 logged');
    await done.getByText('Logged your 1:1 with').waitFor(TEXT_WAIT);
    await expect(done.textContent()).resolves.toContain('1 action item');
    await s.shot('04-log-confirmation');
    await done.getByRole('button', { name: 'Done' }).click();
    await done.waitFor({ state: 'detached', ...TEXT_WAIT });
    // The seed's 1:1 of 20 days ago and this one (older demo history is 35+ days back).
    const monthAgo = s.playground.clock.now() - 30 * 86_400_000;
    const row = s.playground.leadwell.db!
      .prepare('SELECT COUNT(*) AS n FROM one_on_ones WHERE manager_id = ? AND report_id = ? AND held_at >= ?')
      .get(person('tom').id, person('zoe').id, monthAgo) as { n: number };
    expect(row.n).toBe(2);
  });

  step('gives kudos through the global shortcut: a field error from the app, then the post in #kudos', async () => {
    const { page } = s;
    await page.locator('#shortcuts-button').click();
    await page.getByRole('button', { name: 'Give kudos' }).click();
    const modal = dialog('Give kudos');
    await modal.waitFor(TEXT_WAIT);
    const recipients = modal.locator('.input-block', { hasText: 'Who are you recognising?' });
    await recipients.locator('select').selectOption(person('tom').id);
    await modal.locator('.input-block', { hasText: 'Which value' }).locator('select').selectOption({ label: 'Teamwork' });
    await modal.locator('textarea').fill('Turned the flaky-test mess into a <b>playbook</b> the whole team uses.');
    await modal.getByRole('button', { name: 'Send kudos' }).click();
    // The app answers response_action: errors; the page shows it under the field.
    await modal.locator('.field-error', { hasText: "can't give kudos to yourself" }).waitFor(TEXT_WAIT);
    await expect(modal.locator('textarea').inputValue()).resolves.toContain('playbook'); // typed text survives
    await s.shot('05-kudos-field-error');
    await recipients.getByRole('button', { name: 'Remove Tom Becker (@tom)' }).click();
    await recipients.locator('select').selectOption(person('zoe').id);
    await expect(recipients.locator('.chip').allTextContents()).resolves.toEqual(['Zoe Martin (@zoe)×']);
    await modal.getByRole('button', { name: 'Send kudos' }).click();
    await modal.waitFor({ state: 'detached', ...TEXT_WAIT });
    // Unread badge: the post landed in a channel Tom is not looking at.
    await page.locator('.side-item', { hasText: '# kudos' }).locator('.badge', { hasText: '1' }).waitFor(TEXT_WAIT);
    await page.getByRole('button', { name: '# kudos' }).click();
    await page.locator('.side-item', { hasText: '# kudos' }).locator('.badge').waitFor({ state: 'detached', ...TEXT_WAIT });
    const post = page.locator('.message', { hasText: 'Turned the flaky-test mess' });
    await post.waitFor(TEXT_WAIT);
    // The message text is shown, never interpreted as markup.
    await expect(post.textContent()).resolves.toContain('<b>playbook</b>');
    await expect(post.locator('b').count()).resolves.toBe(0);
    await s.shot('06-kudos-channel');
  });

  step('gives kudos for a channel message through the message shortcut', async () => {
    const { page } = s;
    await page.getByRole('button', { name: '# general' }).click();
    const message = page.locator('.message', { hasText: 'checkout retry fix is live' });
    await message.locator('.message-actions button').first().click();
    await message.getByRole('button', { name: 'Give kudos for this' }).click();
    const modal = dialog('Give kudos');
    await modal.waitFor(TEXT_WAIT);
    await s.shot('07-message-shortcut-modal');
    // The author of the message comes pre-picked.
    await expect(modal.locator('.chip').allTextContents()).resolves.toEqual(['Liam Walsh (@liam)×']);
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await modal.waitFor({ state: 'detached', ...TEXT_WAIT });
  });

  step('opens App Home', async () => {
    const { page } = s;
    await page.locator('#app-item').click();
    await page.getByRole('tab', { name: 'Home' }).click();
    const home = page.locator('#home');
    await home.getByText('Recognition', { exact: true }).waitFor(TEXT_WAIT);
    await expect(home.textContent()).resolves.toContain('Zoe Martin');
    await s.shot('08-app-home');
  });

  step('moves the app clock to Monday 09:00 and shows the weekly nudge DM', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Messages' }).click();
    await page.getByRole('button', { name: 'Next Monday 09:00' }).click();
    await page.locator('#clock', { hasText: 'Mon' }).waitFor(TEXT_WAIT);
    const nudge = page.locator('.message', { hasText: 'Your week as a leader' });
    await nudge.waitFor({ timeout: 20_000 });
    await expect(nudge.locator('button').count()).resolves.toBeGreaterThan(0);
    await s.shot('09-weekly-nudge');
  });

  step('renders mrkdwn like Slack and never turns message text into markup', async () => {
    const liam = person('liam').id;
    const text = `*bold* _it_ ~gone~ \`a<b\` <https://example.com/?a=1&amp;b=2|site> <javascript:alert(1)|bad> <@${liam}> &lt;img src=x onerror=alert(1)&gt;\nline two`;
    const html = await s.page.evaluate((t) => {
      const w = globalThis as unknown as { LW: { mrkdwn(text: string, ctx: unknown): { outerHTML: string } } };
      return w.LW.mrkdwn(t, { userName: () => 'Liam Walsh', channelName: () => undefined }).outerHTML;
    }, text);
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<s>gone</s>');
    expect(html).toContain('<code>a&lt;b</code>');
    expect(html).toContain('<a href="https://example.com/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">site</a>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<span class="mention">@Liam Walsh</span>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;<br>line two');
    expect(html).not.toContain('<img');
  });
});

/**
 * The README's walkthrough, word for word, from the persona the page starts as (no picking): this is what a newcomer
 * reads before `npm run dev`, so it must be true. The text it checks is quoted in the comments.
 */
describeInBrowser('the README walkthrough in a browser', () => {
  let w: BrowserSession;
  beforeAll(async () => {
    w = await startBrowserSession();
    await w.page.goto(w.playground.url);
    await w.page.getByText('Welcome to the Leadwell playground').waitFor(TEXT_WAIT);
  }, 60_000);
  afterAll(async () => {
    await w?.stop();
  });
  afterEach(() => {
    expect(w.pageErrors).toEqual([]);
    expect(w.playground.emulator.violations()).toEqual([]);
  });
  const tom = () => w.playground.org.people.find((p) => p.name === 'tom')!;

  it('opens as Tom Becker, and the welcome points at the picker in the top bar', async () => {
    await expect(w.page.locator('#who').inputValue()).resolves.toBe(tom().id);
    await w.page.getByText('You are Tom Becker').waitFor(TEXT_WAIT);
    await w.page.getByText('Pick who you are in the top bar').waitFor(TEXT_WAIT);
    await expect(w.page.getByText('on the left').count()).resolves.toBe(0);
  }, 30_000);

  it('"type `/oneonone @zoe`": a prep card for Tom\'s 1:1 with Zoe', async () => {
    const { page } = w;
    await page.locator('#input').pressSequentially('/oneonone @zoe');
    await page.keyboard.press('Enter'); // picks Zoe Martin from the suggestions, as Slack does
    await page.keyboard.press('Enter');
    const card = page.locator('.message.ephemeral', { hasText: 'Only you can see this card' });
    await card.waitFor(TEXT_WAIT);
    await expect(card.textContent()).resolves.toContain('1:1 prep · Zoe Martin');
    await expect(card.textContent()).resolves.toContain('Write up the flaky-test playbook');
    await w.shot('readme-01-prep-card');
  }, 30_000);

  it('"give kudos with the ⚡ shortcut": the post lands in #kudos', async () => {
    const { page } = w;
    await page.locator('#shortcuts-button').click();
    await page.getByRole('button', { name: 'Give kudos' }).click();
    const modal = page.getByRole('dialog', { name: 'Give kudos' });
    await modal.waitFor(TEXT_WAIT);
    await modal.locator('.input-block', { hasText: 'Who are you recognising?' }).locator('select').selectOption(w.playground.org.people.find((p) => p.name === 'zoe')!.id);
    await modal.locator('.input-block', { hasText: 'Which value' }).locator('select').selectOption({ label: 'Craft' });
    await modal.locator('textarea').fill('The flaky-test playbook saved the whole team a week.');
    await modal.getByRole('button', { name: 'Send kudos' }).click();
    await modal.waitFor({ state: 'detached', ...TEXT_WAIT });
    await w.playground.emulator.waitFor(() => w.playground.emulator.messages(w.playground.org.kudosChannel).some((m) => JSON.stringify(m).includes('flaky-test playbook saved')), { timeoutMs: 5000 });
  }, 30_000);

  it('"open Leadwell → Home": Tom\'s team and, on this first open, his welcome', async () => {
    const { page } = w;
    await page.locator('#app-item').click();
    await page.getByRole('tab', { name: 'Home' }).click();
    const home = page.locator('#home');
    await home.getByText('Welcome to Leadwell').waitFor(TEXT_WAIT);
    await expect(home.textContent()).resolves.toContain('Three first steps');
    await expect(home.textContent()).resolves.toContain('Zoe Martin');
    await w.shot('readme-02-home');
  }, 30_000);

  it('"press Next Monday 09:00": the weekly nudge arrives, stamped 09:00 on the app clock', async () => {
    const { page } = w;
    await page.getByRole('tab', { name: 'Messages' }).click();
    await page.getByRole('button', { name: 'Next Monday 09:00' }).click();
    await page.locator('#clock', { hasText: 'Mon' }).waitFor(TEXT_WAIT);
    const nudge = page.locator('.message', { hasText: 'Your week as a leader' });
    await nudge.waitFor({ timeout: 20_000 });
    await expect(nudge.locator('button').count()).resolves.toBeGreaterThan(0);
    // The message time follows the app clock after the jump (Monday 09:0x in Tom's zone), not the real one.
    await expect(nudge.locator('.time').textContent()).resolves.toMatch(/^09:0\d$/);
    await w.shot('readme-03-nudge');
  }, 40_000);
});
