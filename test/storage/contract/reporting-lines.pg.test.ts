import { createReportingLineRequests, lineLimitQueries } from '../../../src/storage/reporting-line-repository';
import type { NewReportingLineRequest } from '../../../src/domain/reporting-lines/reporting-line';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { DAY, T, org } from './seed-people';

const ask = (extra: Partial<NewReportingLineRequest> = {}): NewReportingLineRequest => ({
  personId: 'UA', fromManagerId: 'UOLD', toManagerId: 'UM', requestedBy: 'UA', via: 'app_home', createdAt: T, expiresAt: T + 7 * DAY, ...extra,
});

describeEachEngine('reporting-line requests', (ctx) => {
  const setup = async () => {
    await org(ctx.db, ['UA', 'UB', 'UM', 'UN', 'UOLD']);
    return createReportingLineRequests(ctx.db);
  };

  it('opens one pending request per person and proposed manager: a double submit, even a simultaneous one, gets the same one back', async () => {
    const lines = await setup();
    const [a, b] = await Promise.all([lines.open(ask()), createReportingLineRequests(ctx.db).open(ask({ createdAt: T + 1 }))]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.request.id).toBe(b.request.id);
    expect(a.request.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.request).toMatchObject({ personId: 'UA', fromManagerId: 'UOLD', toManagerId: 'UM', requestedBy: 'UA', status: 'pending', expiresAt: T + 7 * DAY });
    expect(a.request.decidedBy).toBeUndefined();
    expect(await lines.get(a.request.id)).toEqual(a.request);
    expect(await lines.pending('UA', 'UM')).toEqual(a.request);
    const other = await lines.open(ask({ toManagerId: 'UN', fromManagerId: undefined }));
    expect(other.created).toBe(true);
    expect(other.request.fromManagerId).toBeUndefined();
    expect(await lines.get('nope')).toBeUndefined();
  });

  it('settles a pending request once; a settled pair can be asked again', async () => {
    const lines = await setup();
    const { request } = await lines.open(ask());
    expect(await lines.settle(request.id, 'declined', 'UM', T + DAY)).toBe(true);
    expect(await lines.settle(request.id, 'confirmed', 'UM', T + DAY)).toBe(false);
    expect(await lines.get(request.id)).toMatchObject({ status: 'declined', decidedBy: 'UM', decidedAt: T + DAY });
    expect(await lines.pending('UA', 'UM')).toBeUndefined();
    const again = await lines.open(ask({ createdAt: T + 2 * DAY }));
    expect(again.created).toBe(true);
    expect(again.request.id).not.toBe(request.id);
    expect(await lines.settle(again.request.id, 'expired', undefined, T + 9 * DAY)).toBe(true);
    expect((await lines.get(again.request.id))?.decidedBy).toBeUndefined();
  });

  it('counts asks per requester since a time and finds the latest decline of a pair', async () => {
    const lines = await setup();
    const first = (await lines.open(ask())).request;
    await lines.settle(first.id, 'declined', 'UA', T + DAY);
    const second = (await lines.open(ask({ createdAt: T + 2 * DAY }))).request;
    await lines.settle(second.id, 'declined', 'UOLD', T + 3 * DAY);
    await lines.open(ask({ personId: 'UB', createdAt: T + 2 * DAY }));
    await lines.open(ask({ personId: 'UB', requestedBy: 'UB', toManagerId: 'UN', createdAt: T + 2 * DAY }));
    expect(await lines.countRequestedBy('UA', T)).toBe(3);
    expect(await lines.countRequestedBy('UA', T + 1)).toBe(2);
    expect(await lines.countRequestedBy('UNOBODY', 0)).toBe(0);
    expect(await lines.lastDeclinedAt('UA', 'UM', T)).toBe(T + 3 * DAY);
    expect(await lines.lastDeclinedAt('UA', 'UM', T + 4 * DAY)).toBeUndefined();
    expect(await lines.lastDeclinedAt('UB', 'UM', 0)).toBeUndefined();
  });

  it('lists pending requests whose time is up, oldest first, up to a limit', async () => {
    const lines = await setup();
    const late = (await lines.open(ask({ expiresAt: T + 3 * DAY }))).request;
    const early = (await lines.open(ask({ personId: 'UB', expiresAt: T + DAY }))).request;
    const settled = (await lines.open(ask({ toManagerId: 'UN', expiresAt: T }))).request;
    await lines.settle(settled.id, 'confirmed', 'UN', T);
    await lines.open(ask({ personId: 'UB', toManagerId: 'UN', expiresAt: T + 30 * DAY }));
    expect((await lines.due(T + 5 * DAY, 10)).map((r) => r.id)).toEqual([early.id, late.id]);
    expect((await lines.due(T + 5 * DAY, 1)).map((r) => r.id)).toEqual([early.id]);
    expect(await lines.due(T, 10)).toEqual([]);
  });

  it.each([['requestedBy', 'reporting_line_requests_requester'], ['declined', 'reporting_line_requests_pair']] as const)('the %s limit seeks %s', async (name, index) => {
    const plan = (await planOf(ctx.engine, ctx.db, lineLimitQueries(ctx.db, { personId: 'UA', toManagerId: 'UM', requesterId: 'UA', since: 0 })[name])).join('\n');
    expect(plan).toContain(index);
    expect(plan).not.toMatch(/^SCAN reporting_line_requests\b|Seq Scan/m);
  });
});
