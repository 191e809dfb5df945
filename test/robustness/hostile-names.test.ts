import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { PREP_SEND_AGENDA_ACTION } from '../../src/slack/ui/prep-card';

/**
 * Issue 15 item 5: a display name is whatever its owner typed in their Slack profile. Rendered into mrkdwn
 * unescaped it becomes a live `<!channel>` or a disguised link. Each surface that shows a report's name is
 * driven through the real receiver with such a name, and every mrkdwn string it produced is checked.
 */
const HOSTILE = '<!channel> <https://evil.example/login|Payroll> <@U0MANAGER> & co';
const LIVE = ['<!channel>', '<https://evil.example', '<@U0MANAGER>'];

/** Every string Slack would parse as mrkdwn: mrkdwn text objects and a message's top-level fallback text. */
function mrkdwnStrings(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => mrkdwnStrings(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) if (typeof v === 'object') mrkdwnStrings(v, out);
  }
  return out;
}

function expectInert(message: { text?: string; blocks?: unknown }): void {
  const texts = [message.text ?? '', ...mrkdwnStrings(message.blocks)];
  const joined = texts.join('\n');
  for (const live of LIVE) expect(joined).not.toContain(live);
  expect(joined).toContain('&lt;!channel&gt;');
}

let t: Harness;
let hostile: string;

beforeEach(async () => {
  t = await startHarness();
  hostile = t.emulator.addUser({ name: 'eve', realName: 'Eve Evil', displayName: HOSTILE, tz: 'UTC' }).id;
  await setTeam(t, t.people.manager, [hostile]);
});
afterEach(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

async function ephemeralAfter(text: string) {
  const maria = t.people.manager;
  const before = t.emulator.ephemerals(maria).length;
  expect((await t.driver.command(maria, '/oneonone', text)).status).toBe(200);
  await t.emulator.waitFor(() => t.emulator.ephemerals(maria).length > before, { timeoutMs: 4000 });
  return t.emulator.ephemerals(maria).at(-1)!;
}

describe('a hostile Slack display name stays text', () => {
  it('in the prep card, including the agenda confirm dialog and the fallback text', async () => {
    const card = await ephemeralAfter(`<@${hostile}>`);
    expect(JSON.stringify(card.blocks)).toContain(PREP_SEND_AGENDA_ACTION);
    // The confirm dialog of "Send agenda" is mrkdwn and names the report.
    const confirm = JSON.stringify(card.blocks).match(/"confirm":\{"title".*?"text":\{"type":"mrkdwn","text":"(.*?)"\}/);
    expect(confirm?.[1]).toContain('&lt;!channel&gt;');
    expectInert(card);
  });

  it('in /oneonone history, empty and with entries', async () => {
    expectInert(await ephemeralAfter(`history <@${hostile}>`));
    await t.query(
      "INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, idempotency_key, created_at) VALUES (?, ?, '2026-11-27', ?, 'k', ?)",
      t.people.manager, hostile, t.clock.now() - 3 * 86_400_000, t.clock.now(),
    );
    const history = await ephemeralAfter(`history <@${hostile}>`);
    expect(history.text).toContain('1 shown');
    expect(history.text).toContain('&lt;!channel&gt;');
    for (const live of LIVE) expect(history.text).not.toContain(live);
  });
});
