import { createKudosInsights } from '../../src/domain/kudos-insights';
import type { ValuesInActionSummary } from '../../src/domain/kudos-summary';
import { baseInput, kudosWorld, VALUES } from './fixtures';

let world: ReturnType<typeof kudosWorld>;
afterEach(() => world?.cleanup());

function insightsFor(w: ReturnType<typeof kudosWorld>) {
  const published: ValuesInActionSummary[] = [];
  const insights = createKudosInsights({
    kudos: w.repo,
    people: w.people,
    clock: w.clock,
    companyValues: VALUES,
    adminUserIds: ['UADMIN'],
    delivery: {
      postToChannel: async () => ({ status: 'posted', channel: 'C', ts: '1' }),
      notifyRecipients: async () => [],
      postSummary: async (s) => {
        published.push(s);
        return { status: 'posted', channel: 'CKUDOS', ts: '5.5' };
      },
    },
  });
  return { insights, published };
}

describe('kudos stats', () => {
  it('counts this month in the person own time zone', async () => {
    // 30 Nov 23:30 UTC is already 1 December in Paris.
    world = kudosWorld({ start: Date.UTC(2026, 10, 30, 22, 30) });
    await world.service.give({ ...baseInput, recipientIds: ['UA', 'UB'] }); // 23:30 Paris, November
    world.clock.advance(60 * 60_000); // 00:30 Paris, December
    await world.service.give({ ...baseInput, recipientIds: ['UA'], message: 'Thanks for the calm incident review.' });
    await world.service.give({ ...baseInput, giverId: 'UA', recipientIds: ['UGIVER'], value: 'Ownership' });
    const { insights } = insightsFor(world);
    expect(insights.stats('UGIVER')).toEqual({
      label: 'December 2026',
      given: { kudos: 1, people: 1 },
      received: { kudos: 1, givers: 1, values: [{ value: 'Ownership', count: 1 }] },
    });
  });
});

describe('values in action switch and job', () => {
  it('is off by default; only an admin turns it on; the job then posts last month', async () => {
    world = kudosWorld({ start: Date.UTC(2026, 9, 20, 12) });
    await world.service.give(baseInput);
    const { insights, published } = insightsFor(world);
    expect(insights.summaryEnabled()).toBe(false);
    expect(await insights.publishMonthlySummary()).toEqual({ status: 'disabled' });
    expect(() => insights.setSummaryEnabled('UGIVER', true)).toThrow(/Only a Leadwell admin/);
    insights.setSummaryEnabled('UADMIN', true);
    world.clock.set(Date.UTC(2026, 10, 1, 9)); // 1 November: summarise October
    expect(await insights.publishMonthlySummary()).toEqual({ status: 'posted', channel: 'CKUDOS', ts: '5.5' });
    expect(published[0]).toMatchObject({ label: 'October 2026', kudosCount: 1, peopleRecognised: 1 });
    world.clock.advance(60 * 60_000); // the job runs again the same month
    expect(await insights.publishMonthlySummary()).toEqual({ status: 'already_posted' });
    expect(published).toHaveLength(1);
  });
});
