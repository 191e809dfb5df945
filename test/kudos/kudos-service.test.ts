import { KudosInputError } from '../../src/domain/kudos-service';
import { DomainError } from '../../src/domain/errors';
import { slackFailure } from '../helpers/outbox';
import { baseInput, kudosWorld } from './fixtures';

type World = Awaited<ReturnType<typeof kudosWorld>>;
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
    expect(await stored).toMatchObject({ giverId: 'UGIVER', recipientIds: ['UA', 'UB'], value: 'Craft', source, postStatus: 'pending' });
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

describe('delivery through the outbox', () => {
  const kinds = () => world.outbox.transport.sent.map((m) => `${m.kind}:${m.recipient}`);
  const deliver = async (group: string) => world.outbox.dispatcher.deliverNow({ group }, 5000);

  it('plans the channel post, a DM to each recipient and the giver’s confirmation with the kudos, sent once each', async () => {
    world = kudosWorld();
    const { kudos } = await world.service.give({ ...baseInput, recipientIds: ['UA', 'UB'], confirmByDm: true });
    await deliver(world.service.group(kudos));
    await deliver(world.service.group(kudos));
    await world.outbox.dispatcher.drain();
    expect(kinds()).toEqual(['kudos.post:CKUDOS', 'kudos.recipient:UA', 'kudos.recipient:UB', 'kudos.confirm:UGIVER']);
    expect(await world.repo.get(kudos.id)).toMatchObject({ postStatus: 'posted', postChannel: 'DCKUDOS', postTs: '1.000001' });
    // The confirmation went last and says how it went.
    expect(world.outbox.transport.sent[3]!.model).toMatchObject({ post: { status: 'posted' }, unreachable: [], pending: false });
  });

  it('a re-submit of the same request plans nothing new; a twin from another request gets one word', async () => {
    world = kudosWorld();
    const first = await world.service.give({ ...baseInput, requestKey: 'view:1', confirmByDm: true });
    await world.service.give({ ...baseInput, requestKey: 'view:1', confirmByDm: true });
    await world.service.give({ ...baseInput, requestKey: 'view:2', confirmByDm: true });
    await world.service.give({ ...baseInput, requestKey: 'view:2', confirmByDm: true });
    await world.outbox.dispatcher.drain();
    expect(kinds().filter((k) => k.startsWith('kudos.confirm'))).toHaveLength(2);
    expect(world.outbox.transport.sent.find((m) => (m.model as { duplicate?: boolean }).duplicate)).toBeDefined();
    expect(kinds().filter((k) => k.startsWith('kudos.post'))).toHaveLength(1);
    expect(first.status).toBe('given');
  });

  it('the confirmation waits while Slack is failing, and says so only once it is delivered', async () => {
    world = kudosWorld();
    world.outbox.transport.fail = (row) => (row.kind === 'kudos.post' ? slackFailure('http_503') : undefined);
    const { kudos } = await world.service.give({ ...baseInput, confirmByDm: true });
    await deliver(world.service.group(kudos));
    expect(await world.service.outcome(kudos)).toMatchObject({ pending: true, post: { status: 'pending', reason: 'http_503' } });
    expect(kinds()).toEqual(['kudos.recipient:UA']); // the post failed; the confirmation waits for it
    world.outbox.transport.fail = undefined;
    world.clock.advance(60_000);
    await world.outbox.dispatcher.drain();
    expect(kinds()).toEqual(['kudos.recipient:UA', 'kudos.post:CKUDOS', 'kudos.confirm:UGIVER']);
    expect(await world.service.outcome(kudos)).toMatchObject({ pending: false, post: { status: 'posted' } });
  });

  it('does not post when the giver opted out or no channel is configured, but still DMs', async () => {
    world = kudosWorld();
    const { kudos } = await world.service.give({ ...baseInput, postInChannel: false });
    await deliver(world.service.group(kudos));
    expect((await world.service.outcome(kudos)).post).toMatchObject({ status: 'not_posted', reason: 'giver_opted_out' });
    expect(kinds()).toEqual(['kudos.recipient:UA']);
    world.cleanup();
    world = kudosWorld({ channel: false });
    const second = await world.service.give(baseInput);
    expect((await world.service.outcome(second.kudos)).post).toMatchObject({ status: 'not_posted', reason: 'no_channel_configured' });
  });

  it('records why a post could not happen, and never retries it on its own', async () => {
    world = kudosWorld();
    world.outbox.transport.fail = (row) => (row.kind === 'kudos.post' ? slackFailure('private_channel') : undefined);
    const { kudos } = await world.service.give(baseInput);
    await deliver(world.service.group(kudos));
    expect(await world.repo.get(kudos.id)).toMatchObject({ postStatus: 'not_posted', postError: 'private_channel' });
    expect((await world.service.outcome(kudos)).post).toEqual({ status: 'not_posted', reason: 'private_channel' });
    world.clock.advance(24 * 60 * 60_000);
    await world.outbox.dispatcher.drain();
    expect(world.outbox.transport.calls.filter((c) => c.kind === 'kudos.post')).toHaveLength(1);
  });
});
