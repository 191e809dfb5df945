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
];

// Anything shaped like a Slack token or a v0 signature is masked even inside free text.
const SECRET_PATTERN = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|v0=[a-f0-9]{64})\b/g;

export function scrubSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, '[Redacted]');
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
    const errors = msgs.filter((m): m is Error => m instanceof Error);
    const text = msgs
      .filter((m) => !(m instanceof Error))
      .map((m) => (typeof m === 'string' ? m : safeJson(m)))
      .join(' ');
    const clean = scrubSecrets(redactViewState(text));
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
