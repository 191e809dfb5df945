import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { ADMIN_SUBCOMMANDS, hostileTexts, rowCounts, SUBCOMMANDS } from './hostile';
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
    const failures: string[] = [];
    let answered = 0;
    for (const sub of SUBCOMMANDS[command] ?? []) {
      for (const [name, text] of hostileTexts(t)) {
        const label = `${command} ${sub.trim() || '(no subcommand)'} + ${name}`;
        const rowsBefore = await rowCounts(t);
        const probe = await probeCommand(t, user, command, `${sub}${text}`, label);
        if (probe.answer) answered += 1;
        const rowsAfter = await rowCounts(t);
        // Empty or blank text leaves a documented subcommand, which is valid input (`/coach nudge preview` may cache);
        // anything hostile must write nothing.
        const valid = name === 'empty' || name === 'whitespace';
        for (const table of Object.keys(rowsAfter)) if (!valid && rowsAfter[table] !== rowsBefore[table]) failures.push(`${label}: wrote to ${table}`);
        for (const p of probe.problems) failures.push(`${label}: ${p}`);
      }
    }
    expect(failures).toEqual([]);
    expect(answered).toBe((SUBCOMMANDS[command] ?? []).length * hostileTexts(t).length);
    // Still serving: the help list comes back.
    const help = await probeCommand(t, user, '/coach', 'help', 'follow-up');
    expect(help).toMatchObject({ status: 200, answer: 'ephemeral', problems: [] });
    expect(JSON.stringify(t.emulator.ephemerals(user).at(-1))).toContain('/oneonone');
    expect(t.emulator.violations()).toEqual([]);
  }, 180000);
});

describe('admin-only subcommands with hostile text', () => {
  it('answer the admin privately and cleanly and change nothing', async () => {
    const admin = t.people.admin;
    const before = await rowCounts(t);
    const failures: string[] = [];
    for (const [command, sub] of ADMIN_SUBCOMMANDS) {
      for (const [name, text] of hostileTexts(t)) {
        const label = `${command} ${sub.trim()} + ${name}`;
        const probe = await probeCommand(t, admin, command, `${sub.replace('{alice}', t.people.alice)}${text}`, label);
        for (const p of probe.problems) failures.push(`${label}: ${p}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(t)).toEqual(before);
    expect(t.emulator.violations()).toEqual([]);
  }, 180000);
});
