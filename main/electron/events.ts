import type { WebContents } from 'electron';
import { EVENT_NAMES, type EventName, type EventPayload } from '../../shared/api';

/**
 * Events main pushes to the renderer, one channel per contract event (the preload listens to exactly those).
 * OS events below are not in the contract yet: `sendOsEvent` checks at run time that the contract declares the
 * name, so until it does they are dropped (and logged) instead of being sent on a channel nobody may listen to.
 */
export interface OsEvents {
  /** The machine woke up: sip.js must re-register at once (its sockets died during sleep). */
  'system:resumed': { at: number };
  /** A global shortcut was pressed while another application had the focus. */
  'call:shortcut': { action: 'answer' | 'hangup' };
}

export function createEventSender(
  getContents: () => WebContents | null,
  logger: { error(m: string, d?: unknown): void },
) {
  function send(name: string, payload: unknown): void {
    const contents = getContents();
    if (!contents || contents.isDestroyed()) return;
    contents.send(name, payload);
  }
  return {
    emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
      send(name, payload);
    },
    sendOsEvent<K extends keyof OsEvents>(name: K, payload: OsEvents[K]): void {
      if (!(EVENT_NAMES as readonly string[]).includes(name)) {
        logger.error(`event ${name} is not declared in shared/api.ts; not sent`);
        return;
      }
      send(name, payload);
    },
  };
}
export type EventSender = ReturnType<typeof createEventSender>;
