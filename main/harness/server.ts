import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '../../shared/api';
import { createDispatcher } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { createFileLogger } from '../platform/logger';
import { createServices, type Services } from '../services';
import { openStore, type Db } from '../store/open';
import { serveStatic } from './static';

export interface HarnessOptions {
  dataDir: string;
  rendererDir: string;
  assetsDir: string;
  port?: number;
  appVersion?: string;
  now?: () => number;
  /** Fixed token for tests that reconnect after a restart; random otherwise. */
  token?: string;
}

export interface Harness {
  url: string;
  port: number;
  token: string;
  services: Services;
  db: Db;
  close(): Promise<void>;
}

/**
 * The browser harness: the same store, services and contract as Electron's main process, bound to a
 * WebSocket on loopback instead of IPC. Development and test tool only.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = options.token ?? crypto.randomBytes(18).toString('base64url');
  const logger = createFileLogger(options.dataDir);
  const sockets = new Set<WebSocket>();
  const db = openStore({ dataDir: options.dataDir });
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const socket of sockets) socket.send(frame);
  };
  const services = createServices(db, {
    assetsDir: options.assetsDir,
    dataDir: options.dataDir,
    appVersion: options.appVersion ?? '0.0.0-harness',
    transport: 'harness',
    now: options.now,
    emit,
  });
  const dispatch = createDispatcher(createHandlers(services), logger);
  // The mail outbox: queued messages leave by themselves, also those queued before a restart.
  services.messages.startWorker();

  const server = http.createServer((req, res) => serveStatic(path.resolve(options.rendererDir), req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const tokenOk =
      url.pathname === '/api' &&
      timingSafeEqual(url.searchParams.get('token') ?? '', token) &&
      isLoopbackOrigin(req.headers.origin);
    if (!tokenOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      void (async () => {
        let request: { id?: unknown; method?: unknown; input?: unknown };
        try {
          request = JSON.parse(String(data)) as typeof request;
        } catch {
          return;
        }
        const envelope = await dispatch(String(request.method), request.input);
        ws.send(JSON.stringify({ id: request.id, envelope }));
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the harness exposes the whole store without Electron's sender checks.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    services,
    db,
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.messages.stopWorker();
      db.close();
    },
  };
}

function timingSafeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function isLoopbackOrigin(origin: string | undefined): boolean {
  if (!origin) return true;
  try {
    const host = new URL(origin).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}
