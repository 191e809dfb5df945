import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { GIVE_KUDOS_SHORTCUT, KUDOS_FOR_MESSAGE_SHORTCUT } from '../../src/slack/ui/shortcut-ids';
import { KUDOS_MODAL_CALLBACK, KUDOS_POST_BLOCK, KUDOS_RECIPIENTS_BLOCK, KUDOS_VALUE_BLOCK } from '../../src/slack/ui/kudos-modal';
import { kudosSteps } from './e2e-helpers';

let t: Harness;
let k: ReturnType<typeof kudosSteps>;
beforeEach(async () => {
  t = await startHarness();
  k = kudosSteps(t);
});
afterEach(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

const blocksOf = (v: unknown) => JSON.stringify((v as { blocks?: unknown[] } | undefined)?.blocks ?? []);

describe('Give kudos (global shortcut)', () => {
  it('opens the modal with a level-independent hint, then posts, DMs, confirms and stores once', async () => {
    const { manager: maria, alice, bob } = t.people;
    await t.driver.globalShortcut(maria, GIVE_KUDOS_SHORTCUT);
    const view = await t.emulator.waitFor(() => t.emulator.openView(maria), { timeoutMs: 4000 });
    expect(view.callback_id).toBe(KUDOS_MODAL_CALLBACK);
    const modal = blocksOf(view);
    for (const id of [KUDOS_RECIPIENTS_BLOCK, KUDOS_VALUE_BLOCK, KUDOS_POST_BLOCK]) expect(modal).toContain(id);
    expect(modal).toContain(':bulb:');
    // The hint is a level: all recognition item from the content library, rotated for this giver.
    const seen = await t.query<{ item_id: string }>('SELECT item_id FROM guidance_seen WHERE person_id = ?', maria);
    expect(seen).toHaveLength(1);
    const item = t.leadwell.slack.deps.guidance.byId(seen[0]?.item_id ?? '');
    expect(item).toMatchObject({ level: 'all', topic: 'recognition' });
    expect(modal).toContain(JSON.stringify(item?.title).slice(1, -1));

    const message = 'Your runbook turned a 2-hour outage into 10 minutes 🙌\nСпасибо! 谢谢 <!channel> @here';
    await k.fill(maria, { recipients: [alice, bob], value: 'Ownership', message });
    const res = await t.driver.submitView(maria);
    expect(res.errors).toBeUndefined();
    expect(t.emulator.openView(maria)).toBeUndefined();

    await t.emulator.waitFor(() => t.emulator.dms(maria).length > 0, { timeoutMs: 4000 });
    const [post, ...more] = k.posts();
    expect(more).toEqual([]);
    const posted = blocksOf(post);
    expect(posted).toContain(`<@${maria}> recognised <@${alice}> and <@${bob}> for *Ownership*`);
    expect(posted).toContain('Your runbook turned a 2-hour outage into 10 minutes 🙌\\n>Спасибо! 谢谢');
    expect(posted).not.toContain('<!channel>');
    expect(posted).not.toMatch(/[^\u200B]@here/);
    expect(post?.text).toBeTruthy();
    expect(t.emulator.calls.map((c) => c.method)).toContain('conversations.join');

    expect(k.dmText(alice)).toContain('recognised you (with 1 other) for *Ownership*');
    expect(k.dmText(bob)).toContain('Спасибо! 谢谢');
    expect(k.dmText(maria)).toContain(`Kudos sent to <@${alice}> and <@${bob}>`);
    expect(k.dmText(maria)).toContain(`posted in <#${t.kudosChannel}>`);

    const [row] = await k.kudosRows();
    expect(row).toMatchObject({ giver_id: maria, value: 'Ownership', message, post_channel: t.kudosChannel, post_ts: post?.ts, post_status: 'posted' });
    expect(await k.recipientsOf(row?.id as number)).toEqual([alice, bob]);
    expect(await k.count("SELECT COUNT(*) AS n FROM events WHERE kind = 'kudos.given'")).toBe(1);
  });

  it('keeps the kudos out of the channel when the giver unticks "post", and still DMs', async () => {
    const { alice, bob } = t.people;
    await t.driver.globalShortcut(bob, GIVE_KUDOS_SHORTCUT);
    await t.emulator.waitFor(() => t.emulator.openView(bob), { timeoutMs: 4000 });
    await k.fill(bob, { recipients: [alice], value: 'Craft', message: 'Quietly fixed every flaky test in CI.', post: false });
    await t.driver.submitView(bob);
    await t.emulator.waitFor(() => t.emulator.dms(bob).length > 0, { timeoutMs: 4000 });
    expect(k.posts()).toEqual([]);
    expect(k.dmText(alice)).toContain('Quietly fixed every flaky test');
    expect(k.dmText(bob)).toContain('As you asked, it was not posted');
    expect((await k.kudosRows())[0]).toMatchObject({ post_status: 'not_posted', post_error: 'giver_opted_out', post_ts: null });
  });
});

describe('Give kudos for this (message shortcut)', () => {
  it('prefills the author, links the message, and stores where the work happened', async () => {
    const { manager: maria, bob } = t.people;
    const general = t.emulator.addChannel({ name: 'eng', members: [maria, bob] });
    const source = t.emulator.postAs(bob, general.id, 'Shipped the migration with zero downtime');
    await t.driver.messageShortcut(maria, KUDOS_FOR_MESSAGE_SHORTCUT, { channel: general.id, ts: source.ts });
    const view = await t.emulator.waitFor(() => t.emulator.openView(maria), { timeoutMs: 4000 });
    const modal = blocksOf(view);
    expect(modal).toContain(`"initial_users":["${bob}"]`);
    expect(modal).toContain('this message');
    await k.fill(maria, { value: 'Craft', message: 'Careful planning and a calm rollout: zero downtime.' });
    await t.driver.submitView(maria);
    await t.emulator.waitFor(() => k.posts().length > 0 && t.emulator.dms(maria).length > 0, { timeoutMs: 4000 });
    const [row] = await k.kudosRows();
    expect(row).toMatchObject({ source_channel: general.id, source_ts: source.ts, post_status: 'posted' });
    expect(String(row?.source_permalink)).toMatch(/^https:\/\//);
    expect(await k.recipientsOf(row?.id as number)).toEqual([bob]);
    const posted = blocksOf(k.posts()[0]);
    expect(posted).toContain(`<${String(row?.source_permalink)}|this message> in <#${general.id}>`);
    expect(posted).not.toContain('Shipped the migration'); // the source text stays where it was written
  });

  it('does not prefill yourself and says why', async () => {
    const { manager: maria } = t.people;
    const general = t.emulator.addChannel({ name: 'eng', members: [maria] });
    const mine = t.emulator.postAs(maria, general.id, 'I wrote this');
    await t.driver.messageShortcut(maria, KUDOS_FOR_MESSAGE_SHORTCUT, { channel: general.id, ts: mine.ts });
    const view = await t.emulator.waitFor(() => t.emulator.openView(maria), { timeoutMs: 4000 });
    expect(blocksOf(view)).toContain('That is your own message');
    expect(blocksOf(view)).not.toContain('initial_users');
  });
});

describe('/kudos', () => {
  it('gives straight away when complete: value tag, several people, a mention inside the message', async () => {
    const { manager: maria, alice, bob, carol } = t.people;
    const reply = await k.command(maria, '@alice @bob paired with @carol on the billing fix #customer-first');
    expect(JSON.stringify(reply)).toContain(`Kudos sent to <@${alice}> and <@${bob}> for *Customer first*`);
    const [row] = await k.kudosRows();
    expect(row).toMatchObject({ value: 'Customer first', message: `paired with <@${carol}> on the billing fix`, post_status: 'posted' });
    expect(await k.recipientsOf(row?.id as number)).toEqual([alice, bob]);
    expect(blocksOf(k.posts()[0])).toContain(`paired with <@${carol}> on the billing fix`);
    await t.emulator.waitFor(() => t.emulator.dms(alice).length > 0 && t.emulator.dms(bob).length > 0);
    expect(t.emulator.dms(carol)).toEqual([]);
  });

  it('opens the modal prefilled with what was typed when the value or the message is missing', async () => {
    const { manager: maria, alice } = t.people;
    const view = await k.commandModal(maria, '@alice thanks for the thorough design review');
    expect(blocksOf(view)).toContain(`"initial_users":["${alice}"]`);
    expect(blocksOf(view)).toContain('thanks for the thorough design review');
    await k.fill(maria, { value: 'Candour' });
    await t.driver.submitView(maria);
    await t.emulator.waitFor(() => k.posts().length === 1);
    expect((await k.kudosRows())[0]).toMatchObject({ value: 'Candour', message: 'thanks for the thorough design review' });

    const second = await k.commandModal(maria, '@alice #craft');
    expect(blocksOf(second)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Craft"},"value":"Craft"}');
  });

  it('explains itself, and shows only your own monthly figures', async () => {
    const { manager: maria, alice } = t.people;
    const help = await k.command(maria, 'help');
    expect(JSON.stringify(help)).toContain('/kudos stats');
    await k.command(maria, '@alice brilliant incident write-up, very clear #candour');
    await k.command(alice, '@maria thanks for shielding the team this sprint #ownership');
    const stats = await k.command(maria, 'stats');
    expect(stats?.text).toBe('In November 2026 you gave 1 kudos to 1 person and received 1 from 1 person.');
    expect(JSON.stringify(stats)).not.toContain('leaderboard');
  });
});

describe("the recipient's manager", () => {
  it('is not pinged, and sees the kudos in the next 1:1 prep card', async () => {
    const { manager: maria, alice, carol } = t.people;
    await setTeam(t, maria, [alice]);
    await k.command(carol, '@alice untangled the release checklist for everyone #ownership');
    await t.emulator.waitFor(() => t.emulator.dms(alice).length > 0);
    expect(t.emulator.dms(maria)).toEqual([]);
    const before = t.emulator.ephemerals(maria).length;
    await t.driver.command(maria, '/oneonone', '@alice');
    const card = await t.emulator.waitFor(() => t.emulator.ephemerals(maria).at(before), { timeoutMs: 4000 });
    const shown = JSON.stringify(card.blocks);
    expect(shown).toContain('Ownership');
    expect(shown).toContain('untangled the release checklist for everyone');
  });
});
