import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { hostileTexts, rowCounts, SUBCOMMANDS } from './hostile';
import { probeCommand } from './probe';

let t: Harness;
beforeAll(async () => {
  t = await startHarness();
  await setTeam(t, t.people.manager, [t.people.alice, t.people.bob]);
});
afterAll(async () => {
  await t.stop();
});

describe.each(Object.keys(SUBCOMMANDS))('%s with hostile text', (command) => {
  it('answers every documented subcommand privately, cleanly, in time, without writing data', async () => {
    const user = t.people.manager;
    const before = rowCounts(t);
    const failures: string[] = [];
    let answered = 0;
    for (const sub of SUBCOMMANDS[command] ?? []) {
      for (const [name, text] of hostileTexts(t)) {
        const label = `${command} ${sub.trim() || '(no subcommand)'} + ${name}`;
        const probe = await probeCommand(t, user, command, `${sub}${text}`, label);
        if (probe.answer) answered += 1;
        for (const p of probe.problems) failures.push(`${label}: ${p}`);
      }
    }
    expect(failures).toEqual([]);
    expect(answered).toBe((SUBCOMMANDS[command] ?? []).length * hostileTexts(t).length);
    expect(rowCounts(t)).toEqual(before);
    // Still serving: the help list comes back.
    const help = await probeCommand(t, user, '/coach', 'help', 'follow-up');
    expect(help).toMatchObject({ status: 200, answer: 'ephemeral', problems: [] });
    expect(JSON.stringify(t.emulator.ephemerals(user).at(-1))).toContain('/oneonone');
    expect(t.emulator.violations()).toEqual([]);
  }, 180000);
});
