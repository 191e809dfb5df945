import fs from 'node:fs';
import { systemClock } from '../clock';
import { parseDataKey } from '../config-data';
import type { Clock } from '../domain/ports';
import { openCliStorage } from './cli-storage';
import { createEventLog } from '../storage/event-log';
import { rekeyAll, sealedCensus } from '../storage/sealed-columns';
import { createTextSealer } from '../storage/sealed-text';
import { parseCli } from './args';
import { CLI_ACTOR, offlineConfig, processIo, type CliIo } from './offline-config';

const USAGE = `Usage: npm run keys:rotate -- [--previous-key-file <file>] [--batch <n>] [--db <file>]
   (in the Docker image: node dist/src/cli/keys-rotate.js ...)

Re-encrypts every 1:1 note and pulse comment under LEADWELL_DATA_KEY, in small batches, while Leadwell
keeps running. The old key comes from LEADWELL_DATA_KEY_PREVIOUS or --previous-key-file (a file holding it;
never on the command line, where other users of the machine could read it). Notes and comments from before
encryption are sealed too.
Without downtime:
  1. restart the app with LEADWELL_DATA_KEY=<new> and LEADWELL_DATA_KEY_PREVIOUS=<old> (it reads both);
  2. run this with the same two;
  3. once it reports nothing left under the old key, remove LEADWELL_DATA_KEY_PREVIOUS and restart.`;

const OPTIONS = { 'previous-key-file': { type: 'string' }, batch: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export async function runKeysRotateCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo, clock: Clock = systemClock): Promise<number> {
  const args = parseCli(argv, OPTIONS, USAGE);
  if (!args.ok) return (io.err(args.message), 2);
  if (args.values.help || args.positionals.length > 0) return (io.err(USAGE), args.values.help ? 0 : 2);
  const batch = Number(args.values.batch ?? 200);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) return (io.err(`--batch: expected 1 to 10000 rows; got "${args.values.batch}"`), 2);
  const config = offlineConfig(env, io);
  if (!config) return 2;
  if (!config.dataKeys.current) return (io.err('LEADWELL_DATA_KEY: missing; set it to the new key (`openssl rand -base64 32`)'), 2);
  let previous = config.dataKeys.previous;
  const keyFile = args.values['previous-key-file'];
  if (keyFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(keyFile, 'utf8');
    } catch (err) {
      return (io.err(`--previous-key-file: cannot read ${keyFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`), 2);
    }
    previous = parseDataKey(text);
    if (!previous) return (io.err('--previous-key-file: the file does not hold a 32-byte key as base64 or hex'), 2);
  }
  const sealer = createTextSealer({ current: config.dataKeys.current, previous });
  // An unreachable server or a file that cannot be opened: one line, not a stack trace.
  const storage = await openCliStorage(config, args.values.db).catch((err: Error) => void io.err(err.message));
  if (!storage) return 1;
  const db = storage.db;
  try {
    const totals = await rekeyAll(db, sealer, { batchSize: batch, pauseMs: 10 });
    const left = (await sealedCensus(db)).flatMap((c) => [...c.byKey.entries()].filter(([id]) => id !== sealer.currentKeyId).map(([id, n]) => `${n} ${c.column.label} under ${id}`));
    const resealed = [...totals.values()].reduce((a, t) => a + t.resealed, 0);
    await createEventLog(db).append({ kind: 'keys.rotated', actorId: CLI_ACTOR, data: { to: sealer.currentKeyId, from: sealer.knownKeyIds.filter((k) => k !== sealer.currentKeyId), resealed, left: left.length } }, clock.now());
    for (const [label, t] of totals) io.out(`${label}: ${t.resealed} re-encrypted under ${sealer.currentKeyId}${t.raced > 0 ? `, ${t.raced} changed meanwhile (run again)` : ''}`);
    if (left.length > 0) {
      io.err(`Not done: ${left.join(', ')}. Give that key as LEADWELL_DATA_KEY_PREVIOUS (or --previous-key-file) and run again.`);
      return 1;
    }
    io.out(`Everything is under ${sealer.currentKeyId}. Remove LEADWELL_DATA_KEY_PREVIOUS from the app's settings and restart it.`);
    return 0;
  } finally {
    await storage.close();
  }
}

if (require.main === module) {
  void runKeysRotateCli(process.argv.slice(2), process.env, processIo).then((code) => {
    process.exitCode = code;
  });
}
