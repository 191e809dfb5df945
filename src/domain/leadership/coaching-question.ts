import type { GuidanceQuery, GuidanceSource, RenderedGuidance } from '../ports';

/**
 * The one question to ask from a rendered item, whichever content format is loaded: the v2 format's
 * `askFirst` (or its first `ask`), else the v1 format's first `questions` entry. Read through optional fields
 * so this compiles and works against either shape of RenderedGuidance.
 */
export function firstQuestionOf(g: RenderedGuidance): string | undefined {
  const parts = g as Partial<{ askFirst: string; ask: string[]; questions: string[] }>;
  return parts.askFirst ?? parts.ask?.[0] ?? parts.questions?.[0];
}

export interface CoachingQuestion {
  itemId: string;
  title: string;
  question: string;
}

/** The mid-level library's `developing-managers` topic, for a 1:1 with someone who manages people. */
export const DEVELOPING_MANAGERS: Omit<GuidanceQuery, 'personId'> = {
  level: 'mid-level',
  topic: 'developing-managers',
  situation: 'report-manages-others',
};

/** The next question in this person's rotation of `developing-managers` items; undefined if the library has none. */
export async function coachingQuestion(guidance: GuidanceSource, personId: string, vars: { name?: string } = {}): Promise<CoachingQuestion | undefined> {
  const g = await guidance.next({ personId, ...DEVELOPING_MANAGERS }, { name: vars.name });
  const question = g ? firstQuestionOf(g) : undefined;
  return g && question ? { itemId: g.id, title: g.title, question } : undefined;
}
