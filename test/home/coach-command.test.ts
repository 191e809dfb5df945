import { coachCommand, COACH_SUBCOMMANDS, type CoachSubcommand } from '../../src/slack/listeners/commands/coach';
import { DomainError } from '../../src/domain/errors';
import type { ListenerDeps } from '../../src/slack/listeners/deps';

function run(text: string, table: Record<string, CoachSubcommand> = COACH_SUBCOMMANDS) {
  const replies: Array<{ text?: string }> = [];
  const acks: unknown[] = [];
  const deps = { levels: { isAdmin: () => false } } as unknown as ListenerDeps;
  const handler = coachCommand(deps, table);
  return handler({
    ack: async (x?: unknown) => void acks.push(x ?? 'ack'),
    command: { text, user_id: 'U1', trigger_id: 't' },
    respond: async (m: { text?: string }) => void replies.push(m),
    client: {},
  } as never).then(() => ({ replies, acks }));
}

describe('/coach dispatcher', () => {
  it('acks first, and with no arguments answers the help for every command', async () => {
    const { replies, acks } = await run('');
    expect(acks).toEqual(['ack']);
    expect(replies[0]?.text).toContain('/oneonone, /kudos, /goal and /coach');
  });

  it('routes to a subcommand from the table, case-insensitively, with the rest of the text', async () => {
    const seen: string[] = [];
    const table = { ...COACH_SUBCOMMANDS, tip: (async ({ args }) => void seen.push(args)) as CoachSubcommand };
    await run('TIP feedback please', table);
    expect(seen).toEqual(['feedback please']);
  });

  it('answers an unknown subcommand with the known ones, and a DomainError with its message', async () => {
    const unknown = await run('dance');
    expect(unknown.replies[0]?.text).toContain("I don't know `/coach dance`");
    const failing = { oops: (async () => { throw new DomainError('x', 'Friendly words.'); }) as CoachSubcommand };
    const failed = await run('oops', failing);
    expect(failed.replies[0]?.text).toBe('Friendly words.');
  });
});
