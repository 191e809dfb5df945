import { KudosInputError } from '../../src/domain/kudos-service';
import { DomainError } from '../../src/domain/errors';
import { baseInput, kudosWorld } from './fixtures';

type World = ReturnType<typeof kudosWorld>;
let world: World;
afterEach(() => world?.cleanup());

async function fieldsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof KudosInputError) return err.fields;
    throw err;
  }
  throw new Error('expected a KudosInputError');
}

describe('giving kudos', () => {
  it('stores the kudos, its recipients, the value and the source in one go, and logs an event', async () => {
    world = kudosWorld();
    const source = { channelId: 'C42', ts: '1764072000.000200', permalink: 'https://acme.slack.com/archives/C42/p1764072000000200' };
    const result = await world.service.give({ ...baseInput, recipientIds: ['UA', 'UB'], source });
    expect(result.status).toBe('given');
    const stored = world.repo.get(result.kudos.id);
    expect(stored).toMatchObject({ giverId: 'UGIVER', recipientIds: ['UA', 'UB'], value: 'Craft', source, postStatus: 'pending' });
    const row = world.db.prepare("SELECT kind, actor_id, ref_id FROM events WHERE kind = 'kudos.given'").get();
    expect(row).toEqual({ kind: 'kudos.given', actor_id: 'UGIVER', ref_id: result.kudos.id });
  });

  it('refuses yourself, bots, deactivated people, unknown ids and other workspaces, each by name', async () => {
    world = kudosWorld();
    const fields = await fieldsOf(world.service.give({ ...baseInput, recipientIds: ['UGIVER', 'UBOT', 'UGONE', 'UNOBODY', 'UOUTSIDER', 'UA'] }));
    expect(Object.keys(fields)).toEqual(['recipients']);
    expect(fields.recipients).toMatch(/can't give kudos to yourself/);
    expect(fields.recipients).toMatch(/<@UBOT> is a bot/);
    expect(fields.recipients).toMatch(/<@UGONE> has been deactivated/);
    expect(fields.recipients).toMatch(/<@UNOBODY> is not someone I can find/);
    expect(fields.recipients).toMatch(/<@UOUTSIDER> is outside this workspace/);
    expect(fields.recipients).not.toMatch(/UA/);
    expect(world.db.prepare('SELECT COUNT(*) AS n FROM kudos').get()).toEqual({ n: 0 });
  });

  it('reports every bad field at once', async () => {
    world = kudosWorld();
    const fields = await fieldsOf(world.service.give({ ...baseInput, recipientIds: [], value: 'Speed', message: 'nice' }));
    expect(Object.keys(fields).sort()).toEqual(['message', 'recipients', 'value']);
    const many = await fieldsOf(world.service.give({ ...baseInput, recipientIds: ['UA', 'UB', 'UC', 'UD', 'UE', 'UF', 'UG', 'UH', 'UI', 'UJ', 'UK'] }));
    expect(many.recipients).toMatch(/at most 10/);
  });

  it('stores command text as plain text: specials made inert words, people mentions kept', async () => {
    world = kudosWorld();
    const { kudos } = await world.service.give({ ...baseInput, message: '<!channel> thanks <@UB|bea> for pairing &amp; 🙏 привет', messageIsEscaped: true });
    expect(kudos.message).toBe('@channel thanks <@UB> for pairing & 🙏 привет');
  });
});

describe('duplicates', () => {
  it('treats the same request key as the same kudos', async () => {
    world = kudosWorld();
    const first = await world.service.give({ ...baseInput, requestKey: 'view:V1' });
    const again = await world.service.give({ ...baseInput, message: 'Different words but the same modal submit', requestKey: 'view:V1' });
    expect(again).toEqual({ status: 'duplicate', kudos: first.kudos });
  });

  it('treats the same giver, people and words within 60 s as one, and allows them again after', async () => {
    world = kudosWorld();
    const first = await world.service.give({ ...baseInput, recipientIds: ['UA', 'UB'] });
    world.clock.advance(59_000);
    const twin = await world.service.give({ ...baseInput, recipientIds: ['UB', 'UA'], message: `  ${baseInput.message} ` });
    expect(twin.status).toBe('duplicate');
    expect(twin.kudos.id).toBe(first.kudos.id);
    world.clock.advance(2_000);
    expect((await world.service.give({ ...baseInput, recipientIds: ['UA', 'UB'] })).status).toBe('given');
    expect(world.db.prepare('SELECT COUNT(*) AS n FROM kudos').get()).toEqual({ n: 2 });
  });
});

describe('daily cap', () => {
  it('counts recipients and resets at midnight in the giver zone, not UTC', async () => {
    // 23:30 in Paris (22:30 UTC): the giver's day ends in 30 minutes; UTC midnight is 90 minutes away.
    world = kudosWorld({ cap: 3, start: Date.UTC(2026, 10, 25, 22, 30) });
    await world.service.give({ ...baseInput, recipientIds: ['UA', 'UB'] });
    await world.service.give({ ...baseInput, recipientIds: ['UC'], message: 'Thanks for the careful code review today.' });
    const refused = world.service.give({ ...baseInput, recipientIds: ['UD'], message: 'Thanks for unblocking the deploy tonight.' });
    await expect(refused).rejects.toThrow(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'kudos_daily_cap', field: 'recipients' });
    await expect(refused).rejects.toThrow(/midnight your time \(Europe\/Paris\), in 30 min/);
    world.clock.advance(31 * 60_000); // 00:01 in Paris, still 23:01 UTC
    const after = await world.service.give({ ...baseInput, recipientIds: ['UD'], message: 'Thanks for unblocking the deploy tonight.' });
    expect(after.status).toBe('given');
  });

  it('uses the giver zone for a giver far east of UTC too', async () => {
    world = kudosWorld({ cap: 1, start: Date.UTC(2026, 10, 25, 14, 50) }); // 23:50 in Tokyo
    const tokyo = { ...baseInput, giverId: 'UTOKYO' };
    await world.service.give(tokyo);
    await expect(world.service.give({ ...tokyo, recipientIds: ['UB'] })).rejects.toThrow(/Asia\/Tokyo\), in 10 min/);
    world.clock.advance(11 * 60_000);
    expect((await world.service.give({ ...tokyo, recipientIds: ['UB'] })).status).toBe('given');
  });
});

