import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { leaks, privateStrings } from '../helpers/private-text';
import { PREP_LOG_ACTION } from '../../src/slack/ui/prep-card';
import { LOG_ENERGY_BLOCK, LOG_NOTES_BLOCK, LOG_OPTIONS_BLOCK, LOG_VALUE_ACTION, itemOwnerBlock, itemTextBlock } from '../../src/slack/ui/one-on-one-log-modal';

/**
 * The attack run read private text in debug lines: request bodies of the Web API client (goal titles,
 * plans' initial_value, action items, kudos text, e-mails, live response_urls) and each pulse submission
 * with its user and time. Here real flows run at LOG_LEVEL=trace and the whole log is searched for every
 * private string the run put through Slack (src: the emulator's record of every call), plus what was typed.
 * `npm run test:trace-logs` runs every end-to-end suite the same way (the harness checks at stop()).
 */
const DEC_1_NOON = Date.UTC(2026, 11, 1, 12, 0, 0);
const TYPED = ['KUDOS-TEXT-9c1 for the runbook rewrite', 'NOTE-TEXT-4be she is tired', 'ITEM-TEXT-77 book the conference', 'PULSE-COMMENT-e5d more context please'];
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: DEC_1_NOON, env: { LOG_LEVEL: 'trace', NUDGE_RATE_PER_MINUTE: '6000' } });
});
afterEach(async () => {
  expect(h.emulator.violations()).toEqual([]);
  await h.stop();
});

it('kudos, a 1:1 log with notes and items, and a pulse answer leave no private text in a trace log', async () => {
  const { manager: maria, alice } = h.people;
  await setTeam(h, maria, [alice]);
  expect(h.config.logLevel).toBe('trace');

  await h.driver.command(maria, '/kudos', `<@${alice}> ${TYPED[0]} #Ownership`);
  await h.emulator.waitFor(() => h.emulator.ephemerals(maria).length > 0);

  await h.driver.command(maria, '/oneonone', `<@${alice}>`);
  await h.emulator.waitFor(() => h.emulator.ephemerals(maria).length > 1);
  await h.driver.clickButton(maria, { actionId: PREP_LOG_ACTION });
  await h.emulator.waitFor(() => h.emulator.openView(maria));
  const fill: Record<string, Record<string, string | string[]>> = {};
  for (const [block, v] of Object.entries({ [LOG_NOTES_BLOCK]: TYPED[1]!, [itemTextBlock(0)]: TYPED[2]!, [itemOwnerBlock(0)]: alice, [LOG_ENERGY_BLOCK]: '4', [LOG_OPTIONS_BLOCK]: ['summary'] })) fill[block] = { [LOG_VALUE_ACTION]: v };
  h.driver.fillView(maria, fill);
  expect((await h.driver.submitView(maria)).errors ?? {}).toEqual({});
  await h.emulator.waitFor(() => h.emulator.dms(alice).some((m) => m.text.includes('Summary')));

  await h.leadwell.scheduler.runNow('pulse');
  const linesBeforePulse = h.logs.length;
  await h.driver.clickButton(alice, { actionId: 'pulse_answer_open', where: 'last-dm' });
  await h.emulator.waitFor(() => h.emulator.openView(alice));
  h.driver.fillView(alice, { pulse_rating: { rating: '2' }, pulse_comment: { comment: TYPED[3]! } });
  expect((await h.driver.submitView(alice)).errors ?? {}).toEqual({});
  await h.emulator.waitFor(() => JSON.stringify(h.emulator.dms(alice).at(-1)).includes('your answer is in'));

  // The pulse requests: lines may exist (Bolt, the Web API client) but none says who (user, DM channel).
  const pulseLines = h.logs.slice(linesBeforePulse).join('');
  const dmChannel = h.emulator.dms(alice).at(-1)!.channel;
  expect(pulseLines.length).toBeGreaterThan(0); // trace really logs here, so the check below means something
  expect(pulseLines).not.toContain(alice);
  expect(pulseLines).not.toContain(dmChannel);

  const secrets = privateStrings(h.emulator, TYPED);
  expect(secrets).toEqual(expect.arrayContaining([...TYPED, 'alice@example.com']));
  expect(leaks(h.logs, secrets)).toEqual([]);
  expect(h.logs.join('')).toContain('apiCall('); // the Web API client's lines are there, without their bodies
});
