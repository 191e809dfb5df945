import http from 'node:http';
import https from 'node:https';
import { RespondError, type RespondArguments } from '@slack/bolt';

/** A response_url that has not answered by then fails the reply (the error handler then tells the user another way). */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * POSTs `payload` as JSON to a response_url and resolves with the status once Slack's answer starts (its short body is
 * drained so the connection goes back to the pool). Node's http client on its global agents (keep-alive since Node 19,
 * and the proxy settings Node applies to them), not `fetch`: a prep card's reply through `fetch` cost ~90–150 µs more
 * CPU on the request path (WHATWG Request, Headers, streams for a string body and a response nobody reads;
 * docs/performance.md, "Sixth pass"). A redirect is not followed: Slack's response_urls answer directly.
 */
export function postJson(url: string, payload: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (err) {
      reject(err as Error);
      return;
    }
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!client) {
      reject(new Error(`a response_url must be http(s), not ${target.protocol}`));
      return;
    }
    const body = JSON.stringify(payload);
    const req = client.request(
      target,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: ANSWER_TIMEOUT_MS },
      (res) => {
        res.on('error', () => undefined); // a connection lost after the status is known changes nothing for the caller
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new Error('the response_url did not answer in time')));
    req.on('error', reject);
    req.end(body);
  });
}

/** What listeners call as `respond`: Bolt's contract (a string is `{ text }`; a status other than 2xx throws RespondError). */
export type Respond = (message: string | RespondArguments) => Promise<void>;

export function respondVia(url: string): Respond {
  return async (message) => {
    const status = await postJson(url, typeof message === 'string' ? { text: message } : message);
    if (status < 200 || status > 299) throw new RespondError(`Failed to respond to the response_url: ${status}`, status);
  };
}

/** Where Bolt would send a request's `respond` (a command's or action's response_url, a modal's first response_urls entry). */
export function responseUrlOf(body: { response_url?: unknown; response_urls?: unknown }): string | undefined {
  if (typeof body.response_url === 'string' && body.response_url) return body.response_url;
  const first = Array.isArray(body.response_urls) ? (body.response_urls[0] as { response_url?: unknown } | undefined) : undefined;
  return typeof first?.response_url === 'string' ? first.response_url : undefined;
}
