import { attentionOf, mostNeedsAttention, trendOf, type ManagerHabits } from '../../src/domain/leadership/habits';
import { monthlySlot, planExecutiveDigests, type ExecutiveCandidate } from '../../src/domain/leadership/executive-schedule';
import { goalProgress } from '../../src/domain/leadership/org-goals';
import { firstQuestionOf } from '../../src/domain/leadership/coaching-question';
import { biggestChange, pickAction, type LevelHealth } from '../../src/domain/leadership/executive';
import type { RenderedGuidance } from '../../src/domain/ports';

const H = 3600_000;
const habits = (id: string, o: Partial<ManagerHabits> = {}): ManagerHabits => ({
  id, name: id, level: 'frontline', reports: 4, withinCadence: 4, withinCadenceBefore: 4, recognisedPeople30: 4, reportsRecognised30: 4,
  reportsRecognisedNow: 4, reportsRecognisedBefore: 4, nudgesSent: 4, nudgesActed: 4, score: 1, scoreBefore: 1, trend: 'steady', ...o,
});

describe('who most needs attention', () => {
  it('is the highest shortfall: outside cadence + not recognised + the drop against the previous 4 weeks', () => {
    const a = habits('a', { withinCadence: 2 }); // 0.5
    const b = habits('b', { reportsRecognised30: 1 }); // 0.75
    const c = habits('c', { withinCadence: 3, score: 0.5, scoreBefore: 0.9 }); // 0.25 + 0.4 = 0.65
    expect([a, b, c].map(attentionOf)).toEqual([0.5, 0.75, expect.closeTo(0.65)]);
    expect(mostNeedsAttention([a, b, c])?.id).toBe('b');
  });

  it('nobody is singled out below the threshold (0.5)', () => {
    expect(mostNeedsAttention([habits('a', { withinCadence: 3 }), habits('b', { reportsRecognised30: 3 })])).toBeUndefined();
    expect(mostNeedsAttention([habits('a', { withinCadence: 2 })])?.id).toBe('a');
  });

  it('ties: lower share within cadence, then the larger team, then the name', () => {
    const lowCadence = habits('x', { withinCadence: 2, reportsRecognised30: 4 }); // 0.5
    const lowRecognition = habits('y', { withinCadence: 4, reportsRecognised30: 2 }); // 0.5
    expect(mostNeedsAttention([lowRecognition, lowCadence])?.id).toBe('x');
    const small = habits('s', { reports: 4, withinCadence: 2 });
    const big = habits('t', { reports: 8, withinCadence: 4, reportsRecognised30: 8 });
    expect(mostNeedsAttention([small, big])?.id).toBe('t');
    expect(mostNeedsAttention([habits('Zed', { withinCadence: 2 }), habits('amy', { withinCadence: 2 })])?.id).toBe('amy');
  });

  it('a trend moves by 10 points or it is steady', () => {
    expect([trendOf(0.6, 0.5), trendOf(0.5, 0.6), trendOf(0.55, 0.5)]).toEqual(['up', 'down', 'steady']);
  });
});

