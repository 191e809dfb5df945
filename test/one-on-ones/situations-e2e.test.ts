import path from 'node:path';
import { startHarness, type Harness } from '../helpers/harness';
import { PREP_LOG_ACTION, PREP_OTHER_QUESTIONS_ACTION, PREP_SEND_AGENDA_ACTION, PREP_SITUATION_ACTION } from '../../src/slack/ui/prep-card';
import { CHOSEN_SITUATIONS } from '../../src/domain/situations';
import { SITUATION_LINES, TYPED_EXAMPLES } from '../../src/slack/ui/situation-labels';
import { LOG_MODAL_CALLBACK } from '../../src/slack/ui/one-on-one-log-modal';

/**
 * "What's this 1:1 about?" end to end: the real app on a small fixture library (one frontline item per
 * situation, test/content/fixtures/prep-library), driven through the emulator like a manager would.
 */

const PREP_LIBRARY = path.join(__dirname, '..', 'content', 'fixtures', 'prep-library');
const MOMENTS = CHOSEN_SITUATIONS.filter((s) => s !== 'everyday');
type Eph = ReturnType<Harness['emulator']['ephemerals']>[number];
type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<{ action_id?: string; value?: string; text?: string }>; accessory?: { action_id?: string; initial_option?: { value: string } } };

