import { METHOD_NAMES, type Envelope } from '../../shared/api';
import type { Dispatch } from './dispatch';

/**
 * Binds the contract to Electron's IPC. Typed structurally so this file never imports 'electron' (only
 * main/electron/ may): main/electron passes the real ipcMain, tests pass a fake.
 */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcBindingOptions {
  ipcMain: IpcMainLike;
  dispatch: Dispatch;
  /** true only for our own page (file://…/dist/renderer/index.html or the dev server). */
  isTrustedUrl: (url: string) => boolean;
  logger: { error(message: string, detail?: unknown): void };
}

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Appel refusé : il ne vient pas de la fenêtre de Permanence.' },
};

/**
 * One `handle` per contract method (one method per channel, never a generic one). The sender is checked before
 * anything else: a frame that is not our top-level page (a navigated-away window, an injected iframe) gets
 * FORBIDDEN and the handler never runs. Results travel as envelopes, never as thrown errors, because Electron's
 * IPC and contextBridge strip an error's code and field issues.
 */
export function bindIpc(options: IpcBindingOptions): () => void {
  for (const name of METHOD_NAMES) {
    options.ipcMain.handle(name, async (event, input) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !options.isTrustedUrl(frame.url)) {
        options.logger.error(`IPC ${name} refused from a foreign sender`, { url: frame?.url.slice(0, 200) ?? null });
        return FORBIDDEN;
      }
      return options.dispatch(name, input);
    });
  }
  return () => {
    for (const name of METHOD_NAMES) options.ipcMain.removeHandler(name);
  };
}
