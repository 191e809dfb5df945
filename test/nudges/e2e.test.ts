import { startHarness, setTeam, type Harness } from '../helpers/harness';
import {
  NUDGE_CONTROLS_BLOCK, NUDGE_FEEDBACK_BLOCK, NUDGE_KUDOS_ACTION, NUDGE_PAUSE_ACTION, NUDGE_PREP_ACTION, NUDGE_SNOOZE_ACTION, NUDGE_USEFUL_ACTION,
} from '../../src/slack/ui/nudge-message';
import { HOME_NUDGES_TOGGLE_ACTION } from '../../src/slack/ui/home-ids';
import { KUDOS_MODAL_CALLBACK } from '../../src/slack/ui/kudos-modal';
import { eventually } from '../helpers/eventually';

type Block = { type: string; block_id?: string; elements?: Array<{ action_id?: string; value?: string }>; accessory?: { action_id?: string } };

/** Reads through `h.query`, so the suite runs on SQLite and PostgreSQL alike. */
const nudgeRows = (h: Harness) =>
  h.query<{ id: number; person_id: string; status: string; reason: string | null; channel_id: string | null; message_ts: string | null }>(
    "SELECT id, person_id, status, reason, channel_id, message_ts FROM nudges WHERE kind = 'weekly' ORDER BY id",
  );
const events = (h: Harness, kind: string) => h.query<{ actor_id: string; ref_id: number | null; data: string }>('SELECT actor_id, ref_id, data FROM events WHERE kind = ? ORDER BY id', kind);
const person = async (h: Harness, columns: string) => (await h.query(`SELECT ${columns} FROM people WHERE id = ?`, h.people.manager))[0];

describe('weekly nudge through Slack (emulator + the real app)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setTeam(h, h.people.manager, [h.people.alice, h.people.bob]);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('is planned at the manager’s own slot and DMed once, however often the jobs run', async () => {
    // Maria is in Berlin: Monday 09:00 there was 08:00 UTC, an hour before the harness clock.
    for (let i = 0; i < 3; i += 1) {
      await h.leadwell.scheduler.runNow('weekly-nudges');
      await h.leadwell.scheduler.runNow('outbox-dispatcher');
    }
    const dms = h.emulator.dms(h.people.manager);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.text).toBe('Your weekly Leadwell nudge: 2 1:1s to book and 2 people to recognise.');
    const [row] = await nudgeRows(h);
    expect(row).toMatchObject({ person_id: h.people.manager, status: 'sent', message_ts: dms[0]!.ts });
    expect(h.emulator.dms(h.people.alice)).toEqual([]);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('Prep 1:1 posts the prep card for that report and is logged against the nudge', async () => {
    const [row] = await nudgeRows(h);
    const blocks = h.emulator.dms(h.people.manager)[0]!.blocks as Block[];
    const prep = blocks.map((b) => b.accessory).find((a) => a?.action_id === NUDGE_PREP_ACTION) as { value: string };
    const reportId = JSON.parse(prep.value).r as string;
    expect([h.people.alice, h.people.bob]).toContain(reportId);
    await h.driver.clickButton(h.people.manager, { actionId: NUDGE_PREP_ACTION, value: prep.value, where: 'last-dm' });
    const card = await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.manager).at(-1));
    expect(JSON.stringify(card)).toContain(reportId);
    expect(JSON.stringify(card?.blocks)).toContain('one_on_one_log_open'); // the 1:1 feature's own card, with its Log button
    expect(await events(h, 'nudge.acted')).toEqual([expect.objectContaining({ actor_id: h.people.manager, ref_id: row!.id })]);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('Give kudos opens the kudos modal with the report already picked', async () => {
    const dm = h.emulator.dms(h.people.manager)[0]!;
    const blocks = dm.blocks as Block[];
    const kudosValue = blocks.map((b) => b.accessory).find((a) => a?.action_id === NUDGE_KUDOS_ACTION) as { value: string };
    const reportId = JSON.parse(kudosValue.value).r as string;
    await h.driver.clickButton(h.people.manager, { actionId: NUDGE_KUDOS_ACTION, value: kudosValue.value, where: 'last-dm' });
    const view = await h.emulator.waitFor(() => h.emulator.openView(h.people.manager));
    expect(view?.callback_id).toBe(KUDOS_MODAL_CALLBACK);
    expect(JSON.stringify(view)).toContain(reportId);
    await eventually(async () => (await events(h, 'nudge.acted')).length === 2); // logged once the modal is open
    expect((await events(h, 'nudge.acted')).map((e) => JSON.parse(e.data))).toEqual([expect.objectContaining({ action: 'prep' }), { action: 'kudos', reportId }]);
    await h.driver.closeView(h.people.manager);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('👍 on the tip and Snooze a week are logged and replace their buttons in the DM', async () => {
    await h.driver.clickButton(h.people.manager, { actionId: NUDGE_USEFUL_ACTION, where: 'last-dm' });
    await eventually(async () => (await events(h, 'nudge.useful')).length === 1);
    const dmBlocks = () => h.emulator.dms(h.people.manager)[0]!.blocks as Block[];
    await h.emulator.waitFor(() => !dmBlocks().some((b) => b.block_id === NUDGE_FEEDBACK_BLOCK));
    expect(JSON.stringify(dmBlocks())).toMatch(/glad it helped/);
    await h.driver.clickButton(h.people.manager, { actionId: NUDGE_SNOOZE_ACTION, where: 'last-dm' });
    await eventually(async () => (await events(h, 'nudge.snoozed')).length === 1);
    const blocks = (await h.emulator.waitFor(() => {
      const b = h.emulator.dms(h.people.manager)[0]!.blocks as Block[];
      return b.some((x) => x.block_id === NUDGE_CONTROLS_BLOCK) ? undefined : b;
    }))!;
    expect(blocks.some((b) => b.block_id === NUDGE_FEEDBACK_BLOCK)).toBe(false);
    expect(JSON.stringify(blocks)).toMatch(/Snoozed/);
    expect(JSON.parse((await events(h, 'nudge.useful'))[0]!.data).tipId).toEqual(expect.any(String));
    const snoozed = await person(h, 'snoozed_until');
    expect(snoozed?.snoozed_until).toBe(h.clock.now() + 7 * 86_400_000);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('/coach nudges day, preview, off and on', async () => {
    const last = () => String(h.emulator.ephemerals(h.people.manager).at(-1)?.text ?? '');
    await h.driver.command(h.people.manager, '/coach', 'nudges day tuesday 8');
    await h.emulator.waitFor(() => last().startsWith('Saved.'));
    expect(await person(h, 'nudge_day, nudge_hour')).toEqual({ nudge_day: 2, nudge_hour: 8 });
    await h.driver.command(h.people.manager, '/coach', 'nudges day saturday');
    await h.emulator.waitFor(() => /working days only/.test(last()));
    await h.driver.command(h.people.manager, '/coach', 'nudge preview');
    await h.emulator.waitFor(() => last().startsWith('Preview: Your weekly Leadwell nudge'));
    await h.driver.command(h.people.manager, '/coach', 'nudges off');
    await h.emulator.waitFor(() => last().startsWith('Weekly nudges paused.'));
    await h.driver.command(h.people.manager, '/coach', 'nudges on');
    await h.emulator.waitFor(() => last().startsWith('Weekly nudges are on.'));
    expect(await person(h, 'nudges_paused')).toEqual({ nudges_paused: 0 });
    expect(h.emulator.dms(h.people.manager)).toHaveLength(1); // a preview is never a second nudge
    expect(h.emulator.violations()).toEqual([]);
  });
});

describe('pausing from a preview and resuming from the Home tab', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setTeam(h, h.people.manager, [h.people.alice]);
  });
  afterAll(async () => {
    await h.stop();
  });
  const run = async () => {
    await h.leadwell.scheduler.runNow('weekly-nudges');
    await h.leadwell.scheduler.runNow('outbox-dispatcher');
  };

  it('a paused manager gets nothing; resumed the same morning, the nudge comes', async () => {
    await h.driver.command(h.people.manager, '/coach', 'nudge preview');
    await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.manager).length === 1);
    await h.driver.clickButton(h.people.manager, { actionId: NUDGE_PAUSE_ACTION, where: 'last-ephemeral' });
    await eventually(async () => (await events(h, 'nudge.paused')).length === 1);
    expect((await events(h, 'nudge.paused'))[0]!.ref_id).toBeNull(); // a preview has no nudge behind it
    await run();
    expect(h.emulator.dms(h.people.manager)).toEqual([]);
    await h.driver.openHome(h.people.manager);
    await h.emulator.waitFor(() => h.emulator.home(h.people.manager));
    await h.driver.clickButton(h.people.manager, { actionId: HOME_NUDGES_TOGGLE_ACTION, value: 'resume', where: 'home' });
    await eventually(async () => (await person(h, 'nudges_paused'))?.nudges_paused === 0);
    h.clock.advance(30 * 60_000);
    await run();
    await run();
    expect(h.emulator.dms(h.people.manager)).toHaveLength(1);
    expect(h.emulator.violations()).toEqual([]);
  });
});

