import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EmulatorState } from './state';
import type { Json } from './types';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Ack {
  envelope_id: string;
  payload?: Json;
}

export interface SocketServer {
  /** Sends an envelope to the connected app and resolves with its ack. */
  send(type: EnvelopeType, payload: Json, extra?: Json): Promise<Ack>;
  disconnect(reason?: string): void;
  connected(): boolean;
  waitForConnection(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const ACK_TIMEOUT_MS = 10_000;
const PING_INTERVAL_MS = 10_000;

/** The Socket Mode side of Slack: `/link/?ticket=…` from apps.connections.open, hello, envelopes, acks, disconnect. */
export function createSocketServer(server: http.Server, state: EmulatorState): SocketServer {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const pending = new Map<string, { resolve: (a: Ack) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const waiters: (() => void)[] = [];

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!url.pathname.startsWith('/link')) {
      // Someone else's upgrade (the playground's live view) when another listener is attached.
      if (server.listenerCount('upgrade') === 1) socket.destroy();
      return;
    }
    if (!state.socketTickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(ws: WebSocket): void {
    sockets.add(ws);
    // Slack pings; @slack/socket-mode drops a connection that hears no ping for 30 s.
    const ping = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.ping();
    }, PING_INTERVAL_MS);
    ping.unref();
    ws.on('close', () => {
      clearInterval(ping);
      sockets.delete(ws);
    });
    ws.on('message', (data) => onMessage(String(data)));
    ws.send(JSON.stringify({
      type: 'hello',
      num_connections: sockets.size,
      debug_info: { host: 'applink-emulator', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: state.team.appId },
    }));
    waiters.splice(0).forEach((w) => w());
  }

  function onMessage(text: string): void {
    let ack: Ack;
    try {
      ack = JSON.parse(text) as Ack;
    } catch {
      state.violations.push({ method: 'socket_ack', args: { text }, error: 'invalid_json', detail: 'an ack must be JSON', rule: 'arguments' });
      return;
    }
    const waiting = pending.get(ack.envelope_id);
    if (!waiting) {
      state.violations.push({ method: 'socket_ack', args: ack as unknown as Json, error: 'unknown_envelope', detail: `no envelope ${ack.envelope_id} is waiting for an ack`, rule: 'arguments' });
      return;
    }
    clearTimeout(waiting.timer);
    pending.delete(ack.envelope_id);
    waiting.resolve(ack);
  }

  function send(type: EnvelopeType, payload: Json, extra: Json = {}): Promise<Ack> {
    const ws = [...sockets].find((x) => x.readyState === x.OPEN);
    if (!ws) return Promise.reject(new Error('no Socket Mode connection: did the app start with socketMode and the emulator app token?'));
    // A caller may name the envelope: a test delivering the same envelope twice, as a duplicating Slack would.
    const envelopeId = typeof extra.envelope_id === 'string' ? extra.envelope_id : crypto.randomUUID();
    const envelope = { envelope_id: envelopeId, payload, type, accepts_response_payload: type !== 'events_api', ...extra };
    return new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(envelopeId);
        reject(new Error(`no ack for ${type} envelope ${envelopeId} within ${ACK_TIMEOUT_MS} ms`));
      }, ACK_TIMEOUT_MS);
      pending.set(envelopeId, { resolve, reject, timer });
      ws.send(JSON.stringify(envelope));
    });
  }

  return {
    send,
    connected: () => [...sockets].some((x) => x.readyState === x.OPEN),
    disconnect(reason = 'refresh_requested') {
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-emulator' } }));
    },
    waitForConnection(timeoutMs = 5000) {
      if ([...sockets].some((x) => x.readyState === x.OPEN)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no Socket Mode connection')), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error('emulator closed'));
      }
      pending.clear();
      // A close handshake, not a cut: @slack/socket-mode waits for the peer's close frame before it lets go.
      await Promise.all(
        [...sockets].map(
          (ws) =>
            new Promise<void>((resolve) => {
              const cut = setTimeout(() => {
                ws.terminate();
                resolve();
              }, 500);
              ws.once('close', () => {
                clearTimeout(cut);
                resolve();
              });
              ws.close(1001, 'emulator closing');
            }),
        ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
