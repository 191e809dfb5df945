import type { GuidanceSource, Level, RenderedGuidance } from './ports';
import type { TipOfWeekStore } from './home';

/** Topics the weekly tip walks through, one lead topic per ISO week, so the tip varies in kind as well as text. */
export const TIP_TOPICS = ['recognition', 'feedback', 'coaching', 'development', 'delegation', 'culture', 'goals', 'wellbeing'];

/**
 * This week's tip for a person: the one already picked this week (App Home and the weekly nudge show the
 * same tip), else the next unseen item of the week's lead topic, falling through the topics the level has.
 * `read`: the person's kept tip (whatever its week), when the caller has just read it with other things; without
 * it the store is asked.
 */
export async function tipOfWeek(
  deps: { guidance: GuidanceSource; tips: TipOfWeekStore; now: number },
  person: { id: string; cadenceDays: number },
  level: Level,
  week: string,
  read?: { kept?: { week: string; itemId: string } },
): Promise<RenderedGuidance | undefined> {
  const vars = { name: 'your report', cadence_days: person.cadenceDays };
  const kept = read ? (read.kept?.week === week ? read.kept.itemId : undefined) : await deps.tips.get(person.id, week);
  const again = kept ? deps.guidance.byId(kept, vars) : undefined;
  if (again) return again;
  const weekNo = Number(week.slice(-2));
  for (let i = 0; i < TIP_TOPICS.length; i += 1) {
    const topic = TIP_TOPICS[(weekNo + i) % TIP_TOPICS.length];
    const tip = await deps.guidance.next({ personId: person.id, level, topic }, vars);
    if (tip) {
      await deps.tips.set(person.id, week, tip.id, deps.now);
      return tip;
    }
  }
  return undefined;
}
