import { chaosPassed, formatReport, runChaos } from './run';

/** The short version of `npm run test:chaos` (which kills 100 times): the same harness, fewer kills. */
describe('crash safety: the real app killed with SIGKILL at random points of the send cycle', () => {
  it('sends every planned message exactly once or marks it uncertain; nothing is lost', async () => {
    const seed = 1818;
    const report = await runChaos({ kills: 6, seed, managers: 3, reportsEach: 2 });
    console.log(formatReport(report));
    expect(report.kills).toBe(6);
    expect(report.problems).toEqual([]);
    expect({ duplicates: report.duplicates, lost: report.lost }).toEqual({ duplicates: 0, lost: 0 });
    expect(chaosPassed(report)).toBe(true);
    // The run covered what it claims to: every kind was planned and sent.
    for (const kind of ['weekly', 'pulse', 'goal-reminder', 'kudos.post', 'kudos.recipient', 'kudos.confirm']) expect(report.plannedByKind[kind]).toBeGreaterThan(0);
    expect(report.sentOnce).toBeGreaterThan(0);
  }, 120_000);
});