let t: Harness;
let maria: string, alice: string, bob: string, carol: string;
beforeAll(async () => {
  t = await startHarness({ contentBaseDir: PREP_LIBRARY });
  ({ manager: maria, alice, bob, carol } = t.people);
});
afterAll(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

const visible = () => t.emulator.ephemerals(maria).filter((e) => !e.deleted);
const blocksOf = (e: Eph | undefined) => (e?.blocks ?? []) as Block[];
function cardValue(e: Eph | undefined): { r: string; g: string[]; s?: string } {
  const button = blocksOf(e).flatMap((b) => b.elements ?? []).find((el) => el.action_id === PREP_LOG_ACTION);
  return JSON.parse(button?.value ?? '{"r":"","g":[]}') as { r: string; g: string[]; s?: string };
}
const chosenOn = (e: Eph | undefined) => blocksOf(e).find((b) => b.accessory?.action_id === PREP_SITUATION_ACTION)?.accessory?.initial_option?.value;

async function command(text: string): Promise<Eph> {
  const before = t.emulator.ephemerals(maria).length;
  const res = await t.driver.command(maria, '/oneonone', text);
  expect(res.status).toBe(200);
  await t.emulator.waitFor(() => t.emulator.ephemerals(maria).length > before, { timeoutMs: 4000 });
  return visible().at(-1)!;
}

describe('/oneonone @alice <situation>', () => {
  it.each(MOMENTS)('picks %s guidance from the typed words', async (situation) => {
    const words = TYPED_EXAMPLES[situation].split(',')[0]!.trim();
    const card = await command(`<@${alice}|alice> ${words}`);
    expect(cardValue(card).g[0]).toBe(`fl-sit-${situation}`);
    expect(cardValue(card).s).toBe(situation);
    expect(chosenOn(card)).toBe(situation);
    expect(JSON.stringify(card.blocks)).toContain(`_For ${SITUATION_LINES[situation]}_`);
  });

  it('understands aliases, with or without @, and a plain typed name', async () => {
    for (const [text, situation] of [
      [`<@${alice}|alice> leaving`, 'resignation'],
      [`<@${alice}|alice> underperforming`, 'performance'],
      [`<@${alice}|alice> not promoted`, 'pay-promotion'],
      [`<@${alice}|alice> Back from leave`, 'back-from-leave'],
      [`<@${alice}|alice> calibration`, 'review'],
      ['Alice layoff', 'restructure'],
    ] as const) {
      expect({ text, got: cardValue(await command(text)).s }).toEqual({ text, got: situation });
    }
  });

  it('answers unknown words with a friendly hint listing the choices, never a crash or a card', async () => {
    const hint = await command(`<@${alice}|alice> banana <!channel>`);
    const json = JSON.stringify(hint.blocks);
    expect(json).toContain("I don't know");
    expect(json).toContain('resigned, leaving');
    expect(json).toContain('back from leave');
    expect(json).not.toContain('<!channel>');
    expect(cardValue(hint).g).toEqual([]);
  });
});

describe("the card's situation menu", () => {
  it.each(MOMENTS)('replaces the card with %s guidance when chosen', async (situation) => {
    await command(`<@${alice}|alice>`);
    const count = visible().length;
    await t.driver.clickButton(maria, { actionId: PREP_SITUATION_ACTION, value: situation });
    const card = await t.emulator.waitFor(() => (cardValue(visible().at(-1)).s === situation ? visible().at(-1) : undefined), { timeoutMs: 4000 });
    expect(visible()).toHaveLength(count); // replace_original: the same message, new guidance
    expect(cardValue(card).g[0]).toBe(`fl-sit-${situation}`);
    expect(chosenOn(card)).toBe(situation);
  });

  it('keeps the chosen situation through "Other questions"', async () => {
    await command(`<@${alice}|alice> conflict`);
    await t.driver.clickButton(maria, { actionId: PREP_OTHER_QUESTIONS_ACTION });
    await t.emulator.waitFor(() => (JSON.stringify(visible().at(-1)?.blocks).includes('Conflict with a colleague') ? true : undefined), { timeoutMs: 4000 });
    expect(cardValue(visible().at(-1)).s).toBe('conflict');
  });
});

describe('the card', () => {
  it('shows situation, ask_first in bold, the other questions, say, if_pushback, hr_check, body, then Think about', async () => {
    const card = await command(`<@${alice}|alice> performance`);
    const texts = blocksOf(card).map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text ?? '').join(' '));
    const at = (needle: string) => texts.findIndex((x) => x.includes(needle));
    const order = [
      '_For a performance concern_',
      "*What's getting in the way of the release work landing on time?* _(if there's time for one)_",
      '• How do you think the last few weeks have gone against what we agreed?',
      '>I want to talk about performance today',
      '*If they push back:* If they disagree',
      '*HR check:* Check with HR before you promise anything on performance.',
      'Advice for guidance for a performance concern',
      '*Think about*',
    ].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The manager's own question is only under "Think about", never among the questions to ask.
    const reflect = 'What have I seen myself about performance';
    expect(texts.filter((x) => x.includes(reflect))).toHaveLength(1);
    expect(texts[at('*Think about*')]).toContain(reflect);
    expect(blocksOf(card).find((b) => b.type === 'context' && JSON.stringify(b).includes('HR check'))).toBeDefined();
  });

  it('sends the report only the ask questions: never reflect, say or hr_check', async () => {
    await command(`<@${alice}|alice> wellbeing`);
    await t.driver.clickButton(maria, { actionId: PREP_SEND_AGENDA_ACTION });
    const dm = await t.emulator.waitFor(() => t.emulator.dms(alice).at(-1), { timeoutMs: 4000 });
    const json = JSON.stringify(dm);
    expect(json).toContain('How are you doing, away from the work itself?');
    expect(json).toContain('What would make this week lighter?');
    expect(json).not.toContain('What have I seen myself');
    expect(json).not.toContain('I want to talk about wellbeing');
    expect(json).not.toContain('Check with HR');
  });
});

describe('follow-up after a logged situation', () => {
  it('stores the chosen situation on the 1:1 (not in notes) and the next prep asks how it has gone', async () => {
    await command(`<@${alice}|alice> performance`);
    while (t.emulator.openView(maria)) await t.driver.closeView(maria);
    await t.driver.clickButton(maria, { actionId: PREP_LOG_ACTION });
    await t.emulator.waitFor(() => (t.emulator.openView(maria)?.callback_id === LOG_MODAL_CALLBACK ? true : undefined), { timeoutMs: 4000 });
    const res = await t.driver.submitView(maria);
    expect(res.errors ?? {}).toEqual({});
    const rows = await t.query('SELECT situation, notes FROM one_on_ones WHERE manager_id = ? AND report_id = ?', maria, alice);
    expect(rows).toEqual([{ situation: 'performance', notes: '' }]);
    while (t.emulator.openView(maria)) await t.driver.closeView(maria);
    const next = await command(`<@${alice}|alice>`);
    expect(JSON.stringify(next.blocks)).toMatch(/\*Last time\* \([^)]+\)\*:\* performance concern — how has it gone since\?/);
  });
});

