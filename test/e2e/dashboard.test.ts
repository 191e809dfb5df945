import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { SHOTS, startBrowserSession, type BrowserSession } from './browser';
import { browserSuitePlan, loudNotice } from './chromium';

/**
 * The web dashboard in Debian's Chromium, signed in through the emulator's Sign in with Slack from the playground's
 * Dashboard link: an admin (Hana), a mid-level manager (Marcus) and a report (Zoe), one after the other in one
 * browser, each signing out before the next. Screenshots of each view go to test-results/e2e/dashboard-*.png.
 */
let s: BrowserSession;
const popupErrors: string[] = [];

const plan = browserSuitePlan();
if (!plan.run) {
  if (plan.fail) throw new Error(plan.notice);
  process.stderr.write(loudNotice(plan.notice));
}
const describeInBrowser = plan.run ? describe : describe.skip;

const person = (name: string) => s.playground.org.people.find((p) => p.name === name)!;
/** Note text the seed wrote into 1:1s: it must never reach a dashboard page or CSV. */
const NOTE_TEXT = ['Zoe is keen on mentoring', 'Earlier 1:1 (demo history)', 'Hiring plan for Q1', 'on-call load'];

async function signInAs(name: string): Promise<Page> {
  await s.page.goto(s.playground.url);
  await s.page.locator('#who').selectOption(person(name).id);
  await s.page.getByText(`You are ${person(name).realName}`).waitFor();
  const [popup] = await Promise.all([s.browser.waitForEvent('page'), s.page.locator('#dashboard-link').click()]);
  popup.on('console', (m) => m.type() === 'error' && popupErrors.push(m.text()));
  popup.on('pageerror', (e) => popupErrors.push(e.message));
  // The emulator's authorisation page, as Slack's: the persona is preselected; Allow sends the browser back.
  await popup.getByRole('heading', { name: 'Sign in to Leadwell with Slack' }).waitFor();
  await popup.getByRole('button', { name: 'Allow' }).click();
  await popup.waitForURL(/\/dashboard$/);
  return popup;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in with Slack' }).waitFor();
  await page.close();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `dashboard-${name}.png`), fullPage: true });
}

/** Every table on the page as [caption, row, column, shown] lines, as a person reads them. */
async function screenTables(page: Page): Promise<string[][]> {
  return page.$$eval('main table[id^="table-"]', (tables) =>
    tables.flatMap((t) => {
      const clean = (el: { textContent: string | null } | null) => (el?.textContent ?? '').replace(/[▲▼]/g, '').trim();
      const caption = clean(t.querySelector('caption'));
      const cols = [...t.querySelectorAll('thead th')].map(clean);
      return [...t.querySelectorAll('tbody tr')].flatMap((tr) => {
        const head = clean(tr.querySelector('th'));
        return [...tr.querySelectorAll('td')].map((td, i) => [caption, head, cols[i + 1] ?? '', clean(td)]);
      });
    }),
  );
}

async function noteTextAbsent(page: Page): Promise<void> {
  const html = await page.content();
  for (const text of NOTE_TEXT) expect(html).not.toContain(text);
}

