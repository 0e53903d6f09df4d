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
      const frame = JSON.parse(String(message.data)) as
        { id: number; envelope: Envelope<unknown> } | { event: EventName; payload: unknown };
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
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method: name, input }));
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

export function toError(payload: ApiErrorPayload): PermanenceError {
  return new PermanenceError(payload.code, payload.message, payload.issues);
}
