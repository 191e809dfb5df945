import { freshDb } from '../helpers/db';
import { NOW } from '../org/fixtures';
import { addActionItem, addKudos, addOneOnOne, addPeople, daysAgo, homeServices, isoDaysAgo } from './seed';
import { homeView } from '../../src/slack/ui/home-view';

describe('App Home model over a real database', () => {
  let ctx: ReturnType<typeof freshDb>;
  beforeEach(() => (ctx = freshDb()));
  afterEach(() => ctx.cleanup());

  async function smallTeam() {
    await addPeople(ctx.db, ['UBOSS', 'UM', 'UR1', 'UR2', 'UR3', 'UGIVER'], NOW, { UM: 'UBOSS', UR1: 'UM', UR2: 'UM', UR3: 'UM' });
    const o1 = addOneOnOne(ctx.db, 'UM', 'UR1', isoDaysAgo(NOW, 30));
    const o2 = addOneOnOne(ctx.db, 'UM', 'UR1', isoDaysAgo(NOW, 20));
    addActionItem(ctx.db, o1, 'UM', 'UR1');
    addActionItem(ctx.db, o2, 'UM', 'UR1');
    addActionItem(ctx.db, o2, 'UM', 'UR1', true);
    addOneOnOne(ctx.db, 'UM', 'UR2', isoDaysAgo(NOW, 13));
    // Another manager's 1:1 with UR3 does not count for UM.
    addOneOnOne(ctx.db, 'UBOSS', 'UR3', isoDaysAgo(NOW, 2));
    addKudos(ctx.db, 'UGIVER', ['UR2'], daysAgo(NOW, 3), 'First kudos');
    addKudos(ctx.db, 'UGIVER', ['UR2', 'UR1'], daysAgo(NOW, 1), 'Second kudos');
    addKudos(ctx.db, 'UGIVER', ['UR2'], daysAgo(NOW, 40), 'Old kudos');
  }

  it('a manager with 3 reports: last 1:1, cadence status, open items and kudos, most urgent first', async () => {
    await smallTeam();
    const { home } = homeServices(ctx.db);
    const model = await home.homeFor('UM');
    expect(model?.isManager).toBe(true);
    const rows = model?.team?.members.map((m) => ({
      id: m.person.id, state: m.cadence.state, last: m.lastOneOnOne, since: m.cadence.daysSince, items: m.openActionItems, kudos: m.kudosReceived30d,
    }));
    expect(rows).toEqual([
      { id: 'UR1', state: 'overdue', last: isoDaysAgo(NOW, 20), since: 20, items: 2, kudos: 1 },
      { id: 'UR3', state: 'first', last: undefined, since: undefined, items: 0, kudos: 0 },
      { id: 'UR2', state: 'due-soon', last: isoDaysAgo(NOW, 13), since: 13, items: 0, kudos: 2 },
    ]);
    expect(model?.team?.counts).toEqual({ overdue: 1, first: 1, 'due-soon': 1, 'on-track': 0 });
    expect(model?.manager?.id).toBe('UBOSS');
    expect(model?.level).toEqual({ level: 'frontline', source: 'inferred', inferred: 'frontline' });
    expect(model?.tip?.title).toEqual(expect.any(String));
    expect(model?.admin).toBeUndefined();

    const view = homeView(model!);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('overdue* by 6 days');
    expect(text).toContain('2 open action items');
    expect(text).toContain("This week's tip for frontline managers");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('a non-manager: kudos received latest first, their manager, no team, no tip', async () => {
    await smallTeam();
    const { home } = homeServices(ctx.db);
    const model = await home.homeFor('UR2');
    expect(model?.isManager).toBe(false);
    expect(model?.team).toBeUndefined();
    expect(model?.tip).toBeUndefined();
    expect(model?.manager?.id).toBe('UM');
    expect(model?.recognition.latestReceived.map((k) => k.message)).toEqual(['Second kudos', 'First kudos', 'Old kudos']);
    expect(model?.recognition).toMatchObject({ receivedSince: 2, receivedTotal: 3, givenSince: 0, givenTotal: 0 });
    const giverModel = await home.homeFor('UGIVER');
    expect(giverModel?.recognition).toMatchObject({ givenSince: 2, givenTotal: 3 });
    const text = JSON.stringify(homeView(model!).blocks);
    expect(text).toContain('Add my team');
    expect(text).toContain('<@UM>');
  });

  it('a deactivated report leaves the team view but keeps their history', async () => {
    await smallTeam();
    const { home, peopleService } = homeServices(ctx.db);
    await peopleService.applyProfile({ id: 'UR1', teamId: 'T1', name: 'ur1', realName: 'ur1', isBot: false, deleted: true });
    const model = await home.homeFor('UM');
    expect(model?.team?.members.map((m) => m.person.id)).toEqual(['UR3', 'UR2']);
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM one_on_ones WHERE report_id = 'UR1'").get()).toEqual({ n: 2 });
  });

  it('the tip stays the same all week and changes the next week', async () => {
    await smallTeam();
    const { home, clock } = homeServices(ctx.db);
    const first = (await home.homeFor('UM'))?.tip?.id;
    clock.advance(2 * 60 * 60 * 1000);
    expect((await home.homeFor('UM'))?.tip?.id).toBe(first);
    clock.advance(7 * 24 * 60 * 60 * 1000);
    const next = (await home.homeFor('UM'))?.tip?.id;
    expect(next).toEqual(expect.any(String));
    expect(next).not.toBe(first);
  });

  it('a manager with 150 reports gets pages of 20 within 100 blocks, and every page is reachable', async () => {
    const reports = Array.from({ length: 150 }, (_, i) => `UR${String(i).padStart(3, '0')}`);
    await addPeople(ctx.db, ['UBIG', ...reports], NOW, Object.fromEntries(reports.map((r) => [r, 'UBIG'])));
    addOneOnOne(ctx.db, 'UBIG', 'UR007', isoDaysAgo(NOW, 1));
    const { home } = homeServices(ctx.db);
    const seen = new Set<string>();
    for (let page = 0; page < 8; page += 1) {
      const model = await home.homeFor('UBIG', { page });
      expect(model?.team).toMatchObject({ total: 150, page, pageCount: 8, pageSize: 20 });
      for (const m of model?.team?.members ?? []) seen.add(m.person.id);
      const view = homeView(model!, { page });
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      const pager = JSON.stringify(view.blocks.find((b) => b.block_id === 'home_team_pager'));
      if (page > 0) expect(pager).toContain(`"value":"${page - 1}"`);
      if (page < 7) expect(pager).toContain(`"value":"${page + 1}"`);
    }
    expect(seen.size).toBe(150);
    // The one on track sorts last; a page past the end shows the last page.
    const last = await home.homeFor('UBIG', { page: 99 });
    expect(last?.team?.page).toBe(7);
    expect(last?.team?.members.at(-1)?.person.id).toBe('UR007');
  });

  it('an admin sees org size, people without a manager and managers by level', async () => {
    await smallTeam();
    await addPeople(ctx.db, ['UADMIN'], NOW);
    const { home, levels } = homeServices(ctx.db, { admins: ['UADMIN'] });
    await levels.setByAdmin('UADMIN', 'UBOSS', 'executive');
    const model = await home.homeFor('UADMIN');
    expect(model?.admin).toMatchObject({
      orgSize: 7,
      managers: 2,
      managersByLevel: { frontline: 1, 'mid-level': 0, executive: 1 },
    });
    expect(model?.admin?.withoutManager.count).toBe(3);
    expect(model?.admin?.withoutManager.sample.map((p) => p.id).sort()).toEqual(['UADMIN', 'UBOSS', 'UGIVER']);
    const text = JSON.stringify(homeView(model!).blocks);
    expect(text).toContain('Admin: your organisation');
    expect(text).toContain('/coach report');
    expect((await home.homeFor('UM'))?.admin).toBeUndefined();
  });

  it('returns nothing for someone Slack does not know', async () => {
    const { home } = homeServices(ctx.db);
    expect(await home.homeFor('UNOBODY')).toBeUndefined();
  });
});
