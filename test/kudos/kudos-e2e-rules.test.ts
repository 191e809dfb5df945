import { startHarness, type Harness, type HarnessOptions } from '../helpers/harness';
import { GIVE_KUDOS_SHORTCUT } from '../../src/slack/ui/shortcut-ids';
import { KUDOS_RECIPIENTS_BLOCK, KUDOS_MESSAGE_BLOCK } from '../../src/slack/ui/kudos-modal';
import { kudosSteps } from './e2e-helpers';

let t: Harness | undefined;
let k: ReturnType<typeof kudosSteps>;
async function start(options: HarnessOptions = {}): Promise<Harness> {
  t = await startHarness(options);
  k = kudosSteps(t);
  return t;
}
afterEach(async () => {
  if (!t) return;
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
  t = undefined;
});

describe('who can receive kudos', () => {
  it('answers the modal with field errors for yourself, a bot, a deactivated person and someone outside the workspace', async () => {
    const h = await start();
    const { manager: maria, bot, gone, alice } = h.people;
    await h.driver.globalShortcut(maria, GIVE_KUDOS_SHORTCUT);
    await h.emulator.waitFor(() => h.emulator.openView(maria), { timeoutMs: 4000 });
    await k.fill(maria, { recipients: [maria, bot, gone, 'U0OUTSIDER', alice], value: 'Craft', message: 'short' });
    const res = await h.driver.submitView(maria);
    const errors = res.errors as Record<string, string>;
    expect(errors[KUDOS_RECIPIENTS_BLOCK]).toMatch(/can't give kudos to yourself/);
    expect(errors[KUDOS_RECIPIENTS_BLOCK]).toContain(`<@${bot}> is a bot`);
    expect(errors[KUDOS_RECIPIENTS_BLOCK]).toContain(`<@${gone}> has been deactivated`);
    expect(errors[KUDOS_RECIPIENTS_BLOCK]).toContain('<@U0OUTSIDER> is not someone I can find in this workspace');
    expect(errors[KUDOS_RECIPIENTS_BLOCK]).not.toContain(alice);
    expect(errors[KUDOS_MESSAGE_BLOCK]).toMatch(/at least 10 characters/);
    expect(h.emulator.openView(maria)).toBeDefined();
    expect(await k.count('SELECT COUNT(*) AS n FROM kudos')).toBe(0);
  });

  it('answers the command privately for the same cases, naming who', async () => {
    const h = await start();
    const { manager: maria, bot, gone } = h.people;
    expect((await k.command(maria, '@maria thanks me for the great work #craft'))?.text).toMatch(/can't give kudos to yourself/);
    expect((await k.command(maria, '@deploybot shipped it again, flawless #craft'))?.text).toContain(`<@${bot}> is a bot`);
    expect((await k.command(maria, '@gus thank you for years of great work #craft'))?.text).toContain(`<@${gone}> has been deactivated`);
    expect((await k.command(maria, '<@U0OUTSIDER|zed> thanks for the partner demo #craft'))?.text).toContain('is not someone I can find');
    expect((await k.command(maria, '@nobodyhere thanks for everything this week #craft'))?.text).toContain("I don't know anyone called @nobodyhere");
    expect((await k.command(maria, '@alice nice #craft'))?.text).toMatch(/at least 10 characters/);
    expect(await k.count('SELECT COUNT(*) AS n FROM kudos')).toBe(0);
    expect(k.posts()).toEqual([]);
  });
});

describe('daily cap in the giver time zone', () => {
  it('stops at the cap, says when it resets, and resets at local midnight before UTC midnight', async () => {
    // 18:00 UTC is 23:30 in Kolkata, where carol lives.
    const h = await start({ start: Date.UTC(2026, 10, 30, 18, 0), env: { KUDOS_DAILY_CAP: '2' } });
    const { carol, alice } = h.people;
    await k.command(carol, '@alice @bob thanks for covering my on-call shift #teamwork');
    const refused = await k.command(carol, '@maria thanks for the clear priorities this week #candour');
    expect(refused?.text).toBe("You have reached today's kudos cap of 2 people. It resets at midnight your time (Asia/Kolkata), in 30 min.");
    h.clock.advance(31 * 60_000); // 00:01 in Kolkata, still 18:31 UTC on the same UTC day
    const next = await k.command(carol, '@maria thanks for the clear priorities this week #candour');
    expect(next?.text).toContain('Kudos sent to');
    expect(await k.count('SELECT COUNT(*) AS n FROM kudos_recipients')).toBe(3);
    expect(await k.count('SELECT COUNT(*) AS n FROM kudos_recipients WHERE recipient_id = ?', alice)).toBe(1);
  });

  it('shows the cap on the modal recipients field', async () => {
    const h = await start({ env: { KUDOS_DAILY_CAP: '1' } });
    const { manager: maria, alice, bob } = h.people;
    await h.driver.globalShortcut(maria, GIVE_KUDOS_SHORTCUT);
    await h.emulator.waitFor(() => h.emulator.openView(maria), { timeoutMs: 4000 });
    await k.fill(maria, { recipients: [alice, bob], value: 'Craft', message: 'Great pairing on the parser rewrite.' });
    const res = await h.driver.submitView(maria);
    expect((res.errors as Record<string, string>)[KUDOS_RECIPIENTS_BLOCK]).toMatch(/cap is 1 people and you have 1 left.*midnight your time \(Europe\/Berlin\)/);
  });
});

describe('the same kudos twice', () => {
  it('stores and posts it once within 60 seconds, and tells the giver', async () => {
    const h = await start();
    const { manager: maria } = h.people;
    const text = '@alice @bob thanks for the late-night hotfix #ownership';
    await k.command(maria, text);
    h.clock.advance(30_000);
    expect((await k.command(maria, text))?.text).toMatch(/already sent these kudos/);
    expect(await k.count('SELECT COUNT(*) AS n FROM kudos')).toBe(1);
    expect(k.posts()).toHaveLength(1);
    h.clock.advance(31_000);
    await k.command(maria, text);
    expect(await k.count('SELECT COUNT(*) AS n FROM kudos')).toBe(2);
  });
});

describe('a double click on "Send kudos"', () => {
  it('two submissions of the same modal store, post and confirm once', async () => {
    const h = await start();
    const { manager: maria, alice } = h.people;
    await h.driver.globalShortcut(maria, GIVE_KUDOS_SHORTCUT);
    await h.emulator.waitFor(() => h.emulator.openView(maria), { timeoutMs: 4000 });
    await k.fill(maria, { recipients: [alice], value: 'Teamwork', message: 'Stayed late to help me finish the demo.' });
    const results = await Promise.allSettled([h.driver.submitView(maria), h.driver.submitView(maria)]);
    // Both submissions reached the app (Slack would send both on a double click).
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.status : r.reason))).toEqual([200, 200]);
    await h.emulator.waitFor(() => h.emulator.dms(maria).length > 0, { timeoutMs: 4000 });
    await new Promise((r) => setTimeout(r, 300)); // room for a second post or DM, were there one
    expect(await k.count('SELECT COUNT(*) AS n FROM kudos')).toBe(1);
    expect(k.posts()).toHaveLength(1);
    expect(h.emulator.dms(alice)).toHaveLength(1);
    expect(h.emulator.dms(maria)).toHaveLength(1);
  });
});

describe('text survives, injection does not', () => {
  it('keeps emoji, line breaks and non-Latin scripts; neutralises <!channel> and <!here>', async () => {
    const h = await start();
    const { manager: maria } = h.people;
    await k.command(maria, '@alice <!channel> <!here> спасибо за релиз 🎉 — 素晴らしい仕事 #craft');
    const [row] = await k.kudosRows();
    expect(row?.message).toBe('@channel @here спасибо за релиз 🎉 — 素晴らしい仕事');
    const post = JSON.stringify(k.posts()[0]);
    expect(post).not.toMatch(/<!(channel|here)/);
    expect(post).toContain('@\u200Bchannel @\u200Bhere спасибо за релиз 🎉 — 素晴らしい仕事');
  });
});
