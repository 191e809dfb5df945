import crypto from 'node:crypto';
import { parseDashboardQuery, PERIODS, SORT_KEYS } from '../../src/domain/dashboard/query';
import { LEVELS } from '../../src/domain/ports';
import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { DASHBOARD_ENV, signIn, type Browser } from './sign-in';

/**
 * No page, CSV or chart data ever carries 1:1 note text, a pulse comment or an individual pulse answer, for any
 * scope, level, period or sort, as an admin or as a manager. The pulse follows Slack's threshold (PULSE_MIN_RESPONSES,
 * 5 here): October has 5 answers for Maria (shown as an average), September 4 (hidden; their average must not appear).
 */
let h: Harness;
const NOTE = 'NOTE-TEXT-alice-is-thinking-of-leaving';
const COMMENTS = ['COMMENT-she-never-listens', 'COMMENT-great-manager'];
const SHOWN = { period: '2026-10', ratings: [5, 4, 4, 3, 1] }; // average 3.40
const HIDDEN = { period: '2026-09', ratings: [1, 1, 2, 1] }; // average 1.25, below the threshold

async function insertPulse(managerId: string, period: string, ratings: number[]): Promise<void> {
  for (const [i, r] of ratings.entries()) {
    await h.query('INSERT INTO pulse_responses (id, period, manager_id, rating, comment) VALUES (?, ?, ?, ?, ?)', crypto.randomUUID(), period, managerId, r, COMMENTS[i % 2]!);
  }
}

beforeAll(async () => {
  h = await startHarness({ env: DASHBOARD_ENV });
  await setTeam(h, h.people.admin, [h.people.manager]);
  await setTeam(h, h.people.manager, [h.people.alice, h.people.bob, h.people.carol]);
  const logged = await h.leadwell.slack.deps.oneOnOnes.submitLog(
    h.people.manager,
    { reportId: h.people.alice, heldOn: '2026-11-20', notes: NOTE, items: [{ row: 0, ownerId: h.people.alice, text: `${NOTE} item` }], doneItemIds: [], energy: 2, careerTalk: true, sendSummary: false },
    'privacy-1',
  );
  expect(logged.ok).toBe(true);
  await insertPulse(h.people.manager, SHOWN.period, SHOWN.ratings);
  await insertPulse(h.people.manager, HIDDEN.period, HIDDEN.ratings);
}, 30_000);
afterAll(async () => h?.stop());

/** Every combination of the query, as links a person could follow or type. */
function queries(scopes: string[]): string[] {
  const out: string[] = [];
  for (const scope of scopes) for (const period of PERIODS) for (const level of ['all', ...LEVELS]) out.push(new URLSearchParams({ scope, period: period.id, level }).toString());
  for (const sort of SORT_KEYS) for (const dir of ['asc', 'desc']) out.push(new URLSearchParams({ scope: scopes[0]!, period: '26w', sort, dir }).toString());
  return out;
}

async function everyResponse(b: Browser, scopes: string[]): Promise<string[]> {
  const bodies: string[] = [];
  for (const q of queries(scopes)) {
    for (const path of ['/dashboard', '/dashboard/export.csv']) {
      const res = await b.get(`${path}?${q}`);
      expect(res.status).toBe(200);
      bodies.push(await res.text());
    }
  }
  return bodies;
}

function expectNothingPrivate(bodies: string[]): void {
  for (const body of bodies) {
    expect(body).not.toContain(NOTE);
    for (const c of COMMENTS) expect(body).not.toContain(c);
    expect(body).not.toMatch(/1\.25|\b1\.3\b/); // September's average (4 answers), in any rounding
  }
}

describe('the dashboard shows aggregates only', () => {
  it('as an admin, across every scope, level, period and sort, in pages and CSVs', async () => {
    const b = await signIn(h, h.people.admin);
    const bodies = await everyResponse(b, ['org', h.people.manager, h.people.admin]);
    expectNothingPrivate(bodies);
    // October reached the threshold: its average is shown (so the check above is not vacuous), never its spread.
    const page = await (await b.get('/dashboard?period=26w')).text();
    expect(page).toContain('3.40 (5 answers)');
    expect(page).toMatch(/<th scope="row">2026-09<\/th><td>—<\/td>/);
    expect(bodies.some((x) => x.includes('3.4'))).toBe(true);
  }, 60_000);

  it('as a manager, in their own scope', async () => {
    const b = await signIn(h, h.people.manager);
    expectNothingPrivate(await everyResponse(b, [h.people.manager]));
  }, 60_000);

  it('parses hostile query strings to defaults instead of failing', () => {
    const q = parseDashboardQuery(new URLSearchParams('scope=<script>&period=9999w&level=ceo&sort=__proto__&dir=sideways'));
    expect(q).toEqual({ scope: undefined, level: 'all', period: '12w', sort: 'name', dir: 'asc' });
  });
});
