import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { answerProblems, hostileTexts } from './hostile';
import { rowsIn } from '../helpers/db-reads';

/** Hostile text that still makes a valid kudos once a recipient and a value are around it. */
let t: Harness;
beforeAll(async () => {
  t = await startHarness({ env: { KUDOS_DAILY_CAP: '100' } });
  await setTeam(t, t.people.manager, [t.people.alice, t.people.bob]);
});
afterAll(async () => {
  await t.stop();
});

it('hostile kudos messages are posted, DMed and confirmed without broadcasts, raw errors or lost rows', async () => {
  const { manager: maria, alice } = t.people;
  const failures: string[] = [];
  let given = 0;
  for (const [name, text] of hostileTexts(t)) {
    if (name === 'empty' || name === 'whitespace' || name === 'yourself' || name === 'a bot' || name === 'a deactivated user') continue;
    t.clock.advance(60_000); // a new minute: a new kudos, not a twin of the last one
    const before = { e: t.emulator.ephemerals(maria).length, v: t.emulator.openView(maria)?.id };
    const rows = await rowsIn(t, 'kudos');
    const res = await t.driver.command(maria, '/kudos', `@alice ${text.slice(0, 2500)} #Ownership`);
    if (res.status !== 200) failures.push(`${name}: HTTP ${res.status}`);
    const answer = await t.emulator.waitFor(
      () => t.emulator.ephemerals(maria).slice(before.e).at(-1) ?? (t.emulator.openView(maria)?.id !== before.v ? t.emulator.openView(maria) : undefined),
      { timeoutMs: 4000 },
    );
    while (t.emulator.openView(maria)) await t.driver.closeView(maria);
    const problems = answerProblems(answer, text);
    if (problems.length > 0) failures.push(`${name}: answer ${problems.join(', ')}`);
    const after = await rowsIn(t, 'kudos');
    given += after - rows;
  }
  expect(failures).toEqual([]);
  // Most of them are real kudos (a message that is only a channel link or a mention may go to the modal instead).
  expect(given).toBeGreaterThan(5);
  const everything = JSON.stringify([t.emulator.messages(t.kudosChannel), t.emulator.dms(alice)]);
  expect(everything).not.toMatch(/<!(channel|here|everyone)/);
  expect(answerProblems([t.emulator.messages(t.kudosChannel), t.emulator.dms(alice)], '{"user":"U1","text":null,"__proto__":{"admin":true}}')).toEqual([]);
  expect(t.emulator.messages(t.kudosChannel)).toHaveLength(given);
  expect(t.emulator.violations()).toEqual([]);
}, 60000);
