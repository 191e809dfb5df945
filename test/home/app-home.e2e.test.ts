import { startOrgHomeApp, START, type OrgHomeApp } from '../helpers/org-home-app';
import { LINE_CONFIRM_ACTION } from '../../src/slack/ui/reporting-line';
import { eventually } from '../helpers/eventually';

const DAY = 24 * 60 * 60 * 1000;
const iso = (daysAgo: number) => new Date(START - daysAgo * DAY).toISOString().slice(0, 10);

/** App Home, its buttons, the team and settings modals and /coach, through signed requests and the emulator. */
describe('App Home through Slack', () => {
  let h: OrgHomeApp;
  const boss = 'UBOSS001';
  const mgr = 'UMGR0001';
  const admin = 'UADM0001';
  const bot = 'UBOT0001';
  const reports = ['UREP0001', 'UREP0002', 'UREP0003'];

  beforeEach(async () => {
    h = await startOrgHomeApp({ admins: [admin] });
    h.emulator.addUser({ id: boss, name: 'bea', tz: 'Europe/London' });
    h.emulator.addUser({ id: mgr, name: 'max', tz: 'Europe/London' });
    h.emulator.addUser({ id: admin, name: 'hr', tz: 'Europe/London' });
    reports.forEach((id, i) => h.emulator.addUser({ id, name: `rep${i + 1}`, tz: 'America/New_York' }));
    h.emulator.addBot({ id: bot, name: 'deploybot' });
  });
  afterEach(async () => {
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
  });

  /** Puts max on the team page through the real "Add or remove people" modal. */
  async function buildTeam(ids: string[]) {
    await h.driver.openHome(mgr);
    await h.emulator.waitFor(() => h.emulator.home(mgr));
    await h.driver.clickButton(mgr, { actionId: 'home_edit_team', where: 'home' });
    await h.emulator.waitFor(() => h.emulator.openView(mgr));
    await h.driver.fillView(mgr, { team_add: { users: ids } });
    const result = await h.driver.submitView(mgr);
    expect(result.errors ?? {}).toEqual({});
    await h.emulator.waitFor(() => JSON.stringify(h.emulator.openView(mgr)?.blocks ?? []).includes('to confirm'));
    await h.driver.closeView(mgr);
    // Nobody joins until they confirm in the DM Leadwell sends them.
    // Each confirmation republishes max's Home: waiting for each count keeps later publish counts exact.
    for (const [i, id] of ids.entries()) {
      await h.emulator.waitFor(() => JSON.stringify(h.emulator.dms(id)).includes(LINE_CONFIRM_ACTION));
      await h.driver.clickButton(id, { actionId: LINE_CONFIRM_ACTION, where: 'last-dm' });
      await h.emulator.waitFor(() => h.homeText(mgr).includes(`My team (${i + 1})`));
    }
  }

  it('a manager with 3 reports: cadence status, open items, kudos, buttons that reach the other features', async () => {
    await buildTeam(reports);
    // Seeded through h.query (RETURNING gives the new ids on both engines).
    const o = "INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    const [first] = await h.query<{ id: number }>(o, mgr, reports[0], iso(20), START - 20 * DAY, 'a', START);
    await h.query(o, mgr, reports[1], iso(3), START - 3 * DAY, 'b', START);
    await h.query("INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, created_at) VALUES (?, ?, ?, ?, 'ship it', ?)", first!.id, mgr, reports[0], reports[0], START);
    const [k] = await h.query<{ id: number }>("INSERT INTO kudos (giver_id, value, message, idempotency_key, created_at, post_status) VALUES (?, 'Craft', 'Lovely <!channel> work', 'k1', ?, 'posted') RETURNING id", reports[2], START - DAY);
    await h.query('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)', k!.id, reports[1], START - DAY);

    await h.driver.openHome(mgr);
    await h.emulator.waitFor(() => h.homeText(mgr).includes('overdue'));
    const text = h.homeText(mgr);
    expect(text).toContain('overdue* by 6 days');
    expect(text).toContain('1 open action item');
    expect(text).toContain('no 1:1 logged yet');
    expect(text).toContain('on track');
    expect(text).toContain('1 kudos in 30 days');
    expect(h.emulator.home(mgr)?.blocks.length).toBeLessThanOrEqual(100);

    await h.driver.clickButton(mgr, { actionId: 'home_give_kudos', value: reports[2], where: 'home' });
    const kudosModal = await h.emulator.waitFor(() => h.emulator.openView(mgr));
    expect(kudosModal.callback_id).toBe('kudos_modal');
    expect(JSON.stringify(kudosModal.blocks)).toContain(reports[2]);
    await h.driver.closeView(mgr);

    await h.driver.clickButton(mgr, { actionId: 'home_log_1on1', value: reports[0], where: 'home' });
    const logModal = await h.emulator.waitFor(() => h.emulator.openView(mgr));
    expect(logModal.callback_id).toBe('one_on_one_log');
    await h.driver.closeView(mgr);

    const before = h.emulator.dms(mgr).length;
    await h.driver.clickButton(mgr, { actionId: 'home_prep', value: reports[0], where: 'home' });
    await h.emulator.waitFor(() => h.emulator.dms(mgr).length > before);
    expect(JSON.stringify(h.emulator.dms(mgr).at(-1))).toContain('prep');
  });

  it('a manager with 150 reports pages through the team within 100 blocks', async () => {
    const many = Array.from({ length: 150 }, (_, i) => `UBIG${String(i).padStart(4, '0')}`);
    for (const id of many) h.emulator.addUser({ id, name: `p${id.slice(-4)}`, tz: 'UTC' });
    // Seeded straight into the org chart: 150 people are more than one modal should be asked to carry.
    await h.driver.openHome(mgr);
    await h.emulator.waitFor(() => h.emulator.home(mgr));
    const now = START;
    // One multi-row INSERT: all 150 land together, as the transaction did.
    const rows = many.map(() => "(?, 'T0LEADWELL', ?, ?, 'UTC', ?, ?, ?)").join(', ');
    await h.query(`INSERT INTO people (id, team_id, name, real_name, tz, manager_id, created_at, updated_at) VALUES ${rows}`, ...many.flatMap((id) => [id, `p${id.slice(-4)}`, id, mgr, now, now]));

    await h.driver.openHome(mgr);
    await h.emulator.waitFor(() => h.homeText(mgr).includes('My team (150)'));
    const seen = new Set<string>();
    for (let page = 1; page <= 8; page += 1) {
      const view = h.emulator.home(mgr);
      expect(view?.blocks.length).toBeLessThanOrEqual(100);
      expect(h.homeText(mgr)).toContain(`page ${page} of 8`);
      for (const id of many) if (h.homeText(mgr).includes(`home_member_${id}"`)) seen.add(id);
      if (page < 8) {
        await h.driver.clickButton(mgr, { actionId: 'home_team_page_next', where: 'home' });
        await h.emulator.waitFor(() => h.homeText(mgr).includes(`page ${page + 1} of 8`));
      }
    }
    expect(seen.size).toBe(150);
    await h.driver.clickButton(mgr, { actionId: 'home_team_page_prev', where: 'home' });
    await h.emulator.waitFor(() => h.homeText(mgr).includes('page 7 of 8'));
    // Re-opening the tab keeps the page the person was on.
    const before = h.publishes(mgr);
    await h.driver.openHome(mgr);
    await h.emulator.waitFor(() => h.publishes(mgr) > before);
    expect(h.homeText(mgr)).toContain('page 7 of 8');
  });

  it('an admin sees the organisation; a non-manager sees kudos, their manager and no team', async () => {
    await buildTeam(reports);
    await h.driver.openHome(admin);
    await h.emulator.waitFor(() => h.homeText(admin).includes('Admin: your organisation'));
    expect(h.homeText(admin)).toContain('/coach report');
    expect(h.homeText(admin)).toMatch(/Without a manager\*\\n\d+/);

    // Setting someone's level from App Home, as an admin.
    await h.driver.clickButton(admin, { actionId: 'home_admin_level', where: 'home' });
    await h.emulator.waitFor(() => h.emulator.openView(admin));
    // A bot is refused on the field (Slack itself refuses an empty required field before we see it).
    await h.driver.fillView(admin, { admin_level_person: { value: bot }, admin_level_level: { value: 'executive' } });
    expect((await h.driver.submitView(admin)).errors).toEqual({ admin_level_person: 'Pick an active person in this workspace.' });
    await h.driver.fillView(admin, { admin_level_person: { value: mgr }, admin_level_level: { value: 'executive' } });
    expect((await h.driver.submitView(admin)).errors ?? {}).toEqual({});
    expect(await h.query('SELECT level_override, level_source FROM people WHERE id = ?', mgr)).toEqual([{ level_override: 'executive', level_source: 'admin' }]);
    await h.driver.openHome(mgr);
    await h.emulator.waitFor(() => h.homeText(mgr).includes('set by an admin'));

    await h.driver.openHome(reports[0] as string);
    await h.emulator.waitFor(() => h.emulator.home(reports[0] as string));
    const text = h.homeText(reports[0] as string);
    expect(text).toContain(`*My manager:* <@${mgr}>`);
    expect(text).toContain('Add my team');
    expect(text).not.toContain('Admin: your organisation');
    expect(text).not.toContain('My team (');
  });

  it('team modal refuses yourself and loops on the field, removes people, and the tab follows', async () => {
    await buildTeam(reports);
    await h.query('UPDATE people SET manager_id = ? WHERE id = ?', reports[0], boss);
    await h.driver.clickButton(mgr, { actionId: 'home_edit_team', where: 'home' });
    await h.emulator.waitFor(() => h.emulator.openView(mgr));
    await h.driver.fillView(mgr, { team_add: { users: [mgr] } });
    const refused = await h.driver.submitView(mgr);
    expect(refused.errors?.team_add).toContain('you cannot be your own manager');
    await h.driver.fillView(mgr, { team_add: { users: [] }, team_remove: { users: [reports[2] as string] } });
    const ok = await h.driver.submitView(mgr);
    expect(ok.errors ?? {}).toEqual({});
    await h.emulator.waitFor(() => JSON.stringify(h.emulator.openView(mgr)?.blocks).includes(`Removed <@${reports[2]}>`));
    await h.emulator.waitFor(() => h.homeText(mgr).includes('My team (2)'));
    expect(await h.query('SELECT manager_id FROM people WHERE id = ?', reports[2])).toEqual([{ manager_id: null }]);
    await h.driver.closeView(mgr);

    // The ⋯ menu on a row removes that person at once.
    await h.driver.clickButton(mgr, { actionId: 'home_report_menu', blockId: `home_member_actions_${reports[1]}`, value: `remove:${reports[1]}`, where: 'home' });
    await h.emulator.waitFor(() => h.homeText(mgr).includes('My team (1)'));
    expect(await h.query('SELECT manager_id FROM people WHERE id = ?', reports[1])).toEqual([{ manager_id: null }]);
  });

  it('settings round trip from App Home and from /coach settings, applied at once', async () => {
    await buildTeam(reports);
    await h.driver.clickButton(mgr, { actionId: 'home_open_settings', where: 'home' });
    const modal = await h.emulator.waitFor(() => h.emulator.openView(mgr));
    expect(modal.callback_id).toBe('settings_modal');
    await h.driver.fillView(mgr, {
      settings_level: { value: 'executive' },
      settings_cadence: { value: '7' },
      settings_nudge_day: { value: '5' },
      settings_nudge_hour: { value: '16' },
      settings_pause: { value: ['paused'] },
    });
    expect((await h.driver.submitView(mgr)).errors ?? {}).toEqual({});
    await h.emulator.waitFor(() => h.homeText(mgr).includes('Every 7 days') || h.homeText(mgr).includes('Every week'));
    expect(await h.query('SELECT cadence_days, nudge_day, nudge_hour, nudges_paused, level_override, level_source FROM people WHERE id = ?', mgr))
      .toEqual([{ cadence_days: 7, nudge_day: 5, nudge_hour: 16, nudges_paused: 1, level_override: 'executive', level_source: 'self' }]);
    expect(h.homeText(mgr)).toContain('Paused');
    expect(h.homeText(mgr)).toContain('Resume nudges');

    await h.driver.clickButton(mgr, { actionId: 'home_nudges_toggle', where: 'home' });
    await h.emulator.waitFor(() => h.homeText(mgr).includes('Fridays at 16:00'));

    await h.driver.command(mgr, '/coach', 'settings');
    const again = await h.emulator.waitFor(() => h.emulator.openView(mgr));
    expect(JSON.stringify(again.blocks)).toContain('"value":"executive"');
    await h.driver.fillView(mgr, { settings_level: { value: 'auto' }, settings_nudge_hour: { value: '8' } });
    expect((await h.driver.submitView(mgr)).errors ?? {}).toEqual({});
    await h.emulator.waitFor(() => h.homeText(mgr).includes('Fridays at 08:00'));
    expect(h.homeText(mgr)).toContain('inferred from the org chart');
  });

  it('/coach alone lists every command; an unknown subcommand says so', async () => {
    await h.driver.command(mgr, '/coach', '');
    await h.emulator.waitFor(() => h.emulator.ephemerals(mgr).length > 0);
    const help = JSON.stringify(h.emulator.ephemerals(mgr).at(-1));
    for (const c of ['/oneonone @person', '/kudos @person', '/coach tip', '/coach level', '/coach settings', '/coach nudges', '/coach report']) expect(help).toContain(c);
    await h.driver.command(mgr, '/coach', 'dance');
    await h.emulator.waitFor(() => h.emulator.ephemerals(mgr).length > 1);
    expect(h.emulator.ephemerals(mgr).at(-1)?.text).toContain("I don't know `/coach dance`");
  });

  it('app_uninstalled and tokens_revoked stop all sending for the workspace and keep the data', async () => {
    await buildTeam(reports);
    const before = h.publishes(mgr);
    await h.driver.event('app_uninstalled', {});
    const status = async () => (await h.query<{ status: string }>('SELECT status FROM workspaces'))[0]?.status;
    await eventually(async () => (await status()) === 'uninstalled');
    await h.driver.openHome(mgr);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.publishes(mgr)).toBe(before);
    expect(await h.query('SELECT COUNT(*) AS n FROM people WHERE manager_id = ?', mgr)).toEqual([{ n: 3 }]);

    await h.query("UPDATE workspaces SET status = 'active'");
    await h.driver.event('tokens_revoked', { tokens: { oauth: [], bot: ['UBOTTOKEN'] } });
    await eventually(async () => (await status()) === 'revoked');
    await h.driver.openHome(mgr);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.publishes(mgr)).toBe(before);
    expect(await h.query("SELECT COUNT(*) AS n FROM events WHERE kind IN ('workspace.uninstalled', 'workspace.tokens_revoked')")).toEqual([{ n: 2 }]);
  });
});
