import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { runReportCli } from '../../src/cli/report';
import { sparkline } from '../../src/domain/sparkline';
import { createFixedClock } from '../../src/clock';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createReportService } from '../../src/domain/report-service';
import { orgReportMessage, teamReportMessage } from '../../src/slack/ui/report-message';
import { generateOrg, insertFixture } from './org-fixture';
import { testSealer } from '../helpers/data-key';

describe('npm run report -- --csv', () => {
  it('prints the same CSV as the export, for the whole org or one manager\'s part', async () => {
    const env = freshDb();
    const fx = generateOrg({ seed: 3 });
    insertFixture(env.db, fx);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const clock = createFixedClock(fx.now);
    expect(await runReportCli(['--csv', '--db', env.file], {}, io, clock)).toBe(0);
    const lines = out.join('').trim().split('\n');
    expect(lines[0]!.startsWith('manager_id,manager_name,level')).toBe(true);
    expect(lines).toHaveLength(22);
    expect(out.join('')).not.toContain('private note');
    out.length = 0;
    expect(await runReportCli(['--csv', '--db', env.file, '--manager', fx.frontline[2]!], {}, io, clock)).toBe(0);
    expect(out.join('').trim().split('\n')).toHaveLength(2);
    expect(await runReportCli(['--csv', '--db', env.file, '--manager', 'UIC00001'], {}, io, clock)).toBe(1);
    expect(err.join('')).toContain('Nobody reports to you');
    expect(await runReportCli([], {}, io, clock)).toBe(2);
    env.cleanup();
  });

  it('refuses a misspelt or unknown flag instead of exporting the whole organisation', async () => {
    const env = freshDb();
    insertFixture(env.db, generateOrg({ seed: 3 }));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runReportCli(['--csv', '--db', env.file, '--maneger', 'U1'], {}, io)).toBe(2);
    expect(err.join('\n')).toContain("Unknown option '--maneger'");
    expect(err.join('\n')).toContain('Usage: npm run report');
    expect(await runReportCli(['--csv', '--db', env.file, 'U1'], {}, io)).toBe(2);
    expect(err.join('\n')).toContain('Unexpected argument: U1');
    expect(await runReportCli(['--csv', '--db'], {}, io)).toBe(2);
    expect(out).toEqual([]);
    expect(await runReportCli(['--help'], {}, io)).toBe(0);
    env.cleanup();
  });
});

describe('report messages', () => {
  it('stay inside Block Kit limits for a big team and a big organisation', async () => {
    const env = freshDb();
    const fx = generateOrg({ seed: 5, ics: 800 });
    insertFixture(env.db, fx);
    const reports = createReportService({ reads: createReportReadModel(sqliteKysely(env.db)), pulse: createPulseRepository(sqliteKysely(env.db), { secret: 's', sealer: testSealer() }), clock: createFixedClock(fx.now), isAdmin: () => true, minResponses: 5 });
    for (const message of [teamReportMessage(await reports.team(fx.frontline[0]!)), teamReportMessage(await reports.team(fx.exec)), orgReportMessage(await reports.org('x'))]) {
      expect(message.text.length).toBeGreaterThan(0);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const b of message.blocks) {
        const text = (b as { text?: { text: string } }).text?.text ?? '';
        expect(text.length).toBeLessThanOrEqual(3000);
      }
    }
    expect(JSON.stringify(teamReportMessage(await reports.team(fx.frontline[0]!)))).toContain('more — the CSV export has everyone');
    env.cleanup();
  });

  it('sparklines scale a series to eight bars and mark missing weeks', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], { min: 0 })).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([undefined, 0.5, 1], { min: 0, max: 1 })).toBe('·▅█');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([])).toBe('');
  });
});
