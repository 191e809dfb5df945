import { limitViolations, modalLimits } from '../one-on-ones/block-limits';
import type { GoalView } from '../../src/domain/goal';
import type { DevelopmentPlan } from '../../src/domain/development-plan';
import { goalModal, GOAL_KIND_BLOCK } from '../../src/slack/ui/goal-modal';
import { checkInModal } from '../../src/slack/ui/goal-check-in-modal';
import { goalListMessage, goalReportMessage, goalUpdatePicker, goalHelpMessage } from '../../src/slack/ui/goal-messages';
import { goalReminderMessage } from '../../src/slack/ui/goal-reminder';
import { goalsHomeBlocks } from '../../src/slack/ui/goal-home-blocks';
import { prepGoalBlocks, prepPlanBlocks } from '../../src/slack/ui/goal-prep-blocks';
import { planModal } from '../../src/slack/ui/plan-modal';

const LONG = 'x'.repeat(150);
function goal(i: number, extra: Partial<GoalView> = {}): GoalView {
  return {
    id: i, ownerId: 'UA', kind: 'personal', visibility: 'manager', title: `<!channel> ${LONG}`.slice(0, 150), why: 'w'.repeat(1000), measure: 'm'.repeat(1000),
    dueOn: '2027-01-15', status: 'at-risk', progress: 40, createdAt: 0, updatedAt: 0, quietDays: 20, stale: true,
    latest: { id: i, goalId: i, authorId: 'UM', status: 'at-risk', progress: 40, note: `<@U123> ${'n'.repeat(1000)}`, createdAt: 0 },
    ...extra,
  };
}
const many = Array.from({ length: 40 }, (_, i) => goal(i + 1));
const plan: DevelopmentPlan = {
  personId: 'UA', strengths: 's'.repeat(2000), areasToGrow: 'a'.repeat(2000), careerDirection: 'c'.repeat(2000),
  nextSteps: Array.from({ length: 5 }, (_, i) => ({ text: `step ${i} ${'t'.repeat(290)}`, targetOn: '2027-02-01', status: 'in-progress' as const })),
  suggestions: Array.from({ length: 12 }, (_, i) => ({ id: i + 1, authorId: 'UM', text: `idea ${i} ${'i'.repeat(990)}`, createdAt: 0 })),
  version: 3, updatedBy: 'UM', updatedAt: 1,
};

describe('goal Block Kit builders stay inside Slack\'s limits with the longest inputs', () => {
  it('messages: list, picker, help, reminder, report', () => {
    for (const m of [goalListMessage(many), goalUpdatePicker(many), goalHelpMessage({ remindersOn: true, isManager: false }), goalReminderMessage(many), goalReportMessage({ 'on-track': 1, 'at-risk': 2, 'off-track': 3, done: 4, total: 10, stale: 5, private: 6, owners: 7 })]) {
      expect(limitViolations(m.blocks, 'message')).toEqual([]);
      expect(m.text.length).toBeGreaterThan(0);
    }
    expect(goalListMessage(many).blocks.length).toBeLessThanOrEqual(50);
  });

  it('never lets a title or note ping anyone', () => {
    const text = JSON.stringify([goalListMessage(many).blocks, goalsHomeBlocks({ mine: many, teamGoals: many, reports: [], plan, remindersOn: true }, 'UA'), prepGoalBlocks(many, 'Alice')]);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U123>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('modals: goal (create and edit, with and without team), check-in with history, plan (owner and manager)', () => {
    const views = [
      goalModal({ canTeam: true, today: '2026-11-27', hasManager: true, metadata: { origin: 'home' } }),
      goalModal({ goal: goal(1, { kind: 'team' }), canTeam: false, today: '2026-11-27', hasManager: false, metadata: { goalId: 1 } }),
      checkInModal({ goal: goal(2), history: Array.from({ length: 5 }, (_, i) => ({ ...goal(2).latest!, id: i })), authorNames: { UM: 'Maria' }, viewerId: 'UA', metadata: { goalId: 2 } }),
      planModal({ plan, role: 'owner', personName: 'Alice', names: { UM: 'Maria' }, today: '2026-11-27', updatedOn: '2026-11-20' }),
      planModal({ plan, role: 'manager', personName: 'Alice', names: { UM: 'Maria' }, today: '2026-11-27', updatedOn: '2026-11-20' }),
    ];
    for (const v of views) {
      expect(limitViolations(v.blocks, 'modal')).toEqual([]);
      expect(v.title.text.length).toBeLessThanOrEqual(modalLimits.title);
      expect((v.submit?.text ?? '').length).toBeLessThanOrEqual(modalLimits.submit);
      expect((v.private_metadata ?? '').length).toBeLessThanOrEqual(modalLimits.metadata);
    }
    // Team goals are offered to managers only (and kept on an existing team goal).
    expect(JSON.stringify(views[0]!.blocks)).toContain(GOAL_KIND_BLOCK);
    expect(JSON.stringify(goalModal({ canTeam: false, today: '2026-11-27', hasManager: true, metadata: {} }).blocks)).not.toContain(GOAL_KIND_BLOCK);
    expect(JSON.stringify(views[1]!.blocks)).toContain(GOAL_KIND_BLOCK);
    // The suggestion box is the manager's; "mark handled" is the owner's.
    expect(JSON.stringify(views[3]!.blocks)).toContain('plan_resolved');
    expect(JSON.stringify(views[3]!.blocks)).not.toContain('plan_suggestion');
    expect(JSON.stringify(views[4]!.blocks)).toContain('plan_suggestion');
    expect(JSON.parse(views[4]!.private_metadata!)).toEqual({ personId: 'UA', version: 3 });
  });

  it('App Home section and prep card blocks are bounded however many goals and reports there are', () => {
    const reports = Array.from({ length: 30 }, (_, i) => ({ id: `UR${i}`, name: `Report ${i}`, goals: i % 2 ? many.slice(0, 6) : [] }));
    const home = goalsHomeBlocks({ mine: many, teamGoals: many, reports, plan, remindersOn: true, planUpdatedOn: '2026-11-20', planUpdatedByName: 'Maria' }, 'UM');
    expect(home.length).toBeLessThanOrEqual(22);
    expect(limitViolations(home, 'modal')).toEqual([]);
    const prep = [...prepGoalBlocks(many, 'Alice'), ...prepPlanBlocks({ personId: 'UA', canOpen: true, hasPlan: true, careerDirection: 'c'.repeat(2000), openSteps: plan.nextSteps, careerDue: true, careerQuestions: ['q1', 'q2'] }, 'Alice')];
    expect(prep.length).toBeLessThanOrEqual(9);
    expect(limitViolations(prep, 'message')).toEqual([]);
  });

  it('shows an Update button on the prep card only where the viewer may check in', () => {
    const blocks = prepGoalBlocks([{ ...goal(1), canUpdate: true }, { ...goal(2), canUpdate: false }, { ...goal(3), canUpdate: true, status: 'done' }], 'Alice');
    const buttons = blocks.filter((b) => 'accessory' in b && b.accessory).map((b) => (b as { accessory: { value: string } }).accessory.value);
    expect(buttons).toEqual(['1']);
    expect(prepPlanBlocks({ personId: 'UA', canOpen: false, hasPlan: true, openSteps: [], careerDue: false, careerQuestions: [] }, 'Alice')).toEqual([]);
  });
});