describe('delivery', () => {
  it('records the post and never posts a posted kudos again', async () => {
    world = kudosWorld();
    const { kudos } = await world.service.give(baseInput);
    const report = await world.service.deliver(kudos);
    expect(report.post).toEqual({ status: 'posted', channel: 'CKUDOS', ts: `17000000${kudos.id}.000100` });
    expect(report.kudos).toMatchObject({ postStatus: 'posted', postChannel: 'CKUDOS', postTs: `17000000${kudos.id}.000100` });
    await world.service.deliver(kudos);
    expect(world.delivery.posts).toHaveLength(1);
    expect(world.delivery.dms).toHaveLength(2);
  });

  it('keeps a failed post visible and retries it later without a duplicate', async () => {
    world = kudosWorld();
    world.delivery.next = () => ({ status: 'failed', error: 'slack_webapi_rate_limited_error', channel: 'CKUDOS' });
    const { kudos } = await world.service.give(baseInput);
    await world.service.deliver(kudos);
    expect(world.repo.get(kudos.id)).toMatchObject({ postStatus: 'failed', postError: 'slack_webapi_rate_limited_error' });
    world.delivery.next = (k) => ({ status: 'posted', channel: 'CKUDOS', ts: `9.${k.id}` });
    expect(await world.service.retryFailedPosts()).toBe(1);
    expect(await world.service.retryFailedPosts()).toBe(0);
    expect(world.repo.get(kudos.id)).toMatchObject({ postStatus: 'posted', postTs: `9.${kudos.id}` });
    expect(world.delivery.posts).toHaveLength(2);
  });

  it('does not post when the giver opted out or no channel is configured, but still DMs', async () => {
    world = kudosWorld();
    const { kudos } = await world.service.give({ ...baseInput, postInChannel: false });
    const report = await world.service.deliver(kudos);
    expect(report.post).toMatchObject({ status: 'not_posted', reason: 'giver_opted_out' });
    expect(world.delivery.posts).toHaveLength(0);
    expect(world.delivery.dms).toHaveLength(1);
    world.cleanup();
    world = kudosWorld({ channel: false });
    const second = await world.service.give(baseInput);
    expect((await world.service.deliver(second.kudos)).post).toMatchObject({ status: 'not_posted', reason: 'no_channel_configured' });
  });

  it('records why a post could not happen', async () => {
    world = kudosWorld();
    world.delivery.next = () => ({ status: 'not_posted', reason: 'private_channel', channel: 'GPRIV' });
    const { kudos } = await world.service.give(baseInput);
    await world.service.deliver(kudos);
    expect(world.repo.get(kudos.id)).toMatchObject({ postStatus: 'not_posted', postError: 'private_channel', postChannel: 'GPRIV' });
    expect(await world.service.retryFailedPosts()).toBe(0);
  });
});