describe('time zone and away status from Slack (user_change)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setTeam(h, h.people.manager, [h.people.alice]);
  });
  afterAll(async () => {
    await h.stop();
  });
  const run = async () => {
    await h.leadwell.scheduler.runNow('weekly-nudges');
    await h.leadwell.scheduler.runNow('outbox-dispatcher');
  };
  /** Slack's event is acked before the profile is stored: wait for the row before running the jobs. */
  const userChange = async (tz: string, statusEmoji = '', statusText = '') => {
    await sendUserChange(tz, statusEmoji, statusText);
    await eventually(async () => {
      const row = await person(h, 'tz, status_emoji, status_text');
      return row?.tz === tz && row.status_emoji === statusEmoji && row.status_text === statusText;
    });
  };
  const sendUserChange = (tz: string, statusEmoji: string, statusText: string) =>
    h.driver.event('user_change', {
      type: 'user_change',
      user: {
        id: h.people.manager, team_id: 'T0LEADWELL', name: 'maria', real_name: 'Maria Manager', deleted: false, is_bot: false, tz,
        profile: { display_name: 'maria', real_name: 'Maria Manager', status_text: statusText, status_emoji: statusEmoji },
      },
    });

  it('moving to Honolulu moves the nudge to Monday 09:00 there; a vacation status skips the next week', async () => {
    await userChange('Pacific/Honolulu');
    await run(); // Monday 09:00 UTC is still Sunday night in Honolulu
    expect(h.emulator.dms(h.people.manager)).toEqual([]);
    h.clock.set(Date.UTC(2026, 10, 30, 19, 1)); // Monday 09:01 in Honolulu
    await run();
    expect(h.emulator.dms(h.people.manager)).toHaveLength(1);
    await userChange('Pacific/Honolulu', ':palm_tree:', 'Vacationing');
    h.clock.set(Date.UTC(2026, 11, 7, 19, 1));
    await run();
    expect(h.emulator.dms(h.people.manager)).toHaveLength(1);
    expect((await nudgeRows(h)).map((r) => [r.status, r.reason])).toEqual([['sent', null], ['skipped', 'away']]);
    expect(h.emulator.violations()).toEqual([]);
  });
});
