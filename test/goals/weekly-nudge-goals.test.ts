import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { createNudgeDigests } from '../../src/domain/nudge-digest';
import { createNudgeReadModel } from '../../src/storage/nudge-read-model';
import { createTipOfWeekStore } from '../../src/storage/tip-of-week-store';
import { nudgeMessage } from '../../src/slack/ui/nudge-message';
import type { GuidanceSource } from '../../src/domain/ports';
import { limitViolations } from '../one-on-ones/block-limits';
import { DAY, goalInput, goalsWorld, key, ORG } from './fixtures';

const noGuidance: GuidanceSource = { count: () => 0, topics: () => [], next: async () => undefined, byId: () => undefined };

describe('weekly nudge: a manager\'s goals with no check-in for 14 days', () => {
  it('lists them with an Update button each, and leaves out fresh, done and private-to-others goals', async () => {
    const t = freshDb();
    const w = await goalsWorld(t.db);
    try {
      const { goal: quiet } = await w.goals.create({ actorId: ORG.manager, raw: goalInput({ title: 'Hire two engineers', kind: 'team', visibility: 'team' }), requestKey: key() });
      const { goal: fresh } = await w.goals.create({ actorId: ORG.manager, raw: goalInput({ title: 'Fresh goal' }), requestKey: key() });
      await w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: 'Alice quiet goal' }), requestKey: key() });
      w.clock.advance(15 * DAY);
      await w.goals.checkIn({ actorId: ORG.manager, goalId: fresh.id, raw: { status: 'on-track' }, requestKey: key() });
      const digests = createNudgeDigests({ reads: createNudgeReadModel(sqliteKysely(t.db)), guidance: noGuidance, tips: createTipOfWeekStore(sqliteKysely(t.db)), levelOf: async () => 'frontline', clock: w.clock, goals: w.goals });
      const digest = await digests.build((await w.people.get(ORG.manager))!);
      expect(digest.type).toBe('weekly');
      if (digest.type !== 'weekly') return;
      expect(digest.staleGoals).toEqual({ shown: [{ id: quiet.id, title: 'Hire two engineers', quietDays: 15 }], more: 0 });
      const message = nudgeMessage(digest, w.clock.now());
      const text = JSON.stringify(message.blocks);
      expect(text).toContain('Hire two engineers');
      expect(text).not.toContain('Alice quiet goal');
      expect(text).toContain(`"action_id":"goal_check_in_open","text":{"type":"plain_text","text":"Update"},"value":"${quiet.id}"`);
      expect(limitViolations(message.blocks, 'message')).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});
