import { z } from 'zod';
import { DomainError } from './errors';
import type { LevelInfo, LevelService } from './levels';
import type { PeopleRepository, Person } from './people';
import { LEVELS, type Clock, type EventLog } from './ports';

export const CADENCE_MIN = 1;
export const CADENCE_MAX = 180;

/** What the settings modal (or a quick button) may change; every field optional, so a button changes one. */
export const settingsInputSchema = z
  .object({
    level: z.enum([...LEVELS, 'auto']).optional(),
    cadenceDays: z.number().int().min(CADENCE_MIN).max(CADENCE_MAX).optional(),
    /** Working days only, as the weekly nudge sends them (nudge-schedule.ts); 1 = Monday. */
    nudgeDay: z.number().int().min(1).max(5).optional(),
    nudgeHour: z.number().int().min(0).max(23).optional(),
    nudgesPaused: z.boolean().optional(),
  })
  .strict();

export type SettingsInput = z.infer<typeof settingsInputSchema>;

export interface PersonalSettings {
  level: LevelInfo;
  cadenceDays: number;
  nudgeDay: number;
  nudgeHour: number;
  nudgesPaused: boolean;
  snoozedUntil?: number;
  tz: string;
}

export interface SettingsService {
  get(personId: string): Promise<PersonalSettings>;
  /** Applies at once; returns the settings as they now are. A bad value throws a DomainError naming the field. */
  update(personId: string, input: unknown): Promise<PersonalSettings>;
}

const FIELD_MESSAGES: Record<string, string> = {
  cadenceDays: `Pick a number of days from ${CADENCE_MIN} to ${CADENCE_MAX}.`,
  nudgeDay: 'Nudges go out on working days only: pick Monday to Friday.',
  nudgeHour: 'Pick an hour from 00:00 to 23:00.',
  level: 'Pick frontline, mid-level, executive or automatic.',
  nudgesPaused: 'Tick the box or leave it empty.',
};

export function createSettingsService(deps: { people: PeopleRepository; levels: LevelService; clock: Clock; events: EventLog }): SettingsService {
  const { people, levels, clock } = deps;

  async function known(personId: string): Promise<Person> {
    const p = await people.get(personId);
    if (!p) throw new DomainError('person_unknown', 'Open the Leadwell Home tab once so I know who you are, then try again.');
    return p;
  }

  async function get(personId: string): Promise<PersonalSettings> {
    const p = await known(personId);
    return {
      level: await levels.levelOf(personId),
      cadenceDays: p.cadenceDays,
      nudgeDay: p.nudgeDay,
      nudgeHour: p.nudgeHour,
      nudgesPaused: p.nudgesPaused,
      snoozedUntil: p.snoozedUntil,
      tz: p.tz,
    };
  }

  return {
    get,
    async update(personId, raw) {
      await known(personId);
      const parsed = settingsInputSchema.safeParse(raw);
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? 'settings');
        throw new DomainError('settings_invalid', FIELD_MESSAGES[field] ?? 'That setting could not be read.', field);
      }
      const { level, ...rest } = parsed.data;
      const before = await get(personId);
      // Resuming also ends a snooze, as `/coach nudges on` does: "resume" means the next slot sends.
      const resume = rest.nudgesPaused === false && before.nudgesPaused ? { snoozedUntil: null } : {};
      if (Object.keys(rest).length > 0) await people.updateSettings(personId, { ...rest, ...resume }, clock.now());
      if (level !== undefined) {
        const current = before.level.source === 'inferred' ? 'auto' : before.level.level;
        // Re-saving the form must not turn an admin's or an inferred level into a self-set one.
        if (level !== current) await levels.setOwn(personId, level);
      }
      const after = await get(personId);
      const changed = (Object.keys(rest) as Array<keyof typeof rest>).filter((k) => before[k] !== after[k]);
      if (changed.length > 0) await deps.events.append({ kind: 'settings.changed', actorId: personId, subjectId: personId, data: { fields: changed } }, clock.now());
      return after;
    },
  };
}