describe('the executive digest slot: first working day of the local month, 09:00', () => {
  it('skips a weekend at the start of the month and follows the time zone', () => {
    // August 2026 starts on a Saturday: Monday 3 August, 09:00 in Tokyo is 00:00 UTC.
    expect(monthlySlot(Date.UTC(2026, 7, 10), 'Asia/Tokyo')).toEqual({ period: '2026-08', slotAt: Date.UTC(2026, 7, 3, 0, 0) });
    // 1 December 2026 is a Tuesday; New York is UTC−5 in winter.
    expect(monthlySlot(Date.UTC(2026, 11, 1, 14), 'America/New_York')).toEqual({ period: '2026-12', slotAt: Date.UTC(2026, 11, 1, 14, 0) });
    // In Auckland it is already 1 December while UTC is still 30 November.
    expect(monthlySlot(Date.UTC(2026, 10, 30, 21), 'Pacific/Auckland').period).toBe('2026-12');
  });

  it('honours pause, snooze and away like the weekly nudge; nothing before the slot or after the catch-up window', () => {
    const slot = Date.UTC(2026, 11, 1, 14);
    const c = (id: string, o: Partial<ExecutiveCandidate> = {}): ExecutiveCandidate => ({ id, tz: 'America/New_York', nudgesPaused: false, statusText: '', statusEmoji: '', ...o });
    const list = [c('ok'), c('paused', { nudgesPaused: true }), c('snoozed', { snoozedUntil: slot + H }), c('away', { statusEmoji: ':palm_tree:' })];
    expect(planExecutiveDigests(list, slot - 60_000)).toEqual([]);
    expect(planExecutiveDigests(list, slot + H).map((r) => [r.personId, r.kind, r.period, r.status, r.reason])).toEqual([
      ['ok', 'executive', '2026-12', 'planned', undefined],
      ['snoozed', 'executive', '2026-12', 'skipped', 'snoozed'],
      ['away', 'executive', '2026-12', 'skipped', 'away'],
    ]);
    expect(planExecutiveDigests(list, slot + 13 * H)).toEqual([]);
  });
});

describe('organisation goal progress', () => {
  const row = { slot: 1, metric: 'frontline-cadence', target: 80, deadline: '2027-03-31', baseline: 0.6, setBy: 'UA', setAt: Date.UTC(2026, 11, 1) };
  const halfway = row.setAt + (Date.UTC(2027, 3, 1) - row.setAt) / 2;
  it('met, on track (at or above the straight line from the baseline), behind, missed, no data', () => {
    expect(goalProgress(row, 0.8, halfway).status).toBe('met');
    expect(goalProgress(row, 0.71, halfway)).toMatchObject({ status: 'on-track', expected: expect.closeTo(0.7) });
    expect(goalProgress(row, 0.65, halfway).status).toBe('behind');
    expect(goalProgress(row, 0.75, Date.UTC(2027, 3, 1)).status).toBe('missed');
    expect(goalProgress(row, undefined, halfway).status).toBe('no-data');
  });
});

describe('the suggested action and the biggest change', () => {
  const level = (l: Partial<LevelHealth>): LevelHealth => ({ level: 'frontline', managers: 3, reports: 12, cadence: 0.9, cadenceBefore: 0.9, recognition: 0.5, recognitionBefore: 0.5, ...l });
  const culture = { teams: 4, reached: 4, reachedBefore: 4, pulse: { state: 'not-enough' as const, period: '2026-11' } };
  it('picks the habit furthest below healthy, else a real decline, else keep it going', () => {
    expect(pickAction([level({ cadence: 0.5 }), level({ level: 'mid-level', cadence: 0.7 })], culture).kind).toBe('cadence-frontline');
    expect(pickAction([level({})], { ...culture, reached: 1 }).kind).toBe('recognition-reach');
    const fall = biggestChange([level({ recognition: 0.3, recognitionBefore: 0.6 })]);
    expect(fall).toEqual({ level: 'frontline', metric: 'recognition', from: 0.6, to: 0.3 });
    expect(pickAction([level({})], culture, fall).kind).toBe('watch-decline');
    expect(pickAction([level({})], culture).kind).toBe('sustain');
    expect(biggestChange([level({ cadence: 0.92 })])).toBeUndefined();
  });
});

describe('the coaching question works with either content format', () => {
  const base = { id: 'ml-x', title: 't', body: 'b', topic: 'developing-managers', level: 'mid-level' } as const;
  it('v1 questions, v2 ask and ask_first', () => {
    expect(firstQuestionOf({ ...base, questions: ['What is one?'] } as unknown as RenderedGuidance)).toBe('What is one?');
    expect(firstQuestionOf({ ...base, ask: ['What first?', 'What second?'], askFirst: 'What second?', reflect: [] } as unknown as RenderedGuidance)).toBe('What second?');
    expect(firstQuestionOf({ ...base, ask: ['What first?'], reflect: [] } as unknown as RenderedGuidance)).toBe('What first?');
  });
});
