import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import path from 'node:path';
import { freshDb } from '../helpers/db';
import { loadContent } from '../../src/content/loader';
import { createGuidanceSource } from '../../src/content/guidance-source';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createPeopleService } from '../../src/domain/people-service';
import { createOneOnOneRepository } from '../../src/storage/one-on-one-repository';
import { testSealer } from '../helpers/data-key';
import { createEventLog } from '../../src/storage/event-log';
import { createClaims } from '../../src/storage/claims';
import { createOneOnOneService } from '../../src/domain/one-on-ones-service';
import { createFixedClock } from '../../src/clock';
import { projectRoot } from '../../src/project-root';
import { NOW, fakeDirectory, profile } from './fixtures';
import { unitOfWork } from '../helpers/unit-of-work';

/** The prep card against the real prompts/ library and the real rotation. */
describe('prep card with the real content library', () => {
  const { db, cleanup } = freshDb();
  afterAll(cleanup);
  const clock = createFixedClock(NOW);
  const profiles = [profile('UMGR', 'Maria'), profile('UALICE', 'Alice')];
  const peopleRepo = createPeopleRepository(sqliteKysely(db));
  beforeAll(async () => {
    for (const p of profiles) await peopleRepo.upsertProfile(p, NOW);
  });
  const people = createPeopleService({ people: peopleRepo, directory: fakeDirectory(profiles), clock });
  const library = loadContent({ baseDir: path.join(projectRoot(), 'prompts') });
  const guidance = createGuidanceSource({ library, seen: createGuidanceSeenRepository(sqliteKysely(db)), clock });
  const oneOnOnes = createOneOnOneRepository(sqliteKysely(db), { sealer: testSealer() });
  const events = createEventLog(sqliteKysely(db));
  const service = createOneOnOneService({
    oneOnOnes, uow: unitOfWork(db, (trx) => ({ oneOnOnes: createOneOnOneRepository(trx, { sealer: testSealer() }), people: createPeopleRepository(trx), events: createEventLog(trx) })), people, guidance, events, claims: createClaims(sqliteKysely(db)), clock,
  });

  it('draws level-specific 1:1 guidance with 3–5 questions, never the same item twice in a row', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const card = await service.prep('UMGR', 'UALICE');
      expect(card.guidance).toBeDefined();
      expect(card.questions.length).toBeGreaterThanOrEqual(3);
      expect(card.questions.length).toBeLessThanOrEqual(5);
      expect(card.guidance?.body).not.toContain('{{');
      ids.push(card.guidance!.id);
      clock.advance(1000);
    }
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]).not.toBe(ids[i - 1]);
    const levels = new Set(ids.map((id) => library.items.find((x) => x.id === id)?.level));
    expect([...levels].every((l) => l === 'frontline' || l === 'all')).toBe(true);
  });

  it('switches to executive guidance after a level change', async () => {
    await service.setLevel('UMGR', 'executive');
    const card = await service.prep('UMGR', 'UALICE');
    expect(library.items.find((x) => x.id === card.guidance?.id)?.level).toMatch(/executive|all/);
    expect(card.guidance?.id.startsWith('fl-')).toBe(false);
  });
});
