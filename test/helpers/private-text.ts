import type { Emulator } from '../../tools/emulator';

/**
 * Every private string a run put through Slack, gathered from the emulator: each text, initial_value and
 * plain-text value the app sent in any Web API call (messages, blocks, views), each user's e-mail, each
 * response_url path the app was given, and the bot token. Short strings (under 12 characters: "Cancel",
 * "Save") are left out: they are labels, and would match ordinary words.
 */
export function privateStrings(emulator: Emulator, extra: readonly string[] = []): string[] {
  const found = new Set<string>(extra);
  const visit = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (['text', 'initial_value', 'value', 'title'].includes(key) && value.length >= 12) found.add(value);
      return;
    }
    if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  for (const call of emulator.calls) visit(call.args);
  for (const user of emulator.state.users.values()) if (user.email) found.add(user.email);
  return [...found];
}

/** The private strings found in the log (empty when none leaked), plus any token, e-mail or response URL shape. */
export function leaks(logs: readonly string[], secrets: readonly string[]): string[] {
  const all = logs.join('');
  const out = secrets.filter((s) => all.includes(s) || all.includes(JSON.stringify(s).slice(1, -1)));
  for (const shape of [/xox[abposr]-[A-Za-z0-9-]{6,}/, /hooks\.slack\.com/, /\/(commands|actions|response)\/[A-Za-z0-9]/, /[A-Za-z0-9._%+-]+@example\.com/]) {
    const m = shape.exec(all);
    if (m) out.push(m[0]);
  }
  return out;
}
