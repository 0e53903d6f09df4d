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

const INTERNAL: Envelope<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Une erreur interne est survenue ; le détail est dans le journal.' },
};

/** true for our own top-level page; otherwise what to log about the sender (a destroyed frame may throw). */
function trustedSender(event: InvokeEventLike, isTrustedUrl: (url: string) => boolean): true | string | null {
  try {
    const frame = event.senderFrame;
    if (!frame) return null;
    const url = String(frame.url);
    return frame.parent === null && isTrustedUrl(url) ? true : url.slice(0, 200);
  } catch {
    return null;
  }
}

/**
 * One `handle` per contract method (one method per channel, never a generic one). The sender is checked before
 * anything else: a frame that is not our top-level page (a navigated-away window, an injected iframe) gets
 * FORBIDDEN and the handler never runs. Results travel as envelopes, never as thrown errors, because Electron's
 * IPC and contextBridge strip an error's code and field issues.
 */
export function bindIpc(options: IpcBindingOptions): () => void {
  const log = (message: string, detail?: unknown) => {
    try {
      options.logger.error(message, detail);
    } catch {
      // The log is a witness, never a reason to fail a call.
    }
  };
  for (const name of METHOD_NAMES) {
    options.ipcMain.handle(name, async (event, input) => {
      // Whatever the page sends (wrong types, cycles, functions, `__proto__` keys, 100 MB strings) ends as an
      // envelope: a throw here would reach the page as a bare Error, and nothing here may take main down.
      try {
        const url = trustedSender(event, options.isTrustedUrl);
        if (url !== true) {
          log(`IPC ${name} refused from a foreign sender`, { url });
          return FORBIDDEN;
        }
        return await options.dispatch(name, input);
      } catch (error) {
        log(`IPC ${name} failed outside the dispatcher`, error instanceof Error ? error.message : String(error));
        return INTERNAL;
      }
    });
  }
  return () => {
    for (const name of METHOD_NAMES) options.ipcMain.removeHandler(name);
  };
}
