import type { KnownBlock } from '@slack/types';
import { limitViolations } from '../one-on-ones/block-limits';
import type { NudgeDigest, WeeklyDigest } from '../../src/domain/notifier';
import type { NudgeSchedule } from '../../src/domain/nudge-service';
import {
  NUDGE_CONTROLS_BLOCK, NUDGE_FEEDBACK_BLOCK, NUDGE_KUDOS_ACTION, NUDGE_NOT_USEFUL_ACTION, NUDGE_PAUSE_ACTION, NUDGE_PREP_ACTION,
  NUDGE_SNOOZE_ACTION, NUDGE_USEFUL_ACTION, nudgeMessage, parseNudgeValue, replaceBlock,
} from '../../src/slack/ui/nudge-message';
import { nudgePreviewMessage, nudgeStatusMessage, scheduleLine } from '../../src/slack/ui/nudge-replies';

const NOW = Date.UTC(2027, 2, 1, 9);
const DAY = 86_400_000;

function fullDigest(): WeeklyDigest {
  const ids = Array.from({ length: 5 }, (_, i) => `UR${i}ABC`);
  return {
    type: 'weekly', nudgeId: 123, personId: 'UM1', week: '2027-W09', cadenceDays: 14, teamSize: 40,
    overdue: { shown: ids.map((r, i) => (i === 4 ? { reportId: r, name: r } : { reportId: r, name: r, lastHeldOn: '2027-01-01', daysSince: 59, overdueBy: 45 })), more: 30 },
    unrecognised: { shown: ids.map((r, i) => ({ reportId: r, name: r, lastRecognisedAt: i === 0 ? undefined : NOW - 45 * DAY })), more: 12 },
    actionItems: { shown: Array.from({ length: 8 }, (_, i) => ({ id: i, text: `<!channel> & <https://evil|click> ${'x'.repeat(480)}`, reportId: 'UR0ABC', ageDays: i })), more: 4 },
    tip: { id: 'frontline-feedback-sbi', title: 'Give feedback <soon>', body: 'b'.repeat(5000), level: 'frontline' },
  };
}

const buttons = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => {
    const els = (b as { elements?: Array<{ type: string }> }).elements ?? [];
    const acc = (b as { accessory?: { type: string } }).accessory;
    return [...els, ...(acc ? [acc] : [])].filter((e) => e.type === 'button') as unknown as Array<{ action_id: string; value: string; text: { text: string } }>;
  });

