import { canCheckIn, canSeeGoal, GOAL_VISIBILITIES, GoalInputError, isStale, relationTo, validateCheckIn, validateGoalDraft } from '../../src/domain/goal';

const today = '2026-11-27';
const opts = { today, canTeam: false };

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    if (err instanceof GoalInputError) return err.fields;
    throw err;
  }
  throw new Error('expected a GoalInputError');
}

describe('goal input rules', () => {
  it('accepts a complete goal and trims it', () => {
    const d = validateGoalDraft({ title: '  Grow   the team ', why: ' because ', measure: '', dueOn: '2026-11-27', kind: 'personal', visibility: 'private' }, opts);
    expect(d).toEqual({ title: 'Grow the team', why: 'because', measure: '', dueOn: '2026-11-27', kind: 'personal', visibility: 'private' });
  });

  it('answers each bad field on its own', () => {
    const f = fieldsOf(() =>
      validateGoalDraft({ title: '   ', why: 'x'.repeat(1001), measure: 'm'.repeat(1001), dueOn: '2026-11-26', kind: 'team', visibility: 'everyone' }, opts),
    );
    expect(Object.keys(f).sort()).toEqual(['dueOn', 'kind', 'measure', 'title', 'visibility', 'why']);
    expect(f.dueOn).toMatch(/past/);
    expect(f.kind).toMatch(/managers/);
  });

  it('refuses a title over 150 characters, counting emoji as one', () => {
    expect(fieldsOf(() => validateGoalDraft({ title: 't'.repeat(151), visibility: 'private' }, opts)).title).toMatch(/151/);
    expect(validateGoalDraft({ title: '🎯'.repeat(150), visibility: 'private' }, opts).title).toHaveLength(300);
  });

  it('keeps an overdue due date the goal already had, and lets managers set team goals', () => {
    expect(validateGoalDraft({ title: 'a', dueOn: '2026-01-01', visibility: 'team', kind: 'team' }, { today, canTeam: true, keptDueOn: '2026-01-01' }).dueOn).toBe('2026-01-01');
    expect(fieldsOf(() => validateGoalDraft({ title: 'a', dueOn: '2026-02-30', visibility: 'team' }, opts)).dueOn).toMatch(/calendar/);
  });

  it('checks a check-in: status required, progress 0–100, done means 100 unless said', () => {
    expect(validateCheckIn({ status: 'at-risk', progress: ' 40% ', note: ' slipping ' })).toEqual({ status: 'at-risk', progress: 40, note: 'slipping' });
    expect(validateCheckIn({ status: 'done' }).progress).toBe(100);
    expect(validateCheckIn({ status: 'done', progress: '80' }).progress).toBe(80);
    for (const bad of ['101', '-1', '4.5', 'lots']) expect(fieldsOf(() => validateCheckIn({ status: 'on-track', progress: bad })).progress).toBeDefined();
    expect(Object.keys(fieldsOf(() => validateCheckIn({ status: 'meh', note: 'n'.repeat(1001) }))).sort()).toEqual(['note', 'status']);
  });
});

describe('who sees a goal', () => {
  const owner = { id: 'A', managerId: 'M' };
  const people = {
    owner,
    manager: { id: 'M' },
    peer: { id: 'B', managerId: 'M' },
    report: { id: 'R', managerId: 'A' },
    stranger: { id: 'S', managerId: 'X' },
    admin: { id: 'ADMIN' },
  };

  it('derives the relation from the reporting lines', () => {
    expect(Object.fromEntries(Object.entries(people).map(([k, p]) => [k, relationTo(p, owner)]))).toEqual({
      owner: 'owner', manager: 'manager', peer: 'peer', report: 'report', stranger: 'none', admin: 'none',
    });
    expect(relationTo({ id: 'M', deleted: true }, owner)).toBe('none');
  });

  it('applies one matrix: private to the owner, manager-shared to the manager, team to the circle', () => {
    const matrix = Object.fromEntries(
      GOAL_VISIBILITIES.map((v) => [v, Object.entries(people).filter(([, p]) => canSeeGoal({ visibility: v }, relationTo(p, owner))).map(([k]) => k)]),
    );
    expect(matrix).toEqual({ private: ['owner'], manager: ['owner', 'manager'], team: ['owner', 'manager', 'peer', 'report'] });
  });

  it('lets the owner and the manager (on a shared goal) check in, nobody else', () => {
    expect(canCheckIn({ visibility: 'private' }, 'manager')).toBe(false);
    expect(canCheckIn({ visibility: 'manager' }, 'manager')).toBe(true);
    expect(canCheckIn({ visibility: 'team' }, 'peer')).toBe(false);
    expect(canCheckIn({ visibility: 'private' }, 'owner')).toBe(true);
  });

  it('calls a goal stale after 14 quiet days, never a done or archived one', () => {
    const day = 86_400_000;
    const g = { status: 'on-track' as const, createdAt: 0, lastCheckInAt: undefined, archivedAt: undefined };
    expect(isStale(g, 13 * day)).toBe(false);
    expect(isStale(g, 14 * day)).toBe(true);
    expect(isStale({ ...g, lastCheckInAt: 10 * day }, 14 * day)).toBe(false);
    expect(isStale({ ...g, status: 'done' }, 30 * day)).toBe(false);
    expect(isStale({ ...g, archivedAt: 1 }, 30 * day)).toBe(false);
  });
});
