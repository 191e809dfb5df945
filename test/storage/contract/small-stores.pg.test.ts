import { createEventLog } from '../../../src/storage/event-log';
import { createGuidanceSeenRepository, guidanceSeenQueries } from '../../../src/storage/guidance-seen-repository';
import { createWelcomeRepository } from '../../../src/storage/welcome-repository';
import { createWorkspaceRepository } from '../../../src/storage/workspace-repository';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { DAY, T, org } from './seed-people';

describeEachEngine('workspace, welcome, audit log and guidance-seen stores', (ctx) => {
  it('keeps a workspace active until told otherwise, and follows each status change', async () => {
    const ws = createWorkspaceRepository(ctx.db);
    expect(await ws.status('T1')).toBe('active');
    await ws.setStatus('T1', 'uninstalled', T);
    expect(await ws.status('T1')).toBe('uninstalled');
    await ws.setStatus('T1', 'revoked', T + 1);
    await ws.setStatus('T2', 'active', T + 1);
    expect([await ws.status('T1'), await ws.status('T2')]).toEqual(['revoked', 'active']);
    expect(await ctx.db.selectFrom('workspaces').select(['team_id', 'updated_at']).orderBy('team_id').execute()).toEqual([
      { team_id: 'T1', updated_at: T + 1 }, { team_id: 'T2', updated_at: T + 1 },
    ]);
  });

  it('records the first Home open and the dismissal once, and hands the installer welcome to exactly one admin', async () => {
    await org(ctx.db, ['UA', 'UB']);
    const welcome = createWelcomeRepository(ctx.db);
    expect(await welcome.seenAt('UA')).toBeUndefined();
    expect(await welcome.firstOpen('UA', T + DAY)).toBe(T + DAY);
    expect(await welcome.firstOpen('UA', T + 2 * DAY)).toBe(T + DAY);
    expect(await welcome.seenAt('UA')).toBe(T + DAY);
    // Someone Leadwell has not stored yet: the open is now, nothing is written.
    expect(await welcome.firstOpen('UNOBODY', T)).toBe(T);
    expect(await welcome.seenAt('UNOBODY')).toBeUndefined();
    expect(await welcome.dismissedAt('UA')).toBeUndefined();
    await welcome.dismiss('UA', T + 3 * DAY);
    await welcome.dismiss('UA', T + 4 * DAY);
    expect(await welcome.dismissedAt('UA')).toBe(T + 3 * DAY);
    expect(await welcome.installerId()).toBeUndefined();
    const claims = await Promise.all([welcome.claimInstaller('UA', T), createWelcomeRepository(ctx.db).claimInstaller('UB', T)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await welcome.installerId()).toBe(claims[0] ? 'UA' : 'UB');
    expect(await welcome.claimInstaller('UB', T + 1)).toBe(false);
  });

  it('appends audit events with their references and data as JSON, values bound', async () => {
    const events = createEventLog(ctx.db);
    await events.append({ kind: 'level.changed', actorId: 'UA', subjectId: 'UB', refId: 7, data: { to: 'mid-level' } }, T);
    await events.append({ kind: "x'); DROP TABLE events; --" }, T + 1);
    expect(await ctx.db.selectFrom('events').select(['at', 'kind', 'actor_id', 'subject_id', 'ref_id', 'data']).orderBy('id').execute()).toEqual([
      { at: T, kind: 'level.changed', actor_id: 'UA', subject_id: 'UB', ref_id: 7, data: '{"to":"mid-level"}' },
      { at: T + 1, kind: "x'); DROP TABLE events; --", actor_id: null, subject_id: null, ref_id: null, data: '{}' },
    ]);
  });

  it('returns what a person saw in a pool, most recent first, with ties in the same millisecond in insert order', async () => {
    const repo = createGuidanceSeenRepository(ctx.db);
    await repo.record('U1', 'a', 'frontline/*/-', 100);
    await repo.record('U1', 'b', 'frontline/*/-', 200);
    await repo.record('U1', 'c', 'frontline/*/-', 200);
    await repo.record('U1', 'x', 'frontline/one-on-one/-', 300);
    await repo.record('U2', 'y', 'frontline/*/-', 300);
    expect(await repo.seen('U1', 'frontline/*/-')).toEqual(['c', 'b', 'a']);
    expect(await repo.seen('U1', 'frontline/*/-', 2)).toEqual(['c', 'b']);
    expect(await repo.seen('U1', 'frontline/*/-', 1.7)).toEqual(['c']);
    expect(await repo.seen('U1', 'frontline/*/-', 0)).toEqual([]);
    expect(await repo.seen('U1', 'frontline/*/-', -3)).toEqual([]);
    expect(await repo.count('U1', 'frontline/*/-')).toBe(3);
    expect(await repo.count('U3', 'frontline/*/-')).toBe(0);
    expect(await repo.seen('U2', 'frontline/*/-')).toEqual(['y']);
    // The count and the latest picks together: the count is the whole range's, whatever the limit.
    expect(await repo.latest('U1', 'frontline/*/-', 2)).toEqual({ count: 3, itemIds: ['c', 'b'] });
    expect(await repo.latest('U1', 'frontline/*/-', 10)).toEqual({ count: 3, itemIds: ['c', 'b', 'a'] });
    expect(await repo.latest('U1', 'frontline/*/-', 0)).toEqual({ count: 3, itemIds: [] });
    expect(await repo.latest('U3', 'frontline/*/-', 2)).toEqual({ count: 0, itemIds: [] });
  });

  it('binds guidance values: ids with quotes and SQL are stored as text', async () => {
    const repo = createGuidanceSeenRepository(ctx.db);
    const hostile = "U1'); DROP TABLE guidance_seen; --";
    await repo.record(hostile, "it's", 'p', 1);
    expect(await repo.seen(hostile, 'p')).toEqual(["it's"]);
  });

  it.each(['seen', 'count', 'latest'] as const)('reads guidance_seen (%s) through its index, without sorting', async (name) => {
    const q = guidanceSeenQueries(ctx.db, { personId: 'U1', pool: 'p' });
    const plan = (await planOf(ctx.engine, ctx.db, name === 'count' ? q.count : name === 'seen' ? q.seen.limit(5) : q.latest.limit(5))).join(' | ');
    if (ctx.engine === 'sqlite') {
      expect(plan).toMatch(/USING (COVERING )?INDEX guidance_seen_person/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else {
      expect(plan).toMatch(/Index (Only )?Scan (Backward )?using guidance_seen_person/);
      expect(plan).not.toMatch(/Seq Scan|Sort/);
    }
  });
});
