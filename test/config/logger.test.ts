import { Writable } from 'node:stream';
import { boltLoggerAdapter, createLogger } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination: stream }) };
}

const BOT = 'xoxb-1234-5678-abcdefSECRET';
const APP = 'xapp-1-A0-99-deadbeefSECRET';
const NOTE = 'Alice is worried about her divorce';

describe('logger redaction', () => {
  it('never writes tokens, the signing secret or 1:1 notes', () => {
    const { lines, logger } = capture();
    logger.info({ token: BOT, config: { slack: { botToken: BOT, appToken: APP, signingSecret: 's3cr3tsigning' } } }, 'starting');
    logger.info({ oneOnOne: { notes: NOTE, energy: 4 } }, 'logged');
    logger.info({ notes: NOTE }, 'direct');
    logger.info({ body: { view: { state: { values: { notes: { notes: { value: NOTE } } } } } } }, 'view submitted');
    logger.warn(`call failed with token ${BOT} and signature v0=${'a'.repeat(64)}`);
    logger.error({ err: new Error(`invalid_auth for ${APP}`) }, 'web api');
    const bolt = boltLoggerAdapter(logger);
    bolt.debug('http request', { headers: { authorization: `Bearer ${BOT}` }, token: BOT });
    bolt.error(new Error(`An API error occurred: invalid_auth ${BOT}`));
    const out = lines.join('');
    expect(lines.length).toBe(8);
    for (const secret of [BOT, APP, 's3cr3tsigning', NOTE, 'a'.repeat(64)]) expect(out).not.toContain(secret);
    expect(out).toContain('[Redacted]');
    expect(out).toContain('"energy":4');
  });
});

describe('Bolt`s log lines below the level', () => {
  it('are dropped before anything reads them (Bolt builds one per request), and still written and scrubbed at the level', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const bolt = boltLoggerAdapter(createLogger({ level: 'info', destination: stream }));
    let reads = 0;
    const payload = {
      get body() {
        reads += 1;
        return { token: BOT };
      },
    };
    bolt.debug('ack() response sent', payload);
    expect(reads).toBe(0);
    expect(lines).toEqual([]);
    bolt.info('ack() response sent', payload);
    expect(reads).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(BOT);
  });
});
