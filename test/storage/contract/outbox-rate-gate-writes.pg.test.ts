import { sql } from 'kysely';
import { createOutboxStore } from '../../../src/storage/outbox-repository';
import { describeEachEngine } from '../../helpers/engines';

const T = 1_000_000;

/** The workspace rate gate (src/storage/outbox-rate-gate.ts): asked by every message a request tries to send now. */
describeEachEngine('the rate gate writes only what it decides', (ctx) => {
  it('the rate gate: a refusal writes nothing on SQLite (BEGIN IMMEDIATE already serialises it), a grant still records its slot', async () => {
    const gate = createOutboxStore(ctx.db);
    expect(await gate.reserveSlot('tier2', T, 1000, 0)).toBe(0); // the first grant creates the tier's row
    const changes = async () => (ctx.engine === 'sqlite' ? Number((await sql<{ n: number }>`SELECT total_changes() AS n`.execute(ctx.db)).rows[0]!.n) : 0);
    const before = await changes();
    expect(await gate.reserveSlot('tier2', T, 1000, 0)).toBe(1000);
    expect(await changes()).toBe(before);
    expect(await gate.reserveSlot('tier2', T + 1000, 1000, 0)).toBe(0);
    expect(await gate.reserveSlot('tier2', T + 1500, 1000, 0)).toBe(500);
    const next = await ctx.db.selectFrom('settings').select('value').where('key', '=', 'outbox.rate.tier2.next_at').executeTakeFirstOrThrow();
    expect(Number(next.value)).toBe(T + 2000);
  });
});
