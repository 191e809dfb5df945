import fs from 'node:fs';
import { systemClock } from '../clock';
import { isDomainError } from '../domain/errors';
import type { Clock } from '../domain/ports';
import { describeErasure } from '../domain/privacy/erasure';
import { openCliStorage } from './cli-storage';
import { checkDataKey } from '../storage/data-key-check';
import { createEventLog } from '../storage/event-log';
import { createTextSealer } from '../storage/sealed-text';
import { composePrivacy } from '../compose-data-lifecycle';
import { parseCli } from './args';
import { CLI_ACTOR, offlineConfig, processIo, type CliIo } from './offline-config';

const USAGE = `Usage: npm run privacy -- export <Slack user id> [--out <file>] [--db <file>]
       npm run privacy -- erase <Slack user id> [--apply] [--db <file>]
   (in the Docker image: node dist/src/cli/privacy.js ...)

export  the full data-subject export for HR, as JSON (stdout, or --out): everything Leadwell holds about the
        person, including private 1:1 notes their managers wrote about them, clearly marked. Needs LEADWELL_DATA_KEY.
erase   removes or anonymises the person everywhere. A dry run unless --apply: it lists what would change.
        Kudos they gave keep the recipient's side with the giver anonymised; 1:1 dates, kudos and pulse ratings
        stay counted under an anonymous stand-in, so report totals do not change.
Both are recorded in the audit trail (the erasure under the stand-in, never the person's id).`;

const OPTIONS = { apply: { type: 'boolean' }, out: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export async function runPrivacyCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo, clock: Clock = systemClock): Promise<number> {
  const args = parseCli(argv, OPTIONS, USAGE);
  if (!args.ok) return (io.err(args.message), 2);
  const [action, personId, ...extra] = args.positionals;
  if (args.values.help || !personId || extra.length > 0 || (action !== 'export' && action !== 'erase')) return (io.err(USAGE), args.values.help ? 0 : 2);
  if (action === 'export' && args.values.apply) return (io.err(`--apply belongs to erase only\n\n${USAGE}`), 2);
  if (action === 'erase' && args.values.out) return (io.err(`--out belongs to export only\n\n${USAGE}`), 2);
  const config = offlineConfig(env, io);
  if (!config) return 2;
  // An unreachable server or a file that cannot be opened: one line, not a stack trace.
  const storage = await openCliStorage(config, args.values.db).catch((err: Error) => void io.err(err.message));
  if (!storage) return 1;
  const db = storage.db;
  try {
    const sealer = createTextSealer(config.dataKeys);
    await checkDataKey(db, sealer);
    const events = createEventLog(db);
    // The operator at the command line acts as an admin (and is audited as the CLI).
    const { privacy } = composePrivacy({ config, store: db, events, clock, sealer, isAdmin: () => true });
    if (action === 'export') {
      const json = JSON.stringify(await privacy.exportPerson(personId, 'hr', CLI_ACTOR), null, 2);
      if (args.values.out) {
        fs.writeFileSync(args.values.out, json, { mode: 0o600 });
        io.out(`Export of ${personId} written to ${args.values.out} (readable by you only). It may hold private notes: handle it as HR records.`);
      } else io.out(json);
      return 0;
    }
    for (const line of describeErasure(await privacy.erase(personId, args.values.apply === true, CLI_ACTOR))) io.out(line);
    return 0;
  } catch (err) {
    if (isDomainError(err)) return (io.err(err.userMessage), 1);
    io.err(`${action} failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await storage.close();
  }
}

if (require.main === module) {
  void runPrivacyCli(process.argv.slice(2), process.env, processIo).then((code) => {
    process.exitCode = code;
  });
}
