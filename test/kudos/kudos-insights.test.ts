import { createKudosInsights } from '../../src/domain/kudos-insights';
import { baseInput, kudosWorld, VALUES } from './fixtures';

let world: Awaited<ReturnType<typeof kudosWorld>>;
afterEach(() => world?.cleanup());

function insightsFor(w: Awaited<ReturnType<typeof kudosWorld>>) {
  const insights = createKudosInsights({
    kudos: w.repo,
    people: w.people,
    clock: w.clock,
    companyValues: VALUES,
    adminUserIds: ['UADMIN'],
    outbox: w.outbox.store,
    channel: 'CKUDOS',
  });
  return { insights };
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
    expect(await insights.stats('UGIVER')).toEqual({
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
    const { insights } = insightsFor(world);
    const posted = () => world.outbox.transport.sent.filter((m) => m.kind === 'kudos.summary');
    expect(await insights.summaryEnabled()).toBe(false);
    expect(await insights.publishMonthlySummary()).toEqual({ status: 'disabled' });
    await expect(insights.setSummaryEnabled('UGIVER', true)).rejects.toThrow(/Only a Leadwell admin/);
    await insights.setSummaryEnabled('UADMIN', true);
    world.clock.set(Date.UTC(2026, 10, 1, 9)); // 1 November: summarise October
    expect(await insights.publishMonthlySummary()).toEqual({ status: 'planned' });
    await world.outbox.dispatcher.drain();
    expect(posted()).toHaveLength(1);
    expect(posted()[0]).toMatchObject({ recipient: 'CKUDOS', model: { label: 'October 2026', kudosCount: 1, peopleRecognised: 1 } });
    world.clock.advance(60 * 60_000); // the job runs again the same month (or on a second instance)
    expect(await insights.publishMonthlySummary()).toEqual({ status: 'already_planned' });
    await world.outbox.dispatcher.drain();
    expect(posted()).toHaveLength(1);
  });
});
