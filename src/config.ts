import { z } from 'zod';
import { dataLifecycleConfig, dataLifecycleEnv, type DataLifecycleConfig } from './config-data';
import { dashboardConfig, dashboardEnv, type DashboardConfig } from './config-dashboard';

/** Every environment variable Leadwell reads, parsed once. The only reader of process.env. */

const DEFAULT_VALUES = ['Customer first', 'Ownership', 'Craft', 'Teamwork', 'Candour'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const slackId = /^[UW][A-Z0-9]{2,}$/;
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const intIn = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });
const csvList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

/** postgres://user[:password]@host[:port]/database (or postgresql://); a socket folder may be given as ?host=/path. */
export function isPostgresUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const hasHost = url.hostname !== '' || (url.searchParams.get('host') ?? '') !== '';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && hasHost && database !== '' && !database.includes('/');
}

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^xoxb-/.test(v), {
    message: 'expected a bot token starting with "xoxb-"',
  }),
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || /^xapp-/.test(v), {
    message: 'expected an app-level token starting with "xapp-" (Socket Mode)',
  }),
  SLACK_SIGNING_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9]{16,}$/.test(v), {
    message: 'expected the signing secret from the app\'s Basic Information page (16+ letters and digits)',
  }),
  PORT: intIn(1, 65535, 0),
  SLACK_API_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+\/$/.test(v), {
    message: 'expected an http(s) URL ending in "/" such as https://slack.com/api/',
  }),
  DATABASE_PATH: optionalString,
  // The message never repeats the value: a database URL usually carries a password.
  DATABASE_URL: optionalString.refine((v) => v === undefined || isPostgresUrl(v), {
    message: 'expected a PostgreSQL URL such as postgres://leadwell:password@db:5432/leadwell (user, host and database name)',
  }),
  DATABASE_PREPARED_STATEMENTS: optionalString.refine((v) => v === undefined || v === 'on' || v === 'off', {
    message: 'expected on (the default) or off: off for a connection pooler that cannot keep named prepared statements (PgBouncer in transaction mode before 1.21)',
  }),
  CONTENT_DIR: optionalString,
  KUDOS_CHANNEL: optionalString.refine((v) => v === undefined || /^([CG][A-Z0-9]{2,}|#?[a-z0-9][a-z0-9._-]{0,79})$/.test(v), {
    message: 'expected a channel id (C…) or a channel name such as #kudos',
  }),
  ADMIN_USER_IDS: csvList.refine((ids) => ids.every((id) => slackId.test(id)), {
    message: 'expected a comma-separated list of Slack user ids such as U012ABCDEF,U034GHIJKL',
  }),
  COMPANY_VALUES: csvList.refine((vals) => vals.every((v) => v.length <= 60), {
    message: 'expected a comma-separated list of values, each at most 60 characters',
  }),
  LOG_LEVEL: optionalString.refine((v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v), {
    message: `expected one of ${LOG_LEVELS.join(', ')}`,
  }),
  KUDOS_DAILY_CAP: intIn(1, 100, 10),
  NUDGE_RATE_PER_MINUTE: intIn(1, 10000, 60),
  OUTBOX_LEASE_SECONDS: intIn(1, 3600, 60),
  PULSE_MIN_RESPONSES: intIn(3, 100, 5),
  PULSE_ENABLED: optionalString.refine((v) => v === undefined || v === 'true' || v === 'false', {
    message: 'expected "true" or "false"',
  }),
  LEADWELL_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'expected at least 32 random characters (for example `openssl rand -hex 32`)',
  }),
  ...dataLifecycleEnv,
  ...dashboardEnv,
});

