import net from 'node:net';

/**
 * Below the ephemeral range Linux hands out (32768–60999 by default; macOS and Windows start at 49152). A port
 * from listen(0) comes from that range, and so does the local port of every outgoing connection, so between
 * freePort closing its probe and the caller listening, one of the thousands of connections the suite makes could
 * take it: "listen EADDRINUSE :::38263" failed agenda-two-instances once in npm test. Nothing takes a port from
 * this range unless asked for it by number.
 */
const LOW = 20_000;
const HIGH = 32_767;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    // No host: the app listens on every interface (:: with IPv4 mapped), so the probe checks the same.
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** A port that is free right now and that the OS will not hand to anyone else on its own. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found between ${LOW} and ${HIGH} in 100 tries`);
}
