import { prepCardMessage, PREP_LEVEL_ACTION, reportOfLevelBlock } from '../../src/slack/ui/prep-card';
import { logModal, itemTextBlock, doneBlock } from '../../src/slack/ui/one-on-one-log-modal';
import { historyMessage } from '../../src/slack/ui/one-on-one-history';
import { teamListMessage } from '../../src/slack/ui/one-on-one-team';
import { summaryDm, agendaDm } from '../../src/slack/ui/one-on-one-messages';
import { logSavedView } from '../../src/slack/ui/one-on-one-log-saved';
import { oneOnOneHelpMessage } from '../../src/slack/ui/one-on-one-help';
import type { PrepCard } from '../../src/domain/prep-card';
import type { ActionItem } from '../../src/domain/one-on-ones';
import { limitViolations, modalLimits } from './block-limits';

const item = (id: number, text: string, ownerId = 'UALICE'): ActionItem => ({
  id, oneOnOneId: 1, managerId: 'UMGR', reportId: 'UALICE', ownerId, text, createdAt: id, heldOn: '2026-11-10',
});

function card(over: Partial<PrepCard> = {}): PrepCard {
  return {
    manager: { id: 'UMGR', name: 'Maria', tz: 'UTC', level: 'frontline', levelSource: 'inferred' },
    report: { id: 'UALICE', name: 'Alice' },
    cadence: { state: 'overdue', cadenceDays: 14, daysSince: 20, overdueBy: 6, dueOn: '2026-11-21' },
    today: '2026-11-27',
    situation: 'overdue',
    guidance: {
      id: 'g1', title: 'Reconnect', body: 'b'.repeat(5000), askFirst: 'q1', ask: ['q2', 'q3', 'q4', 'q5'],
      reflect: ['r'.repeat(200) + '?', 'r2?', 'r3?'], say: 's'.repeat(240), ifPushback: 'p'.repeat(300), hrCheck: 'Check with HR '.repeat(14),
    },
    questions: ['q1', 'q2', 'q3', 'q4', 'q5'],
    itemIds: ['g1', 'g2'],
    openItems: Array.from({ length: 10 }, (_, i) => item(i + 1, `x${'y'.repeat(600)}`)),
    moreOpenItems: 3,
    recognition: [{ giverId: 'UBOB', value: 'ownership', message: 'Line one <!channel>\nline two', at: 1 }],
    ...over,
  };
}

describe('prep card', () => {
  it('stays inside Block Kit limits with everything at its longest', () => {
    const msg = prepCardMessage(card({ report: { id: 'UALICE', name: 'A'.repeat(300) }, goals: Array.from({ length: 20 }, () => ({ title: 'g'.repeat(400) })) }));
    expect(limitViolations(msg.blocks, 'message')).toEqual([]);
    expect(msg.text.length).toBeGreaterThan(0);
  });

  it('escapes user text, shows the level menu and hides the goals slot until goals exist', () => {
    const msg = prepCardMessage(card());
    const json = JSON.stringify(msg.blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('line two');
    expect(json).not.toContain('*Goals*');
    const level = msg.blocks.find((b) => 'accessory' in b && (b.accessory as { action_id?: string })?.action_id === PREP_LEVEL_ACTION);
    expect(reportOfLevelBlock((level as { block_id: string }).block_id)).toBe('UALICE');
    expect(JSON.stringify(prepCardMessage(card({ goals: [{ title: 'Ship v2', dueOn: '2026-12-01' }] })).blocks)).toContain('Ship v2');
  });

  it('has no level menu when an admin set the level', () => {
    const msg = prepCardMessage(card({ manager: { id: 'UMGR', name: 'Maria', tz: 'UTC', level: 'executive', levelSource: 'admin' } }));
    expect(JSON.stringify(msg.blocks)).not.toContain(PREP_LEVEL_ACTION);
    expect(JSON.stringify(msg.blocks)).toContain('set by your Leadwell admin');
  });
});

describe('log modal', () => {
  it('fits ten rows and fifty open items in one modal', () => {
    const view = logModal({
      meta: { r: 'UALICE', n: 10, u: `https://hooks.slack.com/commands/T1/${'9'.repeat(60)}` },
      managerId: 'UMGR',
      reportName: 'A'.repeat(200),
      today: '2026-11-27',
      openItems: Array.from({ length: 50 }, (_, i) => item(i + 1, 'z'.repeat(500))),
      draft: { notes: 'kept', items: [{ row: 9, text: 'kept item', ownerId: 'UMGR' }], doneItemIds: [3], energy: 4, sendSummary: true },
    });
    expect(limitViolations(view.blocks, 'modal')).toEqual([]);
    expect(view.title.text.length).toBeLessThanOrEqual(modalLimits.title);
    expect(view.private_metadata!.length).toBeLessThanOrEqual(modalLimits.metadata);
    expect(view.blocks.some((b) => b.block_id === itemTextBlock(9))).toBe(true);
    expect(view.blocks.some((b) => b.block_id === doneBlock(4))).toBe(true);
    expect(JSON.stringify(view)).not.toContain('Add another item');
    expect(JSON.stringify(view)).toContain('kept item');
  });
});

describe('other messages', () => {
  it('history shows notes only on the viewer own entries, even when handed others', () => {
    const base = { reportId: 'UALICE', heldAt: 1, careerTalk: false, summarySent: false, createdAt: 1, items: [] };
    const msg = historyMessage({
      viewerId: 'UMGR', reportId: 'UALICE', reportName: 'Alice',
      entries: [
        { ...base, id: 2, managerId: 'UMGR', heldOn: '2026-11-20', notes: 'mine' },
        { ...base, id: 1, managerId: 'UBOB', heldOn: '2026-11-01', notes: 'not mine' },
      ],
    });
    const json = JSON.stringify(msg);
    expect(json).toContain('mine');
    expect(json).not.toContain('not mine');
    expect(limitViolations(msg.blocks, 'message')).toEqual([]);
  });

  it('team list, help, DMs and the saved view stay within limits', () => {
    const rows = Array.from({ length: 80 }, (_, i) => ({ id: `U${i}`, name: `P${i}`, cadence: { state: 'first' as const, cadenceDays: 14 } }));
    const result = {
      oneOnOneId: 1, created: true, managerId: 'UMGR', reportId: 'UALICE', heldOn: '2026-11-27', nextDueOn: '2026-12-11',
      items: [{ ownerId: 'UALICE', text: '<@UHACK> do it' }], completed: [item(1, 'old')], relationship: 'other-manager' as const, otherManagerId: 'UBOB', sendSummary: true,
    };
    for (const m of [teamListMessage(rows), oneOnOneHelpMessage(), summaryDm(result), agendaDm({ managerId: 'UMGR', reportId: 'UALICE', questions: ['q'], openItems: [item(1, 'a')] })]) {
      expect(limitViolations(m.blocks, 'message')).toEqual([]);
      expect(m.text.length).toBeGreaterThan(0);
    }
    expect(JSON.stringify(summaryDm(result))).toContain('&lt;@UHACK&gt;');
    const saved = JSON.stringify(logSavedView(result));
    expect(saved).toContain('<@UBOB>');
    expect(saved).toContain('Home');
  });
});

describe('the limit checker itself', () => {
  it('catches too many blocks and an overlong button', () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x'.repeat(76) }, action_id: 'a' }] }));
    expect(limitViolations(blocks, 'message')).toEqual(expect.arrayContaining(['51 blocks > 50', 'button.text: 76 > 75']));
  });
});