describeInBrowser('the web dashboard in a browser', () => {
  beforeAll(async () => {
    s = await startBrowserSession();
  }, 60_000);

  afterAll(async () => {
    await s?.stop();
  });

  afterEach(() => {
    // A CSP violation (an inline script or style, a foreign source) is a console error: none allowed.
    const errors = [...s.pageErrors, ...popupErrors];
    popupErrors.length = 0;
    expect(errors).toEqual([]);
    expect(s.playground.emulator.violations()).toEqual([]);
  });

  it('an admin sees the organisation by level with drawn charts, changes period and scope, sorts, and downloads the CSV of what is on screen', async () => {
    const page = await signInAs('hana');
    await page.getByRole('heading', { name: 'Whole organisation' }).waitFor();
    const summary = page.locator('#table-summary tbody th');
    await expect(summary.allTextContents()).resolves.toEqual(['All levels', 'Frontline', 'Mid-level', 'Executive']);
    await expect(page.locator('#table-managers tbody tr').count()).resolves.toBe(7);
    // uPlot drew every chart but the pulse (no month reached the threshold in the demo) from its table.
    await page.locator('figure.chart .uplot canvas').first().waitFor();
    await expect(page.locator('figure.chart .uplot').count()).resolves.toBe(7);
    await expect(page.locator('figure[data-chart="pulse"] .summary').textContent()).resolves.toContain('No pulse results to show');
    await noteTextAbsent(page);
    await shot(page, 'admin-org-12-weeks');

    await page.getByRole('combobox', { name: 'Period' }).selectOption('104w');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/period=104w/);
    await expect(page.locator('#table-withinCadence tbody th').first().textContent()).resolves.toMatch(/^4 weeks from \d{4}-\d{2}-\d{2}$/);
    await expect(page.locator('#table-withinCadence tbody tr').count()).resolves.toBe(26);
    await shot(page, 'admin-org-24-months');

    // Sorting by a column, by keyboard: the header is a link.
    await page.locator('#table-managers thead').getByRole('link', { name: 'People', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=reports/);
    await expect(page.locator('#table-managers thead th[aria-sort="ascending"]').textContent()).resolves.toContain('People');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^leadwell-dashboard-org-104w-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = parse(fs.readFileSync((await download.path())!, 'utf8'), { from_line: 2 }) as string[][];
    expect(csv.map((r) => r.slice(0, 4))).toEqual(await screenTables(page));
    for (const text of NOTE_TEXT) expect(csv.flat().join('\n')).not.toContain(text);

    // Drill down: a manager's name opens their part of the organisation.
    await page.locator('#table-managers tbody a', { hasText: 'Sofia Rossi' }).click();
    await page.getByRole('heading', { name: 'Sofia Rossi and their teams' }).waitFor();
    await expect(page.locator('#table-managers tbody th').allTextContents()).resolves.toEqual(['Amara Okafor', 'Kenji Sato', 'Sofia Rossi']);
    await expect(page.getByRole('navigation', { name: 'Where you are' }).textContent()).resolves.toContain('Organisation');
    await shot(page, 'admin-drill-down-sofia');
    await signOut(page);
  }, 90_000);

  it('a mid-level manager sees their own subtree only, and is refused the organisation and another subtree', async () => {
    const page = await signInAs('marcus');
    await page.getByRole('heading', { name: 'Marcus Chen and their teams' }).waitFor();
    await expect(page.locator('#table-managers tbody th').allTextContents()).resolves.toEqual(['Marcus Chen', 'Priya Patel', 'Tom Becker']);
    const scopes = await page.getByRole('combobox', { name: 'Scope' }).locator('option').allTextContents();
    expect(scopes).toEqual(['Marcus Chen (Mid-level) and below', 'Priya Patel (Frontline) and below', 'Tom Becker (Frontline) and below']);
    await page.getByRole('combobox', { name: 'Scope' }).selectOption(person('tom').id);
    await page.getByRole('combobox', { name: 'Level' }).selectOption('frontline');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'Tom Becker and their teams' }).waitFor();
    await noteTextAbsent(page);
    await shot(page, 'mid-level-manager-tom');

    await page.goto(`${s.playground.dashboardUrl}?scope=org`);
    await page.getByText('The organisation report is for Leadwell admins').waitFor();
    await page.goto(`${s.playground.dashboardUrl}?scope=${person('sofia').id}`);
    await page.getByText('your own part of the org only').waitFor();
    await expect(page.locator('table').count()).resolves.toBe(0);
    // Both refusals are 403 pages (the browser logs each status); nothing else went wrong.
    expect(popupErrors.splice(0)).toEqual([expect.stringContaining('403'), expect.stringContaining('403')]);
    await page.goto(s.playground.dashboardUrl);
    await signOut(page);
  }, 60_000);

  it('a report sees a polite "nothing here for you", and no figures', async () => {
    const page = await signInAs('zoe');
    await page.getByRole('heading', { name: 'Nothing here for you yet' }).waitFor();
    await expect(page.locator('table').count()).resolves.toBe(0);
    await page.goto(`${s.playground.dashboardUrl}/export.csv?scope=org`);
    await page.getByRole('heading', { name: 'Nothing here for you yet' }).waitFor();
    await shot(page, 'report-nothing-here');
    await signOut(page);
  }, 60_000);
});