describe('the nudge message', () => {
  it('a full digest stays inside every Block Kit limit', () => {
    const m = nudgeMessage(fullDigest(), NOW);
    expect(limitViolations(m.blocks, 'message')).toEqual([]);
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    // Slack refuses messages whose blocks are too long together (msg_blocks_too_long, ~13k characters of text).
    expect(JSON.stringify(m.blocks).length).toBeLessThan(12_000);
    expect(m.text).toBe('Your weekly Leadwell nudge: 35 1:1s to book, 17 people to recognise and 12 action items open.');
  });

  it('escapes action item text: no channel ping, no forged link', () => {
    const json = JSON.stringify(nudgeMessage(fullDigest(), NOW).blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil');
    expect(json).toContain('&lt;!channel&gt; &amp;');
    expect(json).toContain('Give feedback &lt;soon&gt;');
  });

  it('every button carries its nudge and report, and uses the exported action ids', () => {
    const bs = buttons(nudgeMessage(fullDigest(), NOW).blocks);
    const prep = bs.filter((b) => b.action_id === NUDGE_PREP_ACTION);
    const kudos = bs.filter((b) => b.action_id === NUDGE_KUDOS_ACTION);
    expect(prep.map((b) => parseNudgeValue(b.value))).toEqual(Array.from({ length: 5 }, (_, i) => ({ n: 123, r: `UR${i}ABC`, t: undefined })));
    expect(kudos).toHaveLength(5);
    expect(prep[0]!.text.text).toBe('Prep 1:1');
    expect(kudos[0]!.text.text).toBe('Give kudos');
    expect(bs.map((b) => b.action_id)).toEqual(expect.arrayContaining([NUDGE_SNOOZE_ACTION, NUDGE_PAUSE_ACTION, NUDGE_USEFUL_ACTION, NUDGE_NOT_USEFUL_ACTION]));
    expect(parseNudgeValue(bs.find((b) => b.action_id === NUDGE_USEFUL_ACTION)!.value)).toEqual({ n: 123, r: undefined, t: 'frontline-feedback-sbi' });
    expect(bs.map((b) => b.text.text)).toEqual(expect.arrayContaining(['Snooze a week', 'Pause nudges']));
  });

  it('describes each list entry', () => {
    const json = JSON.stringify(nudgeMessage(fullDigest(), NOW).blocks);
    expect(json).toContain('Week 9, 2027 · your team of 40');
    expect(json).toContain('*<@UR0ABC>* — last 1:1 59 days ago, 45 days past your 14-day target');
    expect(json).toContain('*<@UR4ABC>* — no 1:1 on record yet');
    expect(json).toContain('*<@UR1ABC>* — last recognised 45 days ago');
    expect(json).toContain('*<@UR0ABC>* — no kudos on record yet');
    expect(json).toContain('…and 30 more');
  });

  it('says so when all is caught up, and still offers the tip and controls', () => {
    const d: NudgeDigest = { ...fullDigest(), overdue: { shown: [], more: 0 }, unrecognised: { shown: [], more: 0 }, actionItems: { shown: [], more: 0 } };
    const m = nudgeMessage(d, NOW);
    expect(m.text).toBe('Your weekly Leadwell nudge: all caught up.');
    expect(JSON.stringify(m.blocks)).toContain('All caught up');
    expect(m.blocks.map((b) => (b as { block_id?: string }).block_id)).toEqual(expect.arrayContaining([NUDGE_FEEDBACK_BLOCK, NUDGE_CONTROLS_BLOCK]));
  });

  it('the onboarding nudge explains how to add the team', () => {
    const m = nudgeMessage({ type: 'onboarding', personId: 'U1', week: '2027-W09', nudgeId: 5, prepared: [] }, NOW);
    expect(m.text).toMatch(/add your team/);
    // The Home tab's button is "Add my team": the nudge names it as it is.
    expect(JSON.stringify(m.blocks)).toMatch(/press \*Add my team\*/);
    expect(limitViolations(m.blocks, 'message')).toEqual([]);
    expect(m.blocks.some((b) => (b as { block_id?: string }).block_id === NUDGE_FEEDBACK_BLOCK)).toBe(false); // no tip, no feedback row
  });

  it('a used button row is replaced by a confirmation', () => {
    const m = nudgeMessage(fullDigest(), NOW);
    const done: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: 'Snoozed' }] };
    const after = replaceBlock(m.blocks, NUDGE_CONTROLS_BLOCK, [done]);
    expect(after).toHaveLength(m.blocks.length);
    expect(buttons(after).some((b) => b.action_id === NUDGE_SNOOZE_ACTION)).toBe(false);
    expect(after).toContainEqual(done);
  });

  it.each([undefined, '', 'nope', '{"n":"1"}', '{"r":"<!channel>"}'])('rejects a forged value %j', (raw) => {
    const v = parseNudgeValue(raw);
    expect(v?.n).toBeUndefined();
    expect(v?.r).toBeUndefined();
  });
});

describe('schedule replies', () => {
  const base: NudgeSchedule = { day: 1, effectiveDay: 1, hour: 9, tz: 'Asia/Kolkata', paused: false, away: false, nextAt: Date.UTC(2027, 2, 8, 3, 30) };
  it('says when the next nudge comes in the person’s zone', () => {
    expect(scheduleLine(base)).toBe(':calendar: Your weekly nudge comes Mondays at 09:00 (Asia/Kolkata). Next: *Monday 8 March at 09:00*.');
  });
  it('explains a weekend setting, a pause and an away status', () => {
    expect(scheduleLine({ ...base, day: 6 })).toMatch(/You picked Saturday; nudges go out on working days, so it comes on Monday/);
    expect(scheduleLine({ ...base, paused: true, nextAt: undefined })).toMatch(/paused.*\/coach nudges on/);
    expect(scheduleLine({ ...base, away: true })).toMatch(/status says you are away/);
  });
  it('the status reply lists the commands; the preview says it is a preview and fits', () => {
    expect(JSON.stringify(nudgeStatusMessage(base, 'Saved.').blocks)).toContain('/coach nudges day tuesday 8');
    const p = nudgePreviewMessage(fullDigest(), base, NOW);
    expect(JSON.stringify(p.blocks[0])).toContain('Preview');
    expect(limitViolations(p.blocks, 'message')).toEqual([]);
  });
});
