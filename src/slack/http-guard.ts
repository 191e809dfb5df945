import crypto from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, type BufferedIncomingMessage } from '@slack/bolt';
import type { Clock } from '../domain/ports';
import type { Logger } from '../logger';
import { requestShape } from './request-shape';

/** Slack's signature window: a request signed more than this far from our clock, either way, is refused. */
export const SIGNATURE_WINDOW_S = 5 * 60;

export interface HttpGuardOptions {
  signingSecret: string;
  endpoint: string;
  /** Real time: the clock Slack signs with (the app's own clock may be travelling in tests). */
  clock: Clock;
  logger: Logger;
  bodyLimit?: number;
}

type Verdict = { pass: true } | { pass: false; status: number; why: string };

/** Slack's SSL check gets what Bolt would answer: 200 with an empty body, and nothing runs. */
const SSL_CHECK_ANSWERED = 'ssl_check: answered without running anything';

const refuse = (status: number, why: string): Verdict => ({ pass: false, status, why });

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function signatureMatches(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Signature and timestamp, both directions: Bolt only refuses timestamps in the past, so a future one lived long. */
function verify(req: BufferedIncomingMessage, o: HttpGuardOptions): Verdict {
  const signature = header(req, 'x-slack-signature');
  const timestamp = header(req, 'x-slack-request-timestamp');
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return refuse(401, 'missing or malformed signature headers');
  const skew = Number(timestamp) - Math.floor(o.clock.now() / 1000);
  if (Math.abs(skew) > SIGNATURE_WINDOW_S) return refuse(401, skew > 0 ? 'request timestamp in the future' : 'request timestamp too old');
  if (!signatureMatches(o.signingSecret, timestamp, req.rawBody.toString(), signature)) return refuse(401, 'signature mismatch');
  return { pass: true };
}

function isSslCheck(req: BufferedIncomingMessage): boolean {
  return header(req, 'content-type') === 'application/x-www-form-urlencoded' && new URLSearchParams(req.rawBody.toString()).get('ssl_check') === '1';
}

async function screen(req: IncomingMessage, o: HttpGuardOptions): Promise<Verdict> {
  let buffered: BufferedIncomingMessage;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, o.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit);
  } catch (err) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && (err as { statusCode?: number }).statusCode === 413;
    return tooLarge ? refuse(413, 'body over the size limit') : refuse(400, 'body could not be read');
  }
  // Unsigned by design, so answered here and never handed on: Bolt no longer verifies (see createReceiver), so
  // nothing unsigned may reach it, not even a body that smuggles a payload beside ssl_check=1.
  if (isSslCheck(buffered)) return refuse(200, SSL_CHECK_ANSWERED);
  const verified = verify(buffered, o);
  if (!verified.pass) return verified;
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return refuse(400, 'body is not valid JSON or form data');
  }
  const shape = requestShape(body);
  if (shape === 'malformed') return refuse(400, 'body does not have the structure of its kind');
  // Acknowledged and ignored: an options request, a legacy attachment, a type Slack added later.
  if (shape === 'unknown') return refuse(200, 'nothing of ours: acknowledged');
  return { pass: true };
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  if (status === 200) {
    res.writeHead(200);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(status === 400 ? 'Malformed request.' : status === 413 ? 'Request too large.' : '');
}

function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/**
 * THE verification step in front of Bolt's HTTPReceiver (whose own is switched off, so each request is verified
 * exactly once): requests to the events endpoint are read, verified in both time directions and checked for
 * structure before Bolt parses them (Bolt reuses the buffered body). Everything it refuses is answered here (401,
 * 400, 413; ssl_check 200) and nothing unsigned or malformed reaches Bolt. The endpoint test is Bolt's own (the
 * URL's pathname, the method in upper case), so every request Bolt would take as an event passes through here.
 * Logs say why, never what the body held.
 */
export function guardRequestListener(inner: RequestListener, o: HttpGuardOptions): RequestListener {
  return (req, res) => {
    const path = pathOf(req);
    if (path === undefined) return answer(res, 400);
    if (req.method?.toUpperCase() !== 'POST' || path !== o.endpoint) return inner(req, res);
    void screen(req, o)
      .then((verdict) => {
        if (verdict.pass) return inner(req, res);
        if (verdict.status !== 200) o.logger.warn({ status: verdict.status, why: verdict.why }, 'request refused');
        else o.logger.debug({ why: verdict.why }, 'request ignored');
        answer(res, verdict.status);
      })
      .catch((err: unknown) => {
        o.logger.error({ errName: (err as Error | undefined)?.name }, 'request guard failed; answered 400 and kept serving');
        answer(res, 400);
      });
  };
}
