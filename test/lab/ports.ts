// Free-port picking and port probes on 127.0.0.1 for the lab daemons and sipp.
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';

export type PortKind = 'tcp' | 'udp' | 'both';

function bindTcp(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(null));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const addr = srv.address();
      const got = typeof addr === 'object' && addr ? addr.port : null;
      srv.close(() => resolve(got));
    });
  });
}

function bindUdp(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    sock.once('error', () => {
      sock.close();
      resolve(null);
    });
    sock.bind({ port, address: '127.0.0.1', exclusive: true }, () => {
      const got = sock.address().port;
      sock.close(() => resolve(got));
    });
  });
}

// Ports handed out by this process: never hand out the same one twice, even before it is bound.
const handedOut = new Set<number>();

/**
 * A port free on 127.0.0.1 for TCP, UDP or both (the kernel picks it; for 'both' the UDP side is
 * checked too). Another process may still take it before you bind: start-up retries cover that.
 */
export async function findFreePort(kind: PortKind = 'both'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = kind === 'udp' ? await bindUdp(0) : await bindTcp(0);
    if (first === null || handedOut.has(first)) continue;
    if (kind === 'both' && (await bindUdp(first)) === null) continue;
    handedOut.add(first);
    return first;
  }
  throw new Error('findFreePort: no free port after 50 attempts');
}

/** An even port P with P and P+1..P+3 free for UDP (sipp media: RTP P, RTCP P+1, echo uses P+2). */
export async function findFreeMediaPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 2 * Math.floor((20000 + Math.random() * 20000) / 2);
    if ([0, 1, 2, 3].some((i) => handedOut.has(base + i))) continue;
    const ok = await Promise.all([0, 1, 2, 3].map((i) => bindUdp(base + i)));
    if (ok.every((p) => p !== null)) {
      [0, 1, 2, 3].forEach((i) => handedOut.add(base + i));
      return base;
    }
  }
  throw new Error('findFreeMediaPort: no free block after 50 attempts');
}

/** Is something bound to UDP 127.0.0.1:port (or 0.0.0.0:port)? Read from /proc, no packet sent. */
export function isUdpPortBound(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const local = line.trim().split(/\s+/)[1];
      if (local && local.endsWith(`:${hex}`)) return true;
    }
  }
  return false;
}
