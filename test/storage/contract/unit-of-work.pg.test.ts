import Database from 'better-sqlite3';
import { createUnitOfWork } from '../../../src/storage/unit-of-work';
import { sqliteKysely } from '../../../src/storage/sqlite-kysely';
import type { Executor } from '../../../src/storage/engine';
import { describeEachEngine } from '../../helpers/engines';
import { freshDb } from '../../helpers/db';

const T = 1_800_000_000_000;
const setting = (ex: Executor) => ({
  put: (key: string, value: string) => ex.insertInto('settings').values({ key, value, updated_at: T }).execute(),
  get: async (key: string) => (await ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value,
});

describeEachEngine('unit of work', (ctx) => {
  it('commits all of the work together', async () => {
    const uow = createUnitOfWork(ctx.db, setting);
    const result = await uow.run(async (s) => {
      await s.put('a', '1');
      await s.put('b', '2');
      return 'done';
    });
    expect(result).toBe('done');
    expect([await setting(ctx.db).get('a'), await setting(ctx.db).get('b')]).toEqual(['1', '2']);
  });

  it('rolls all of it back when the work fails, and hands the error on', async () => {
    const uow = createUnitOfWork(ctx.db, setting);
    await expect(uow.run(async (s) => {
      await s.put('a', '1');
      await s.put('a', 'duplicate key');
    })).rejects.toThrow();
    expect(await setting(ctx.db).get('a')).toBeUndefined();
  });

  it('retries a serialization failure or deadlock on PostgreSQL only, a bounded number of times', async () => {
    let calls = 0;
    const uow = createUnitOfWork(ctx.db, setting, { sleep: async () => undefined });
    const run = uow.run(async (s) => {
      calls += 1;
      await s.put(`try${calls}`, 'x');
      if (calls < 3) throw Object.assign(new Error('could not serialize access'), { code: calls === 1 ? '40001' : '40P01' });
      return calls;
    });
    if (ctx.engine === 'postgres') {
      await expect(run).resolves.toBe(3);
      // The failed attempts left nothing behind.
      expect([await setting(ctx.db).get('try1'), await setting(ctx.db).get('try2'), await setting(ctx.db).get('try3')]).toEqual([undefined, undefined, 'x']);
      calls = 0;
      const forever = uow.run(async () => {
        calls += 1;
        throw Object.assign(new Error('serialization'), { code: '40001' });
      });
      await expect(forever).rejects.toThrow('serialization');
      expect(calls).toBe(4);
    } else {
      await expect(run).rejects.toThrow('could not serialize');
      expect(calls).toBe(1);
    }
  });

  it('keeps other queries of this process out of an open unit of work', async () => {
    const uow = createUnitOfWork(ctx.db, setting);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = uow.run(async (s) => {
      await s.put('inside', '1');
      await gate;
      throw new Error('roll back');
    });
    // Issued while the unit of work is open: it must neither join it (and be rolled back with it) nor see its row.
    const outside = setting(ctx.db).put('outside', '1');
    await new Promise((r) => setTimeout(r, 20));
    release();
    await expect(work).rejects.toThrow('roll back');
    await outside;
    expect([await setting(ctx.db).get('inside'), await setting(ctx.db).get('outside')]).toEqual([undefined, '1']);
  });
});

describe('unit of work on SQLite takes the write lock up front (BEGIN IMMEDIATE)', () => {
  it('another process cannot write while a unit of work has only read so far', async () => {
    const t = freshDb();
    const other = new Database(t.file, { timeout: 0 });
    try {
      const uow = createUnitOfWork(sqliteKysely(t.db), setting);
      await uow.run(async (s) => {
        await s.get('nothing');
        expect(() => other.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('x', 'y', 1)").run()).toThrow(/locked|busy/i);
      });
      other.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('x', 'y', 1)").run();
    } finally {
      other.close();
      t.cleanup();
    }
  });
});
