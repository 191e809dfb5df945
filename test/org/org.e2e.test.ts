import { createSlackDirectory } from '../../src/slack/directory';
import { createWebClient } from '../../src/slack/web-client';
import { createLogger } from '../../src/logger';
import { runOrgImport } from '../../src/cli/org-import';
import { startOrgHomeApp, type OrgHomeApp } from '../helpers/org-home-app';
import { count, until } from '../helpers/db-reads';

/** CSV import through the emulator's users.lookupByEmail, then levels seen where people see them: App Home and /coach level. */
describe('org chart and levels, through Slack', () => {
  let h: OrgHomeApp;
  const ids = { ceo: 'UCEO0001', vp: 'UVP00001', m1: 'UMGR0001', m2: 'UMGR0002', e1: 'UENG0001', e2: 'UENG0002', e3: 'UENG0003', admin: 'UADM0001' };

  beforeEach(async () => {
    h = await startOrgHomeApp({ admins: [ids.admin] });
    const add = (id: string, name: string) => h.emulator.addUser({ id, name, realName: name, email: `${name}@example.com`, tz: 'Europe/London' });
    add(ids.ceo, 'carol');
    add(ids.vp, 'victor');
    add(ids.m1, 'maria');
    add(ids.m2, 'mark');
    add(ids.e1, 'erin');
    add(ids.e2, 'ed');
    add(ids.e3, 'eve');
    add(ids.admin, 'hr');
    h.emulator.addBot({ id: 'UBOT0001', name: 'deploybot' });
  });
  afterEach(async () => {
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
  });

  const directory = () => createSlackDirectory(createWebClient(h.config, createLogger({ level: 'silent' })));
  const csv = [
    'person,manager,level,cadence',
    'carol@example.com,,,',
    'victor@example.com,carol@example.com,,',
    'maria@example.com,victor@example.com,,7',
    'mark@example.com,victor@example.com,,',
    'erin@example.com,maria@example.com,,',
    'ed@example.com,maria@example.com,,',
    'eve@example.com,mark@example.com,,',
  ].join('\n');

  it('imports a three-level org (dry run first), infers each level, and re-import changes nothing', async () => {
    const dry = await runOrgImport({ csv, apply: false, db: h.store, directory: directory(), clock: h.clock });
    expect(dry.plan.unmatched).toEqual([]);
    expect(await count(h, 'SELECT COUNT(*) AS n FROM people WHERE manager_id IS NOT NULL')).toBe(0);
    expect(h.emulator.calls.filter((c) => c.method === 'users.lookupByEmail').length).toBe(7);

    const applied = await runOrgImport({ csv, apply: true, db: h.store, directory: directory(), clock: h.clock });
    expect(applied.lines).toContain('Applied.');

    for (const [id, label] of [[ids.ceo, 'Executive'], [ids.vp, 'Mid-level manager'], [ids.m1, 'Frontline manager']] as const) {
      await h.driver.openHome(id);
      await h.emulator.waitFor(() => h.emulator.home(id));
      expect(h.homeText(id)).toContain(`*${label}`);
      expect(h.homeText(id)).toContain('inferred from the org chart');
    }
    expect(h.homeText(ids.m1)).toContain('My team (2)');
    expect(h.homeText(ids.m1)).toContain('Every week');

    const again = await runOrgImport({ csv, apply: false, db: h.store, directory: directory(), clock: h.clock });
    expect(again.plan.changes).toEqual([]);
    expect(again.lines).toContain('Nothing to change.');
  });

  it('names bad emails, bots and loops by line, and applies only the good rows', async () => {
    const bad = [
      'email,manager_email',
      'erin@example.com,maria@example.com',
      'nobody@example.com,maria@example.com',
      'maria@example.com,nobody-either@example.com',
      'deploybot,maria@example.com',
      'UBOT0001,maria@example.com',
      'victor@example.com,mark@example.com',
      'mark@example.com,victor@example.com',
      'eve@example.com,eve@example.com',
    ].join('\n');
    const { plan } = await runOrgImport({ csv: bad, apply: true, db: h.store, directory: directory(), clock: h.clock });
    expect(plan.unmatched.map((u) => [u.line, u.reason])).toEqual([
      [3, 'no Slack user with the email nobody@example.com'],
      [4, 'manager: no Slack user with the email nobody-either@example.com'],
      [5, '"deploybot" is neither an email address nor a Slack user id'],
      [6, 'person deploybot is a bot or an app'],
    ]);
    expect(plan.refused.map((r) => r.line)).toEqual([7, 8, 9]);
    expect(plan.refused[0]?.reason).toContain('would make a management loop');
    expect(plan.refused[2]?.reason).toContain('cannot be their own manager');
    // The two unknown emails were asked of Slack, which answered users_not_found.
    const misses = h.emulator.calls.filter((c) => c.method === 'users.lookupByEmail' && !c.ok).map((c) => [c.error, c.args.email]);
    expect(misses).toEqual([
      ['users_not_found', 'nobody@example.com'],
      ['users_not_found', 'nobody-either@example.com'],
    ]);
    const managers = await h.query('SELECT id, manager_id FROM people WHERE manager_id IS NOT NULL ORDER BY id');
    expect(managers).toEqual([{ id: ids.e1, manager_id: ids.m1 }]);
  });

  it('a person overrides their own level with /coach level; only an admin sets someone else\'s', async () => {
    await runOrgImport({ csv, apply: true, db: h.store, directory: directory(), clock: h.clock });
    await h.driver.command(ids.m1, '/coach', 'level mid-level');
    await h.emulator.waitFor(() => h.emulator.ephemerals(ids.m1).length > 0);
    expect(h.emulator.ephemerals(ids.m1).at(-1)?.text).toContain('Mid-level manager');
    await h.emulator.waitFor(() => h.homeText(ids.m1).includes('set by you'));

    await h.driver.command(ids.m1, '/coach', 'level');
    await h.emulator.waitFor(() => h.emulator.ephemerals(ids.m1).length > 1);
    expect(h.emulator.ephemerals(ids.m1).at(-1)?.text).toContain('set by you');

    await h.driver.command(ids.m1, '/coach', `level @erin executive`);
    await h.emulator.waitFor(() => h.emulator.ephemerals(ids.m1).length > 2);
    expect(h.emulator.ephemerals(ids.m1).at(-1)?.text).toContain('Only a Leadwell admin');

    await h.driver.command(ids.admin, '/coach', 'level @mark executive');
    await h.emulator.waitFor(() => h.emulator.ephemerals(ids.admin).length > 0);
    expect(h.emulator.ephemerals(ids.admin).at(-1)?.text).toContain('set by an admin');
    await h.driver.openHome(ids.m2);
    await h.emulator.waitFor(() => h.homeText(ids.m2).includes('set by an admin'));

    await h.driver.command(ids.m1, '/coach', 'level auto');
    await h.emulator.waitFor(() => h.homeText(ids.m1).includes('inferred from the org chart'));
    await h.driver.command(ids.m1, '/coach', 'level boss');
    await h.emulator.waitFor(() => h.emulator.ephemerals(ids.m1).some((e) => e.text.includes('is not a level I know')));
  });

  it('user_change keeps names fresh, and a deactivated report leaves the team view with history kept', async () => {
    await runOrgImport({ csv, apply: true, db: h.store, directory: directory(), clock: h.clock });
    await h.query("INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, idempotency_key, created_at) VALUES (?, ?, '2026-11-20', 1, 'x1', 1)", ids.m1, ids.e1);
    const erin = h.emulator.state.users.get(ids.e1);
    await h.driver.event('user_change', { user: { id: ids.e1, team_id: 'T0LEADWELL', name: 'erin', real_name: 'Erin New', tz: 'Asia/Tokyo', deleted: true, profile: { display_name: 'Erin N', email: erin?.email } } });
    await until(async () => (await h.query<{ deleted: number }>('SELECT deleted FROM people WHERE id = ?', ids.e1))[0]?.deleted === 1, 2000);
    expect(await h.query('SELECT name, tz FROM people WHERE id = ?', ids.e1)).toEqual([{ name: 'Erin N', tz: 'Asia/Tokyo' }]);
    await h.driver.openHome(ids.m1);
    await h.emulator.waitFor(() => h.homeText(ids.m1).includes('My team (1)'));
    expect(h.homeText(ids.m1)).not.toContain(`<@${ids.e1}>`);
    expect(await count(h, 'SELECT COUNT(*) AS n FROM one_on_ones WHERE report_id = ?', ids.e1)).toBe(1);
  });
});
