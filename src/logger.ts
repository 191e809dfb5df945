import pino, { type DestinationStream, type Logger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

export type { Logger } from 'pino';

/**
 * Field paths that may carry a secret or a 1:1 note. pino's redact is path-based,
 * so notes are kept under these names everywhere in the code (see storage and listeners).
 */
export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'headers["x-slack-signature"]',
  'notes',
  'note',
  'noteText',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.notes',
  '*.note',
  '*.noteText',
  'body.view.state',
  'view.state',
  '*.view.state',
  'config.slack',
  // Message text, Block Kit, views, response URLs and e-mail addresses: private wherever they appear.
  ...['text', 'blocks', 'view', 'views', 'response_url', 'email', 'payload', 'body'].flatMap((k) => [k, `*.${k}`]),
];

// Anything shaped like a Slack token or a v0 signature is masked even inside free text, and so are
// e-mail addresses and response URLs (a live response_url lets anyone post as the app for 30 minutes).
const SECRET_PATTERN = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|v0=[a-f0-9]{64})\b/g;
const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const RESPONSE_URL_PATTERN = /https?:\/\/[^\s"'\\]*\/(commands|actions|response)\/[^\s"'\\]*/g;

export function scrubSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, '[Redacted]').replace(EMAIL_PATTERN, '[Redacted email]').replace(RESPONSE_URL_PATTERN, '[Redacted response_url]');
}

/**
 * Bolt, the Web API client and the Socket Mode client log whole payloads at debug: request bodies (message
 * text, blocks, views with a plan's `initial_value`, e-mails), API results, WebSocket envelopes, ack bodies.
 * A library line keeps its words up to the first JSON and drops the rest: typed text may hold anything,
 * so no partial cut inside a payload is safe.
 */
export function sanitiseLibraryLine(text: string): string {
  const start = text.search(/[{[]/);
  const head = start < 0 ? text : `${text.slice(0, start)}[payload dropped]`;
  return scrubSecrets(head);
}

/** Errors keep what helps an operator (type, code, Slack's error, message, stack) and nothing they carry (request bodies, URLs). */
function safeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & { code?: unknown; data?: { error?: unknown } };
  return {
    type: e.name,
    message: scrubSecrets(e.message),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.data?.error === 'string' ? { slackError: e.data.error } : {}),
    ...(e.stack ? { stack: scrubSecrets(e.stack) } : {}),
  };
}

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'leadwell' },
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      serializers: { err: safeError },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      formatters: {
        log(object) {
          // Error messages and stacks from the Web API client can echo tokens back.
          const err = (object as { err?: { message?: unknown; stack?: unknown } }).err;
          if (err && typeof err === 'object') {
            if (typeof err.message === 'string') err.message = scrubSecrets(err.message);
            if (typeof err.stack === 'string') err.stack = scrubSecrets(err.stack);
          }
          return object;
        },
      },
    },
    options.destination,
  );
}

/** Bolt's Logger interface over our pino logger, so Bolt and the Web API client log through one sink. */
export function boltLoggerAdapter(base: Logger): BoltLogger {
  let logger = base.child({ component: 'bolt' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error', msgs: unknown[]) => {
    // Bolt builds a debug line on every request (the ack's whole body among them): below the level it is dropped
    // before any of the work below, which scanned and scrubbed each one for nothing.
    if (!logger.isLevelEnabled(level)) return;
    const errors = msgs.filter((m): m is Error => m instanceof Error);
    const text = msgs
      .filter((m) => !(m instanceof Error))
      .map((m) => (typeof m === 'string' ? m : safeJson(m)))
      .join(' ');
    const clean = sanitiseLibraryLine(redactViewState(text));
    if (errors[0]) logger[level]({ err: errors[0] }, clean);
    else logger[level](clean);
  };
  return {
    debug: (...m: unknown[]) => write('debug', m),
    info: (...m: unknown[]) => write('info', m),
    warn: (...m: unknown[]) => write('warn', m),
    error: (...m: unknown[]) => write('error', m),
    // LOG_LEVEL is the one control: libraries that call setLevel with their defaults are ignored.
    setLevel: (_level: LogLevel) => undefined,
    getLevel: () => {
      const lvl = logger.level;
      if (lvl === 'debug' || lvl === 'trace') return LogLevel.DEBUG;
      if (lvl === 'warn') return LogLevel.WARN;
      if (lvl === 'error' || lvl === 'fatal') return LogLevel.ERROR;
      return LogLevel.INFO;
    },
    setName: (name: string) => {
      logger = base.child({ component: name });
    },
  };
}

const VIEW_STATE = /\\?"state\\?":\s*\{/;

/**
 * The Web API client's debug lines echo views.* requests and responses, whose `state` holds what a user
 * typed in a modal (1:1 notes among it). Everything from the first `"state":{` on is dropped: typed text
 * may hold unbalanced braces and quotes, so cutting the rest of the line is the only safe cut.
 */
export function redactViewState(text: string): string {
  const match = VIEW_STATE.exec(text);
  return match ? `${text.slice(0, match.index)}"state": [Redacted, rest of line dropped]` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (k, v) => (/token|secret|notes?$/i.test(k) ? '[Redacted]' : v));
  } catch {
    return String(value);
  }
}
