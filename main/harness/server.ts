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
import { devStoreKey } from '../services/privacy/dev-store';
import { openStoreOrRecovery, type Db } from '../store/open';
import { guardRecoveryMode } from '../api/recovery-guard';
import { guardAppLock } from '../api/lock-guard';
import { createLiveStore } from '../api/live-store';
import { isOwnHost, isOwnOrigin, sameSecret, SECURITY_HEADERS } from './guard';
import { answerFrame, MAX_FRAME_BYTES } from './requests';
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
  /** The current store and services (a backup restored from the app replaces both). */
  readonly services: Services;
  readonly db: Db;
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
  // The store is encrypted like the app's, with the DEV-ONLY key file of the data directory (a plain store left
  // by an older harness is encrypted first). A damaged or lost store starts recovery mode (only recovery:*
  // answered), never an empty workspace.
  const key = devStoreKey(options.dataDir, { create: true, log: logger.info });
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  // The store and the services over it can be replaced while the harness runs (a backup restored from the
  // app: main/api/live-store.ts); the transport always reaches the current ones.
  const live = createLiveStore<Services>({
    open: () => openStoreOrRecovery({ dataDir: options.dataDir, ...(key ? { key } : {}) }),
    build: (db, damage, storeHost) => {
      const services = createServices(db, {
        assetsDir: options.assetsDir,
        dataDir: options.dataDir,
        appVersion: options.appVersion ?? '0.0.0-harness',
        transport: 'harness',
        now: options.now,
        emit,
        ...(damage ? { recovery: { damage, log: logger.error, ...(key ? { key } : {}) } } : {}),
        // The app lock's passphrase slot wraps this (dev-only) key in keys.json, as the app's wraps its own.
        ...(key ? { storeKey: key } : {}),
        storeHost,
      });
      // Locked (issue 12): only the lock and the ringing call are answered, as in the app.
      const dispatch = guardRecoveryMode(
        guardAppLock(createDispatcher(createHandlers(services), logger), () => services.lock.isLocked()),
        damage,
      );
      return { services, dispatch };
    },
    start: (services) => {
      // The mail outbox: queued messages leave by themselves, also those queued before a restart.
      services.messages.startWorker();
      // The agendas' CalDAV sync: queued appointment writes replayed, calendars read every few minutes.
      services.agendaSync.engine.start();
    },
    stop: async (services) => {
      await services.messages.stopWorker();
      await services.agendaSync.engine.stop();
    },
    access: key ? { key } : {},
  });

  let port = 0;
  const root = path.resolve(options.rendererDir);
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!isOwnHost(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Misdirected request: this harness answers to 127.0.0.1 and localhost only.');
      return;
    }
    serveStatic(root, req, res, logger);
  });
  // A malformed request line or header: Node's parser refuses it; answer 400 instead of throwing.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code !== 'ECONNRESET' && socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', (error) => logger.error('harness WebSocket server error', error));
  server.on('upgrade', (req, socket, head) => {
    // Node hands the raw socket over without its own error handling: a reset must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    let allowed = false;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      allowed =
        url.pathname === '/api' &&
        isOwnHost(req.headers.host, port) &&
        isOwnOrigin(req.headers.origin, port) &&
        sameSecret(url.searchParams.get('token') ?? '', token);
    } catch {
      allowed = false;
    }
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // Protocol errors (reserved bits, unknown opcode, unmasked or over-size frame, invalid UTF-8): ws closes
    // this socket with the right code; without a listener the 'error' event would end the process.
    ws.on('error', (error) => logger.error('harness WebSocket closed on a protocol error', error.message));
    ws.on('message', (data, isBinary) => {
      void answerFrame(data, isBinary, live.dispatch, logger).then((frame) => {
        if (ws.readyState === ws.OPEN) ws.send(frame);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the harness exposes the whole store without Electron's sender checks.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error('harness HTTP server error', error));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    get services() {
      return live.services;
    },
    get db() {
      return live.db;
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await live.close();
    },
  };
}
