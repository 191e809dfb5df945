import { parseArgs, type ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Strict argument parsing for the operator CLIs: an unknown or misspelt flag (`--maneger`) is an error
 * with the usage, never silently ignored (which would, say, export the whole organisation).
 */
export function parseCli<O extends CliOptions>(
  argv: readonly string[],
  options: O,
  usage: string,
): { ok: true; values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values']; positionals: string[] } | { ok: false; message: string } {
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { ok: true, values: parsed.values, positionals: parsed.positionals };
  } catch (err) {
    // Node's messages name the flag: "Unknown option '--maneger'", "Option '--db <value>' argument missing".
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    return { ok: false, message: `${message}\n\n${usage}` };
  }
}
