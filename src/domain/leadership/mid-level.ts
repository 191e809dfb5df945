import type { GuidanceSource } from '../ports';
import { compareAttention, mostNeedsAttention, type LeadershipIndex, type ManagerHabits } from './habits';
import { coachingQuestion, type CoachingQuestion } from './coaching-question';

/** Managers listed in the weekly nudge; the rest are a count (Block Kit: 50 blocks a message). */
export const MANAGERS_SHOWN = 8;

/**
 * The mid-level section of the weekly nudge: one line of habits per manager who reports to this person,
 * the one who most needs attention, and a question to ask them. Habits only: no report of theirs is named.
 */
export interface MidLevelSection {
  managers: ManagerHabits[];
  more: number;
  /** Undefined when nobody's habits are far enough from healthy to single out. */
  focus?: ManagerHabits;
  question?: CoachingQuestion;
}

/** Direct reports who manage people themselves: the managers this person coaches in their 1:1s. */
export function managersReportingTo(index: LeadershipIndex, personId: string): ManagerHabits[] {
  return (index.org.reportsOf.get(personId) ?? []).map((id) => index.habits(id)).filter((h): h is ManagerHabits => h !== undefined);
}

/** For anyone whose reports manage people; undefined for everyone else. */
export async function midLevelSection(index: LeadershipIndex, guidance: GuidanceSource, personId: string): Promise<MidLevelSection | undefined> {
  const managers = managersReportingTo(index, personId);
  if (managers.length === 0) return undefined;
  const ranked = [...managers].sort(compareAttention);
  const focus = mostNeedsAttention(ranked);
  const question = await coachingQuestion(guidance, personId, { name: focus ? firstName(focus.name) : undefined });
  return { managers: ranked.slice(0, MANAGERS_SHOWN), more: Math.max(0, ranked.length - MANAGERS_SHOWN), focus, question };
}

function firstName(name: string): string {
  return name.split(/\s+/)[0] ?? name;
}
