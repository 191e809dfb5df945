import { freshDb } from '../helpers/db';
import { createLevelService, parseLevel } from '../../src/domain/levels';
import { createOrgReadModel } from '../../src/storage/org-read-model';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { levelOf } from '../../src/domain/people';
import { seedOrg, THREE_LEVEL } from './fixtures';

describe('levels', () => {
  let ctx: ReturnType<typeof freshDb>;
  beforeEach(() => (ctx = freshDb()));
  afterEach(() => ctx.cleanup());

  async function setup() {
    const org = await seedOrg(ctx.db, THREE_LEVEL.ids, THREE_LEVEL.lines);
    const levels = createLevelService({ people: org.people, clock: org.clock, events: org.events, adminUserIds: ['UADMIN'] });
    return { ...org, levels };
  }

  it('infers frontline, mid-level and executive from a three-level org chart', async () => {
    const { levels } = await setup();
    expect(await levels.levelOf('UM1')).toEqual({ level: 'frontline', source: 'inferred', inferred: 'frontline' });
    expect(await levels.levelOf('UVP1')).toEqual({ level: 'mid-level', source: 'inferred', inferred: 'mid-level' });
    expect(await levels.levelOf('UCEO')).toEqual({ level: 'executive', source: 'inferred', inferred: 'executive' });
    // A manager whose only report manages nobody is frontline, even under an executive.
    expect((await levels.levelOf('UVP2')).level).toBe('frontline');
  });

  it('a deactivated report no longer counts towards the level', async () => {
    const { levels, people, clock } = await setup();
    await people.upsertProfile({ id: 'UE3', teamId: 'T1', name: 'ue3', realName: 'ue3', isBot: false, deleted: true }, clock.now());
    // UM2's only report left: UM2 manages nobody, but UM1 still does, so UVP1 stays mid-level.
    expect((await levels.levelOf('UVP1')).level).toBe('mid-level');
    await people.upsertProfile({ id: 'UE1', teamId: 'T1', name: 'ue1', realName: 'ue1', isBot: false, deleted: true }, clock.now());
    await people.upsertProfile({ id: 'UE2', teamId: 'T1', name: 'ue2', realName: 'ue2', isBot: false, deleted: true }, clock.now());
    expect((await levels.levelOf('UVP1')).level).toBe('frontline');
    expect((await levels.levelOf('UCEO')).level).toBe('mid-level');
  });

  it('a person overrides their own level, can go back to automatic, and the source is kept', async () => {
    const { levels, db } = { ...(await setup()), db: ctx.db };
    expect(await levels.setOwn('UM1', 'mid-level')).toEqual({ level: 'mid-level', source: 'self', inferred: 'frontline' });
    expect((await levels.levelOf('UM1')).source).toBe('self');
    expect(await levels.setOwn('UM1', 'auto')).toEqual({ level: 'frontline', source: 'inferred', inferred: 'frontline' });
    const events = db.prepare("SELECT actor_id, subject_id, data FROM events WHERE kind = 'level.changed'").all();
    expect(events).toHaveLength(2);
  });

  it('only an admin sets someone else\'s level, and it shows as set by an admin', async () => {
    const { levels } = await setup();
    await expect(levels.setByAdmin('UM1', 'UE1', 'executive')).rejects.toThrow(expect.objectContaining({ code: 'not_admin' }));
    expect(await levels.setByAdmin('UADMIN', 'UVP2', 'executive')).toMatchObject({ level: 'executive', source: 'admin' });
    await expect(levels.setByAdmin('UADMIN', 'UNOBODY', 'executive')).rejects.toThrow(expect.objectContaining({ code: 'person_unknown' }));
  });

  it('parses the ways people type a level', () => {
    expect(parseLevel('Mid-Level')).toBe('mid-level');
    expect(parseLevel('mid')).toBe('mid-level');
    expect(parseLevel('exec')).toBe('executive');
    expect(parseLevel('front line')).toBe('frontline');
    expect(parseLevel('auto')).toBe('auto');
    expect(parseLevel('boss')).toBeUndefined();
  });

  it('the org-wide depth query agrees with the per-person inference', async () => {
    const { people, levels } = await setup();
    await levels.setByAdmin('UADMIN', 'UM2', 'executive');
    const depths = await createOrgReadModel(sqliteKysely(ctx.db)).managerDepths();
    expect(depths.map((d) => d.id).sort()).toEqual((await people.managers()).map((m) => m.id).sort());
    for (const d of depths) {
      expect(levelOf({ levelOverride: d.levelOverride, levelSource: 'admin' }, d.depth).level).toBe((await levels.levelOf(d.id)).level);
      expect(d.depth).toBe(await people.subtreeDepth(d.id));
    }
  });
});
