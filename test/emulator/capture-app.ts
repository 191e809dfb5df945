import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  headers: http.IncomingHttpHeaders;
  raw: string;
  /** The parsed payload: the form for slash commands, `payload=` JSON for interactions, the JSON body for events. */
  body: Record<string, unknown>;
}

/** A stand-in app that records what the driver sends and answers what the test says. */
export async function startCaptureApp(answer: (c: Captured) => { status?: number; body?: string; contentType?: string } = () => ({})) {
  const received: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const form = new URLSearchParams(raw);
      const body = String(req.headers['content-type']).startsWith('application/json')
        ? (JSON.parse(raw) as Record<string, unknown>)
        : form.has('payload')
          ? (JSON.parse(form.get('payload') ?? '{}') as Record<string, unknown>)
          : Object.fromEntries(form);
      const captured = { headers: req.headers, raw, body };
      received.push(captured);
      const out = answer(captured);
      res.writeHead(out.status ?? 200, { 'content-type': out.contentType ?? 'application/json' });
      res.end(out.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
