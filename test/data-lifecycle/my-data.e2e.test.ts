import { startHarness, type Harness } from '../helpers/harness';
import { runPrivacyCli } from '../../src/cli/privacy';
import { NOTES_ABOUT_MARK } from '../../src/domain/privacy/person-export';
import { seedPrivacyWorld, TEXT } from './seed';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { cliDatabase } from '../helpers/cli-database';

/** `/coach my data` through the real app and the emulator's file upload; the HR export through the CLI. */
describe('a person\'s data export', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await seedPrivacyWorld(h);
  });
  let restoreCli = () => undefined as void;
  afterEach(async () => {
    restoreCli();
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
  });

  async function myData(userId: string): Promise<Record<string, unknown> & { text: string }> {
    const before = h.emulator.files().length;
    await h.driver.command(userId, '/coach', 'my data');
    const file = await h.emulator.waitFor(() => h.emulator.files().slice(before).find((f) => f.completed));
    expect(file.channels[0]).toMatch(/^D/);
    const text = file.bytes!.toString('utf8');
    return { ...(JSON.parse(text) as Record<string, unknown>), text };
  }

  it('a report gets their goals, kudos both ways, 1:1 dates and the shared summary, never the notes about them', async () => {
    const mine = await myData(h.people.alice);
    expect(mine.audience).toBe('self');
    expect(mine.text).toContain(TEXT.goalOfAlice);
    expect(mine.text).toContain(TEXT.kudosFromAlice);
    expect(mine.text).toContain(TEXT.kudosToAlice);
    expect(mine.text).toContain(TEXT.itemForAlice); // the summary was shared with her
    expect(mine.text).toContain('2026-11-27');
    expect(mine.text).toContain(TEXT.notesByAlice); // notes she wrote are hers
    expect(mine.text).not.toContain(TEXT.notesAboutAlice);
    expect(mine.text).not.toContain('notes about bob');
    expect(mine.text).not.toContain(NOTES_ABOUT_MARK);
    expect(JSON.stringify(await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.alice).at(-1)))).toContain('in your DM');
  });

  it('a manager gets the notes they wrote and not the ones about them; a stranger gets only their own', async () => {
    const maria = await myData(h.people.manager);
    expect(maria.text).toContain(TEXT.notesAboutAlice);
    expect(maria.text).toContain('notes about bob');
    expect(maria.text).not.toContain(TEXT.notesByAlice);
    expect(maria.text).not.toContain(TEXT.goalOfAlice); // Alice's goal is hers, even if Maria may see it in the app
    const carol = await myData(h.people.carol);
    expect(carol.text).not.toContain(TEXT.notesByAlice);
    expect(carol.text).not.toContain(TEXT.notesAboutAlice);
    expect(carol.text).not.toContain(TEXT.kudosFromAlice);
  });

  it('command text naming someone else never exports them, and an unsent 1:1\'s items the manager owns stay out of the report\'s file', async () => {
    const { manager, bob } = h.people;
    const managersItem = 'MANAGER-ONLY-item-about-bob-promotion';
    const logged = await h.leadwell.slack.deps.oneOnOnes.submitLog(
      manager,
      { reportId: bob, heldOn: '2026-11-28', notes: '', items: [{ row: 0, ownerId: manager, text: managersItem }], doneItemIds: [], careerTalk: false, sendSummary: false },
      'my-data-unsent',
    );
    expect(logged.ok).toBe(true);
    const files = h.emulator.files().length;
    for (const text of [`my data <@${bob}>`, `my data ${bob}`, `my <@${bob}> data`]) {
      const before = h.emulator.ephemerals(h.people.alice).length;
      await h.driver.command(h.people.alice, '/coach', text);
      expect(JSON.stringify(await h.emulator.waitFor(() => h.emulator.ephemerals(h.people.alice)[before]))).toContain('Did you mean `/coach my data`');
    }
    expect(h.emulator.files().length).toBe(files);
    const bobs = await myData(bob);
    expect(bobs.person_id).toBe(bob);
    expect(bobs.text).toContain('2026-11-28');
    expect(bobs.text).not.toContain(managersItem);
    expect((await myData(manager)).text).toContain(managersItem); // it is the manager's own
  });

  it('HR\'s full export includes the notes written about the person, clearly marked, and is audited', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const cli = cliDatabase(h);
    restoreCli = cli.restore;
    const env = { ...cli.env, LEADWELL_DATA_KEY: TEST_DATA_KEY };
    expect(await runPrivacyCli(['export', h.people.alice], env, io, h.clock)).toBe(0);
    const hr = JSON.parse(out.join('\n')) as { audience: string; private_notes_about_this_person: number };
    const text = out.join('\n');
    expect(hr.audience).toBe('hr');
    expect(hr.private_notes_about_this_person).toBe(1);
    expect(text).toContain(TEXT.notesAboutAlice);
    expect(text).toContain(NOTES_ABOUT_MARK);
    expect(text).toContain(TEXT.goalOfAlice);
    expect(await runPrivacyCli(['export', 'UNOBODY1'], env, io, h.clock)).toBe(1);
    expect(err.join('\n')).toContain('holds nobody');
    expect(await runPrivacyCli(['export', h.people.alice, '--aply'], env, io, h.clock)).toBe(2);
    expect(err.join('\n')).toContain("Unknown option '--aply'");
    const audited = await h.query("SELECT actor_id, subject_id, data FROM events WHERE kind = 'privacy.exported'");
    expect(audited).toEqual([{ actor_id: 'cli', subject_id: h.people.alice, data: '{"audience":"hr"}' }]);
  });
});
