import { freshDb } from '../helpers/db';
import { NOW } from '../org/fixtures';
import { addPeople, homeServices } from './seed';
import { settingsModal } from '../../src/slack/ui/settings-modal';
import { readSettingsState } from '../../src/slack/listeners/views/settings-submit';

describe('settings and team changes', () => {
  let ctx: ReturnType<typeof freshDb>;
  beforeEach(() => (ctx = freshDb()));
  afterEach(() => ctx.cleanup());

  it('settings round trip: saved at once, read back, and the modal shows them', async () => {
    await addPeople(ctx.db, ['UM', 'UR'], NOW, { UR: 'UM' });
    const { settings, home } = homeServices(ctx.db);
    const saved = settings.update('UM', { level: 'mid-level', cadenceDays: 7, nudgeDay: 5, nudgeHour: 16, nudgesPaused: true });
    expect(await saved).toMatchObject({ cadenceDays: 7, nudgeDay: 5, nudgeHour: 16, nudgesPaused: true, level: { level: 'mid-level', source: 'self' } });
    const model = await home.homeFor('UM');
    expect(model?.viewer).toMatchObject({ cadenceDays: 7, nudgeDay: 5, nudgeHour: 16, nudgesPaused: true });
    expect(model?.team?.cadenceDays).toBe(7);

    // The modal starts from what is stored, and reading its state back gives the same settings.
    const modal = settingsModal(await settings.get('UM'));
    const values: Record<string, Record<string, unknown>> = {};
    for (const b of modal.blocks) {
      if (b.type !== 'input') continue;
      const el = (b as { element: unknown }).element as { type: string; initial_option?: unknown; initial_value?: string; initial_options?: unknown[] };
      const state = el.type === 'checkboxes' ? { type: el.type, selected_options: el.initial_options ?? [] }
        : { type: el.type, selected_option: el.initial_option ?? null };
      values[b.block_id as string] = { value: state };
    }
    const input = readSettingsState(values);
    expect(input).toEqual({ level: 'mid-level', cadenceDays: 7, nudgeDay: 5, nudgeHour: 16, nudgesPaused: true });
    await settings.update('UM', input);
    expect((await settings.get('UM')).level.source).toBe('self');
  });

  it('resuming nudges also ends a snooze', async () => {
    await addPeople(ctx.db, ['UM'], NOW);
    const { settings, people } = homeServices(ctx.db);
    await settings.update('UM', { nudgesPaused: true });
    await people.updateSettings('UM', { snoozedUntil: NOW + 1000 }, NOW);
    await settings.update('UM', { nudgesPaused: false });
    expect(await people.get('UM')).toMatchObject({ nudgesPaused: false, snoozedUntil: undefined });
  });

  it('re-saving the form keeps an inferred or admin level as it is', async () => {
    await addPeople(ctx.db, ['UM', 'UR', 'UADMIN'], NOW, { UR: 'UM' });
    const { settings, levels } = homeServices(ctx.db, { admins: ['UADMIN'] });
    await settings.update('UM', { level: 'auto', cadenceDays: 10 });
    expect((await settings.get('UM')).level.source).toBe('inferred');
    await levels.setByAdmin('UADMIN', 'UM', 'executive');
    await settings.update('UM', { level: 'executive', cadenceDays: 12 });
    expect((await settings.get('UM')).level).toMatchObject({ level: 'executive', source: 'admin' });
    await settings.update('UM', { level: 'auto' });
    expect((await settings.get('UM')).level.source).toBe('inferred');
  });

  it('refuses bad values naming the field, and saves nothing', async () => {
    await addPeople(ctx.db, ['UM'], NOW);
    const { settings } = homeServices(ctx.db);
    await expect(settings.update('UM', { cadenceDays: 0 })).rejects.toThrow(expect.objectContaining({ field: 'cadenceDays' }));
    await expect(settings.update('UM', { nudgeHour: 24 })).rejects.toThrow(expect.objectContaining({ field: 'nudgeHour' }));
    await expect(settings.update('UM', { nudgeDay: 6 })).rejects.toThrow(expect.objectContaining({ field: 'nudgeDay', userMessage: expect.stringContaining('working days') }));
    await expect(settings.update('UM', { cadenceDays: Number.NaN })).rejects.toThrow(expect.objectContaining({ field: 'cadenceDays' }));
    await expect(settings.update('UM', { surprise: 1 })).rejects.toThrow(expect.objectContaining({ code: 'settings_invalid' }));
    expect(await settings.get('UM')).toMatchObject({ cadenceDays: 14, nudgeHour: 9 });
  });

  it('a manager asks for reports (nobody moves until confirmed), removes them; loops, bots and themselves are refused', async () => {
    await addPeople(ctx.db, ['UCEO', 'UM', 'UA', 'UB', 'UOTHER'], NOW, { UM: 'UCEO', UB: 'UOTHER' });
    const { org, people, peopleService, lines, asked, told } = homeServices(ctx.db);
    await peopleService.applyProfile({ id: 'UBOT1', teamId: 'T1', name: 'bot', realName: 'bot', isBot: true, deleted: false });
    expect(await org.checkAdditions('UM', ['UCEO', 'UM', 'UBOT1', 'UA'])).toEqual([
      { id: 'UCEO', name: 'uceo', reason: 'uceo is above you in the org chart (that would make a loop)' },
      { id: 'UM', name: 'um', reason: 'you cannot be your own manager' },
      { id: 'UBOT1', name: 'bot', reason: 'apps and bots cannot be on a team' },
    ]);
    const result = await org.addReports('UM', ['UA', 'UB']);
    expect(result.added).toEqual([]);
    expect(result.requested).toEqual([{ personId: 'UA', askedIds: ['UA'] }, { personId: 'UB', askedIds: ['UOTHER', 'UB'] }]);
    expect(asked.map((a) => a.to)).toEqual(['UA', 'UOTHER', 'UB']);
    expect(await people.reportsOf('UM')).toEqual([]);
    // The same ask again (a double submit) asks nobody twice.
    await org.addReports('UM', ['UA']);
    expect(asked).toHaveLength(3);
    for (const a of asked.filter((x) => x.to !== 'UB')) expect((await lines.decide(a.request.id, a.to, 'confirm')).outcome).toBe('confirmed');
    expect((await people.reportsOf('UM')).map((p) => p.id)).toEqual(['UA', 'UB']);
    // Everyone involved is told, except whoever confirmed (their DM shows the outcome in place).
    expect(told.filter((t) => t.news.kind === 'changed').map((t) => t.to).sort()).toEqual(['UB', 'UM', 'UM']);
    await org.removeReport('UM', 'UA');
    expect((await people.get('UA'))?.managerId).toBeUndefined();
    expect(told.at(-1)).toEqual({ to: 'UA', news: { kind: 'removed', personId: 'UA', fromManagerId: 'UM' } });
    await expect(org.removeReport('UM', 'UA')).rejects.toMatchObject({ code: 'not_your_report' });
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'org.manager_set'").get()).toEqual({ n: 3 });
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'org.line_requested'").get()).toEqual({ n: 2 });
  });

  it('an admin sets a line at once (audited, old manager and person told); a non-admin cannot ask for someone else', async () => {
    await addPeople(ctx.db, ['UADM', 'UM', 'UB', 'UOTHER'], NOW, { UB: 'UOTHER' });
    const { lines, people, told } = homeServices(ctx.db, { admins: ['UADM'] });
    expect(await lines.requestReportingLine({ requesterId: 'UADM', personId: 'UB', managerId: 'UM', via: 'admin' })).toEqual({ outcome: 'changed', personId: 'UB', fromManagerId: 'UOTHER' });
    expect((await people.get('UB'))?.managerId).toBe('UM');
    expect(told.map((t) => t.to)).toEqual(['UOTHER', 'UB', 'UM']);
    expect(JSON.parse((ctx.db.prepare("SELECT data FROM events WHERE kind = 'org.manager_set'").get() as { data: string }).data)).toEqual({ from: 'UOTHER', to: 'UM', via: 'admin', admin: true });
    await expect(lines.requestReportingLine({ requesterId: 'UOTHER', personId: 'UB', managerId: 'UM', via: 'app_home' })).rejects.toMatchObject({ code: 'line_not_yours' });
  });
});
