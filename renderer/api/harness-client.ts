import {
  buildClient,
  PermanenceError,
  type ApiErrorPayload,
  type Envelope,
  type EventName,
  type PermanenceClient,
} from '../../shared/api';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The browser harness transport: the same contract over a WebSocket to the Node harness, which binds the same
 * handlers as Electron's IPC. Requests sent while the socket (re)connects wait for it instead of failing.
 */
export function createHarnessClient(wsUrl: string): PermanenceClient {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;

  function connect(): void {
    socket = new WebSocket(wsUrl);
    ready = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new PermanenceError('UNAVAILABLE', 'Harness injoignable.')), {
        once: true,
      });
    });
    ready.catch(() => undefined);
    socket.addEventListener('message', (message) => {
      const frame = readFrame(message.data);
      if (!frame) return;
      if ('event' in frame) {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
        return;
      }
      const waiter = pending.get(frame.id);
      if (!waiter) return;
      pending.delete(frame.id);
      if (frame.envelope.ok) waiter.resolve(frame.envelope.value);
      else waiter.reject(toError(frame.envelope.error));
    });
    socket.addEventListener('close', () => {
      for (const waiter of pending.values()) {
        waiter.reject(new PermanenceError('UNAVAILABLE', 'Connexion au harness perdue.'));
      }
      pending.clear();
      window.setTimeout(connect, 500);
    });
  }
  connect();

  return buildClient(
    async (name, input) => {
      await ready;
      const id = nextId++;
      const request = JSON.stringify({ id, method: name, input });
      // A socket that closed since `ready` would drop the request silently: fail now instead of waiting forever.
      if (socket.readyState !== WebSocket.OPEN)
        throw new PermanenceError('UNAVAILABLE', 'Connexion au harness perdue.');
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(request);
      });
    },
    (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  );
}

type Frame = { id: number; envelope: Envelope<unknown> } | { event: EventName; payload: unknown };

/** A frame that is not one of ours (unreadable, or without an id and envelope) is ignored, never thrown. */
function readFrame(data: unknown): Frame | null {
  let frame: unknown;
  try {
    frame = JSON.parse(String(data));
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null) return null;
  if ('event' in frame && typeof frame.event === 'string') return frame as Frame;
  if ('id' in frame && 'envelope' in frame && typeof frame.envelope === 'object' && frame.envelope !== null) {
    return frame as Frame;
  }
  return null;
}

export function toError(payload: ApiErrorPayload): PermanenceError {
  return new PermanenceError(payload.code, payload.message, payload.issues, payload.text);
}
