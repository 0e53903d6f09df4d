// The harness survives whatever reaches its port: malformed URLs, hostile Host and Origin headers, and hand-made
// WebSocket frames (written byte by byte over node:net) that break the protocol. After each, a well-formed call
// on a fresh socket still answers: the process lives on.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../../main/harness/server';
import { MAX_FRAME_BYTES } from '../../main/harness/requests';
import { sourceRoot } from '../../main/platform/paths';

let harness: Harness;
let rendererDir: string;

beforeAll(async () => {
  // A tiny stand-in for the built renderer: these tests are about the server, not the page.
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Permanence</title>');
  harness = await startHarness({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-hardening-')),
    rendererDir,
    assetsDir: path.join(sourceRoot(), 'assets'),
  });
});

afterAll(async () => {
  await harness.close();
});

/** Sends raw bytes and collects everything the server writes until it closes the connection. */
class RawConnection {
  private readonly socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private readonly waiters: Array<() => void> = [];
  closed = false;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** Waits until `ready(buffer)` holds or the server closed the connection. */
  async until(ready: (buffer: Buffer) => boolean): Promise<Buffer> {
    while (!ready(this.buffer) && !this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.buffer;
  }

  take(count: number): Buffer {
    const head = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return head;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

async function httpRaw(request: string): Promise<string> {
  const connection = new RawConnection(harness.port);
  connection.write(request);
  const reply = await connection.until((b) => b.includes('\r\n\r\n'));
  connection.destroy();
  return reply.toString('latin1');
}

function statusOf(reply: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1]);
}

function hostHeader(): string {
  return `127.0.0.1:${harness.port}`;
}

/** Opens a WebSocket by hand; resolves once the 101 is read (the rest of the buffer holds frames). */
async function openSocket(headers: Record<string, string> = {}): Promise<RawConnection> {
  const connection = new RawConnection(harness.port);
  const lines = [
    `GET /api?token=${harness.token} HTTP/1.1`,
    `Host: ${headers.host ?? hostHeader()}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...(headers.origin ? [`Origin: ${headers.origin}`] : []),
  ];
  connection.write(`${lines.join('\r\n')}\r\n\r\n`);
  const reply = await connection.until((b) => b.includes('\r\n\r\n'));
  const end = reply.indexOf('\r\n\r\n') + 4;
  const head = connection.take(end).toString('latin1');
  if (statusOf(head) !== 101) {
    connection.destroy();
    throw new Error(`upgrade refused: ${head.split('\r\n')[0]}`);
  }
  return connection;
}

interface FrameOptions {
  opcode?: number;
  fin?: boolean;
  rsv?: number;
  masked?: boolean;
  /** Announce this length instead of the payload's (for the over-size frame). */
  announcedLength?: number;
}

/** A client frame as RFC 6455 §5.2 lays it out. */
function frame(payload: Buffer | string, options: FrameOptions = {}): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const { opcode = 0x1, fin = true, rsv = 0, masked = true } = options;
  const length = options.announcedLength ?? body.length;
  const head: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = masked ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(maskBit | 127, ...big);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), body]);
  const mask = crypto.randomBytes(4);
  const maskedBody = Buffer.from(body.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([Buffer.from(head), mask, maskedBody]);
}

/** Reads one unmasked server frame; null when the connection closed first. */
async function readFrame(connection: RawConnection): Promise<{ opcode: number; payload: Buffer } | null> {
  const complete = (b: Buffer) => b.length >= 2 && b.length >= frameSize(b);
  const buffer = await connection.until(complete);
  if (!complete(buffer)) return null;
  const size = frameSize(buffer);
  const bytes = connection.take(size);
  const short = (bytes[1] ?? 0) & 0x7f;
  const offset = short === 126 ? 4 : short === 127 ? 10 : 2;
  return { opcode: (bytes[0] ?? 0) & 0x0f, payload: bytes.subarray(offset) };
}

function frameSize(b: Buffer): number {
  const short = (b[1] ?? 0) & 0x7f;
  if (short < 126) return 2 + short;
  if (short === 126) return b.length >= 4 ? 4 + b.readUInt16BE(2) : Infinity;
  return b.length >= 10 ? 10 + Number(b.readBigUInt64BE(2)) : Infinity;
}

async function reply(connection: RawConnection): Promise<{ id: unknown; envelope: Record<string, unknown> }> {
  for (;;) {
    const next = await readFrame(connection);
    if (!next) throw new Error('the server closed the socket instead of answering');
    if (next.opcode !== 0x1) continue;
    const parsed = JSON.parse(next.payload.toString('utf8')) as { id?: unknown; event?: unknown };
    if ('event' in parsed) continue;
    return parsed as { id: unknown; envelope: Record<string, unknown> };
  }
}

/** The close frame's status code, once the server has closed the socket. */
async function closeCode(connection: RawConnection): Promise<number | null> {
  for (;;) {
    const next = await readFrame(connection);
    if (!next) return null;
    if (next.opcode === 0x8) return next.payload.length >= 2 ? next.payload.readUInt16BE(0) : null;
  }
}

/** The process is alive and the store answers: a well-formed call on a new socket. */
async function expectHarnessAlive(): Promise<void> {
  const connection = await openSocket();
  connection.write(frame(JSON.stringify({ id: 7, method: 'app:info', input: {} })));
  const answer = await reply(connection);
  expect(answer).toMatchObject({ id: 7, envelope: { ok: true, value: { transport: 'harness' } } });
  connection.destroy();
}

describe('harness HTTP', () => {
  it.each(['/%', '/%E0%A4%A', '/assets/%zz.js', '/%00', '/..%2f..%2fetc%2fpasswd%'])(
    'answers 400 to the malformed path %s and keeps running',
    async (requestPath) => {
      const answer = await httpRaw(`GET ${requestPath} HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer)).toBe(400);
      await expectHarnessAlive();
    },
  );

  it('answers 400 to a request line Node cannot parse', async () => {
    const answer = await httpRaw('GET / HTTP/1.1\r\nHost: \u0001\u0002\r\nBad Header\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    await expectHarnessAlive();
  });

  it('serves the page with the security headers', async () => {
    const answer = await httpRaw(`GET /?token=x HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(200);
    const head = answer.toLowerCase();
    expect(head).toContain("content-security-policy: default-src 'self'");
    expect(head).toContain("frame-ancestors 'none'");
    expect(head).toContain('x-content-type-options: nosniff');
    expect(head).toContain('referrer-policy: no-referrer');
  });

  it('refuses a Host that is not its own (DNS rebinding) with 421', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${harness.port}`,
      '127.0.0.1:1',
      `localhost.evil:${harness.port}`,
    ]) {
      const answer = await httpRaw(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer), host).toBe(421);
    }
    for (const host of [`localhost:${harness.port}`, `[::1]:${harness.port}`]) {
      const answer = await httpRaw(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer), host).toBe(200);
    }
  });

  it('answers 405 to a method other than GET and HEAD', async () => {
    const answer = await httpRaw(`DELETE / HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(405);
  });
});

describe('harness WebSocket handshake', () => {
  it('accepts its own origin, by either loopback name', async () => {
    for (const origin of [`http://127.0.0.1:${harness.port}`, `http://localhost:${harness.port}`]) {
      (await openSocket({ origin })).destroy();
    }
  });

  it.each([
    ['another loopback port', () => `http://127.0.0.1:${harness.port + 1}`],
    ['https on the same port', () => `https://127.0.0.1:${harness.port}`],
    ['a foreign site', () => 'https://evil.example'],
    ['an opaque origin', () => 'null'],
  ])('refuses the origin of %s', async (_label, origin) => {
    await expect(openSocket({ origin: origin() })).rejects.toThrow('403');
  });

  it('answers a broken handshake (bad key, unknown version) with an HTTP error and lives on', async () => {
    for (const [key, version] of [
      ['not-a-key', '13'],
      [crypto.randomBytes(16).toString('base64'), '99'],
    ]) {
      const answer = await httpRaw(
        [
          `GET /api?token=${harness.token} HTTP/1.1`,
          `Host: ${hostHeader()}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          `Sec-WebSocket-Version: ${version}`,
        ].join('\r\n') + '\r\n\r\n',
      );
      expect(statusOf(answer)).toBeGreaterThanOrEqual(400);
    }
    await expectHarnessAlive();
  });

  it('refuses a rebinding Host on the upgrade', async () => {
    await expect(openSocket({ host: `evil.example:${harness.port}` })).rejects.toThrow('403');
  });
});

describe('harness WebSocket frames', () => {
  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"app:info"'],
    ['an array', '[1,2,3]'],
    ['invalid JSON', '{"id": 1, "method": '],
    ['an object without method', '{"id": 3}'],
    ['a method that is not a string', '{"id": 4, "method": {"toString": 1}}'],
  ])('answers %s with an error envelope and keeps the socket', async (_label, text) => {
    const connection = await openSocket();
    connection.write(frame(text));
    const answer = await reply(connection);
    expect(answer.envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // The same socket still serves a good call.
    connection.write(frame(JSON.stringify({ id: 9, method: 'app:info' })));
    expect(await reply(connection)).toMatchObject({ id: 9, envelope: { ok: true } });
    connection.destroy();
  });

  it('echoes the id of a request the contract refuses', async () => {
    const connection = await openSocket();
    connection.write(frame(JSON.stringify({ id: 12, method: 'firms:get', input: { id: 42 } })));
    expect(await reply(connection)).toMatchObject({ id: 12, envelope: { ok: false, error: { code: 'VALIDATION' } } });
    connection.write(frame(JSON.stringify({ id: 13, method: 'store:drop', input: {} })));
    expect(await reply(connection)).toMatchObject({ id: 13, envelope: { ok: false, error: { code: 'FORBIDDEN' } } });
    connection.destroy();
  });

  it('answers a binary frame with an error envelope', async () => {
    const connection = await openSocket();
    connection.write(frame(Buffer.from(JSON.stringify({ id: 1, method: 'app:info' })), { opcode: 0x2 }));
    expect((await reply(connection)).envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    connection.destroy();
  });

  it.each<[string, () => Buffer, number]>([
    ['invalid UTF-8', () => frame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007],
    ['a reserved bit', () => frame('{}', { rsv: 0b010 }), 1002],
    ['an unknown opcode', () => frame('{}', { opcode: 0x3 }), 1002],
    ['an unmasked frame', () => frame('{}', { masked: false }), 1002],
    ['an over-size frame', () => frame(Buffer.alloc(16), { announcedLength: MAX_FRAME_BYTES + 1 }), 1009],
  ])('closes the socket on %s and lives on', async (_label, bytes, code) => {
    const connection = await openSocket();
    connection.write(bytes());
    expect(await closeCode(connection)).toBe(code);
    connection.destroy();
    await expectHarnessAlive();
  });

  it('lives on when a client vanishes in the middle of a frame', async () => {
    const connection = await openSocket();
    connection.write(frame(JSON.stringify({ id: 1, method: 'app:info' })).subarray(0, 5));
    connection.destroy();
    await expectHarnessAlive();
  });
});
