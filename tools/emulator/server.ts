import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from './types';

export interface RawRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RawResponse {
  status: number;
  headers?: Record<string, string>;
  body: Json | string | Buffer;
}

export type RequestHandler = (req: RawRequest) => Promise<RawResponse>;

/** Form or JSON body plus the query string, as Slack's Web API accepts arguments. */
export function parseArgs(req: RawRequest): Json {
  const args: Json = Object.fromEntries(req.query.entries());
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim();
  const text = req.body.toString('utf8');
  if (type === 'application/json' && text.trim() !== '') {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null) Object.assign(args, parsed);
  } else if (text !== '') {
    for (const [k, v] of new URLSearchParams(text)) args[k] = v;
  }
  return args;
}

export function bearerToken(headers: http.IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return match?.[1]?.trim();
}

function send(res: http.ServerResponse, out: RawResponse): void {
  const isJson = typeof out.body === 'object' && !Buffer.isBuffer(out.body);
  const payload = isJson ? JSON.stringify(out.body) : out.body;
  res.writeHead(out.status, { 'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8', ...out.headers });
  res.end(payload);
}

export async function startHttpServer(port: number, handler: RequestHandler): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) })
        .then((out) => send(res, out))
        .catch((err: unknown) => send(res, { status: 500, body: `emulator error: ${err instanceof Error ? err.stack ?? err.message : String(err)}` }));
    });
  });
  // Bolt keeps connections alive; closing must not wait for them.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${actual}` };
}