/** Every environment variable Leadwell reads (the README's table and .env.example are checked against it). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

export type SlackMode = 'socket' | 'http';

export interface Config extends DataLifecycleConfig {
  readonly mode: SlackMode;
  readonly slack: {
    readonly botToken: string;
    readonly appToken?: string;
    readonly signingSecret?: string;
    readonly apiUrl: string;
  };
  readonly port: number;
  readonly databasePath: string;
  /** Set: PostgreSQL at this URL is the database (DATABASE_PATH is then not used). Never log it: it holds a password. */
  readonly databaseUrl?: string;
  /** PostgreSQL: the few planning-heavy statements as named prepared statements (docs/postgres.md). */
  readonly databasePreparedStatements: boolean;
  readonly contentDir?: string;
  readonly kudosChannel?: string;
  readonly adminUserIds: readonly string[];
  readonly companyValues: readonly string[];
  readonly logLevel: string;
  readonly kudosDailyCap: number;
  readonly nudgeRatePerMinute: number;
  /** How long a dispatcher's claim on an outbox message holds before another may take it back (or call it uncertain). */
  readonly outboxLeaseMs: number;
  readonly pulseMinResponses: number;
  /** PULSE_ENABLED (default true): the monthly anonymous pulse. */
  readonly pulseEnabled: boolean;
  /** LEADWELL_SECRET: keys the pulse's receipt hash. Required when the pulse is on; never a Slack credential. */
  readonly hashSecret?: string;
  /** The web dashboard (Sign in with Slack); undefined when off (DASHBOARD=off, or no SLACK_CLIENT_ID). */
  readonly dashboard?: DashboardConfig;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`Leadwell cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const NO_CREDENTIALS_HINT =
  'No Slack credentials given. To try Leadwell without a Slack workspace, run `npm run dev` (local emulator). ' +
  'For a real workspace set SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET and PORT (HTTP mode); see README.md.';

const LEADWELL_SECRET_MISSING =
  'LEADWELL_SECRET: missing; the pulse (on unless PULSE_ENABLED=false) needs its own secret: set LEADWELL_SECRET to `openssl rand -hex 32`';

/** Parses the environment; throws ConfigError listing one line per problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  if (!e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError([`SLACK_BOT_TOKEN: missing. ${NO_CREDENTIALS_HINT}`]);
  }
  if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: missing; expected the bot token (xoxb-…) from OAuth & Permissions');
  const mode: SlackMode = e.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'http') {
    if (!e.SLACK_SIGNING_SECRET) {
      problems.push('SLACK_SIGNING_SECRET: missing; HTTP mode needs it (or set SLACK_APP_TOKEN for Socket Mode)');
    }
    if (e.PORT === 0) problems.push('PORT: missing; HTTP mode needs the port to listen on (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  const pulseEnabled = e.PULSE_ENABLED !== 'false';
  if (pulseEnabled && !e.LEADWELL_SECRET) problems.push(LEADWELL_SECRET_MISSING);
  const slackSecrets = [e.SLACK_BOT_TOKEN, e.SLACK_APP_TOKEN, e.SLACK_SIGNING_SECRET];
  if (e.LEADWELL_SECRET && slackSecrets.includes(e.LEADWELL_SECRET)) {
    problems.push('LEADWELL_SECRET: must not be a Slack credential; generate its own with `openssl rand -hex 32`');
  }
  const lifecycle = dataLifecycleConfig(e, problems);
  if (e.DATABASE_URL && e.BACKUP_DIR) {
    problems.push('BACKUP_DIR: backups copy the SQLite file; on PostgreSQL (DATABASE_URL) use your server\'s backups (pg_dump, managed snapshots: see docs/postgres.md) and unset BACKUP_DIR');
  }
  const dashboard = dashboardConfig(e, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    ...lifecycle,
    mode,
    slack: {
      botToken: e.SLACK_BOT_TOKEN as string,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL ?? 'https://slack.com/api/',
    },
    port: e.PORT,
    databasePath: e.DATABASE_PATH ?? './data/leadwell.db',
    databaseUrl: e.DATABASE_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS !== 'off',
    contentDir: e.CONTENT_DIR,
    kudosChannel: e.KUDOS_CHANNEL,
    adminUserIds: e.ADMIN_USER_IDS,
    companyValues: e.COMPANY_VALUES.length > 0 ? e.COMPANY_VALUES : DEFAULT_VALUES,
    logLevel: e.LOG_LEVEL ?? 'info',
    kudosDailyCap: e.KUDOS_DAILY_CAP,
    nudgeRatePerMinute: e.NUDGE_RATE_PER_MINUTE,
    outboxLeaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
    pulseMinResponses: e.PULSE_MIN_RESPONSES,
    pulseEnabled,
    hashSecret: e.LEADWELL_SECRET,
    dashboard,
  };
}