describe('a card redrawn after an action on it', () => {
  const json = (e: Eph | undefined) => JSON.stringify(e?.blocks ?? []);
  const sameCard = (e: Eph, test: (x: Eph) => boolean) =>
    t.emulator.waitFor(() => {
      const now = visible().find((x) => x.ts === e.ts);
      return now && test(now) ? now : undefined;
    }, { timeoutMs: 4000 });

  async function logFromCard(e: Eph): Promise<void> {
    while (t.emulator.openView(maria)) await t.driver.closeView(maria);
    await t.driver.clickButton(maria, { actionId: PREP_LOG_ACTION, where: { channel: e.channel, ts: e.ts } });
    await t.emulator.waitFor(() => (t.emulator.openView(maria)?.callback_id === LOG_MODAL_CALLBACK ? true : undefined), { timeoutMs: 4000 });
    const res = await t.driver.submitView(maria);
    expect(res.errors ?? {}).toEqual({});
    while (t.emulator.openView(maria)) await t.driver.closeView(maria);
  }

  it('keeps the chosen situation after an agenda and a log, stores it, and its menu still redraws the card', async () => {
    const card = await command(`<@${bob}|bob> performance`);
    await t.driver.clickButton(maria, { actionId: PREP_SEND_AGENDA_ACTION, where: { channel: card.channel, ts: card.ts } });
    const sent = await sameCard(card, (x) => json(x).includes('Agenda sent'));
    expect([chosenOn(sent), cardValue(sent).s, cardValue(sent).g]).toEqual(['performance', 'performance', cardValue(card).g]);
    expect(json(sent)).toContain('_For a performance concern_');

    await logFromCard(sent);
    const logged = await sameCard(card, (x) => json(x).includes('1:1 logged for'));
    expect(await t.query('SELECT situation FROM one_on_ones WHERE manager_id = ? AND report_id = ?', maria, bob)).toEqual([{ situation: 'performance' }]);
    expect(chosenOn(logged)).toBe('performance');
    expect(json(logged)).toContain('_For a performance concern_');
    // "Last time" would be the 1:1 just logged: not on this card.
    expect(json(logged)).not.toContain('Last time');

    const count = visible().length;
    await t.driver.clickButton(maria, { actionId: PREP_SITUATION_ACTION, value: 'wellbeing', where: { channel: card.channel, ts: card.ts } });
    const next = await sameCard(card, (x) => cardValue(x).s === 'wellbeing');
    expect(visible()).toHaveLength(count);
    expect([cardValue(next).g[0], chosenOn(next)]).toEqual(['fl-sit-wellbeing', 'wellbeing']);
    expect(json(next)).not.toContain('1:1 logged for'); // a fresh card for the next 1:1, with its Log button
    expect(json(next)).toMatch(/\*Last time\* \([^)]+\)\*:\* performance concern — how has it gone since\?/);
  });

  it('after logging a first 1:1, the first-1:1 advice is not shown as if still ahead', async () => {
    const card = await command(`<@${carol}|carol>`);
    expect(cardValue(card).g).toEqual(['fl-first-meeting']);
    expect(json(card)).toContain('_For your first 1:1 together_');
    await logFromCard(card);
    const logged = await sameCard(card, (x) => json(x).includes('1:1 logged for'));
    expect(json(logged)).not.toContain('first 1:1');
    expect(json(logged)).not.toContain('What do you want me to know about how you work best?');
    expect(json(logged)).toContain('advice was for a moment that has passed');
    expect(json(logged)).not.toContain('No guidance is available');
  });
});
