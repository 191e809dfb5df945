import type { Harness } from '../helpers/harness';
import { rowsInEach } from '../helpers/db-reads';

/** Text a careless or hostile person can type after a slash command (Slack escapes &, < and > itself). */
export function hostileTexts(t: Harness): Array<[string, string]> {
  const { bot, gone, manager } = t.people;
  return [
    ['empty', ''],
    ['whitespace', '   \t  '],
    ['5000 chars', 'x'.repeat(5000)],
    ['only emoji', '🙂🔥👍🏽 :tada: :+1:'],
    ['right-to-left', 'שלום עולם مرحبا بالعالم'],
    ['channel mention', '<!channel> listen up'],
    ['here mention', '<!here> everyone'],
    ['unknown user', '<@UNOTREAL|ghost>'],
    ['channel link', '<#C123|x>'],
    ['escaped entities', '&lt;&gt;&amp;'],
    ['unbalanced markup', '*_~` bold _italic ~strike `code'],
    ['sql', "'; DROP TABLE people; --"],
    ['json', '{"user":"U1","text":null,"__proto__":{"admin":true}}'],
    ['newlines', 'first\n\nsecond\r\nthird\n'],
    ['a bot', `<@${bot}|deploybot>`],
    ['a deactivated user', `<@${gone}|gus>`],
    ['yourself', `<@${manager}|maria>`],
    ['another workspace', '<@W0OTHERORG|stranger> thanks'],
  ];
}

/** What every command documents in its help (the manifest's usage hints and the help text). */
export const SUBCOMMANDS: Record<string, string[]> = {
  '/oneonone': ['', 'log ', 'history ', 'help ', 'prep '],
  '/kudos': ['', 'stats ', 'help ', 'summary '],
  '/coach': ['', 'tip ', 'level ', 'settings ', 'nudges ', 'nudges day ', 'nudge ', 'nudge preview ', 'report ', 'report export ', 'report pulse every ', 'help '],
  '/goal': ['', 'new ', 'update ', 'list ', 'plan ', 'reminders ', 'report ', 'help '],
};

/** The subcommands only an admin may use, sent by the admin. */
export const ADMIN_SUBCOMMANDS: Array<[string, string]> = [
  ['/coach', 'level <@{alice}|alice> '],
  ['/coach', 'report pulse every '],
  ['/coach', 'report '],
  ['/kudos', 'summary '],
  ['/goal', 'report '],
];

/** Tables whose row count must not move when input is refused. */
export const MAIN_TABLES = [
  'one_on_ones', 'action_items', 'kudos', 'kudos_recipients', 'nudges', 'goals', 'goal_check_ins',
  'development_plans', 'plan_next_steps', 'pulse_responses', 'pulse_receipts', 'slack_deliveries', 'settings',
] as const;

/** Through `t.query`, so the same check holds with the app on SQLite or PostgreSQL. */
export function rowCounts(t: Harness): Promise<Record<string, number>> {
  return rowsInEach(t, MAIN_TABLES);
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** Problems a user must never see in a private answer (text the user typed may be echoed back); empty = clean. */
export function answerProblems(payload: unknown, typed = ''): string[] {
  const all = strings(payload).join('\n');
  const visible = all.split(typed.trim() || '\u0000').join(' ');
  const problems: string[] = [];
  if (/\n\s+at \S+ \(|\b(TypeError|ReferenceError|SqliteError|RangeError)\b|\bError: /.test(visible)) problems.push('stack trace or raw error');
  for (const word of ['undefined', 'null', 'NaN']) if (new RegExp(`\\b${word}\\b`).test(visible) && !typed.includes(word)) problems.push(`"${word}"`);
  if (visible.includes('[object Object]')) problems.push('[object Object]');
  const broadcast = /<!(channel|here|everyone)\b/.exec(all);
  if (broadcast) problems.push(`unneutralised broadcast mention in "${all.slice(Math.max(0, broadcast.index - 60), broadcast.index + 20)}"`);
  return problems;
}
