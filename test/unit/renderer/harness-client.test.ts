// @vitest-environment jsdom
// The browser harness client never leaves a call waiting: a socket that closes rejects every pending call, and a
// frame it cannot read is ignored without breaking the calls that follow.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { PermanenceError } from '../../../shared/api';
import { createHarnessClient } from '../../../renderer/api/harness-client';

let server: WebSocketServer;
let url: string;
/** What the fake harness does with each request it receives. */
let onRequest: (socket: WebSocket, request: { id: number; method: string }) => void;

beforeEach(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api?token=t`;
  server.on('connection', (socket) => {
    socket.on('message', (data) => onRequest(socket, JSON.parse(String(data)) as { id: number; method: string }));
  });
});

afterEach(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('harness client', () => {
  it('rejects a pending call with UNAVAILABLE when the socket closes before the answer', async () => {
    onRequest = (socket) => socket.close(1009, 'too big');
    const client = createHarnessClient(url);
    const failure = await client.app.info({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanenceError);
    expect(failure).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('ignores a frame it cannot read and still resolves the next answer', async () => {
    onRequest = (socket, request) => {
      socket.send('not json');
      socket.send('null');
      socket.send(JSON.stringify({ id: request.id }));
      socket.send(JSON.stringify({ id: request.id, envelope: { ok: true, value: { version: '1.0.0' } } }));
    };
    const client = createHarnessClient(url);
    await expect(client.app.info({})).resolves.toEqual({ version: '1.0.0' });
  });

  it('turns an error envelope into a PermanenceError with its code and issues', async () => {
    onRequest = (socket, request) =>
      socket.send(
        JSON.stringify({
          id: request.id,
          envelope: {
            ok: false,
            error: { code: 'VALIDATION', message: 'non', issues: [{ path: 'id', message: 'x' }] },
          },
        }),
      );
    const client = createHarnessClient(url);
    await expect(client.firms.get({ id: 'f1' })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'id', message: 'x' }],
    });
  });
});
