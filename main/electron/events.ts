import type { WebContents } from 'electron';
import type { EventName, EventPayload } from '../../shared/api';

/**
 * Events main pushes to the renderer, one channel per contract event (the preload listens to exactly those),
 * including the OS ones only Electron produces (`system:resumed`, `call:shortcut`).
 */
export function createEventSender(getContents: () => WebContents | null) {
  return {
    emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
      const contents = getContents();
      if (!contents || contents.isDestroyed()) return;
      contents.send(name, payload);
    },
  };
}
export type EventSender = ReturnType<typeof createEventSender>;
