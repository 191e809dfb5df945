import { Writable } from 'node:stream';
import { boltLoggerAdapter, createLogger, redactViewState } from '../../src/logger';

describe('modal state never reaches the logs', () => {
  it('cuts a debug line at the view state, plain or JSON-in-a-string, whatever the note holds', () => {
    const plain = 'http request result: {"ok":true,"view":{"id":"V1","state":{"values":{"n":{"v":{"value":"NOTE } { \\" tricky"}}}},"hash":"h"}}';
    const nested = 'http request body: {"view":"{\\"state\\":{\\"values\\":{\\"n\\":\\"NOTE\\"}}}"}';
    for (const line of [plain, nested]) {
      const out = redactViewState(line);
      expect(out).not.toContain('NOTE');
      expect(out).toContain('[Redacted');
    }
    expect(redactViewState('ack() response sent')).toBe('ack() response sent');
  });

  it('applies to what the Web API client logs through Bolt', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const bolt = boltLoggerAdapter(createLogger({ level: 'debug', destination }));
    bolt.debug('http request result: {"view":{"state":{"values":{"oo_notes":{"value":{"value":"SECRET-NOTE"}}}}}}');
    expect(lines.join('')).toContain('http request result');
    expect(lines.join('')).not.toContain('SECRET-NOTE');
  });
});
