import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildClient } from '../../shared/api';

/**
 * The whole surface the page gets: `window.permanence`, one function per contract method (`permanence.firms.list`)
 * plus `events.subscribe` for the contract's events (buildClient refuses any other name). No ipcRenderer, no
 * generic send, no channel chosen by the page.
 *
 * Each method resolves with the dispatcher's envelope `{ok, value} | {ok: false, error}` rather than throwing:
 * contextBridge copies a rejected Error with its message only, so `code` and the field `issues` a form needs
 * would be lost. renderer/api/electron-client.ts turns envelopes back into values and PermanenceErrors.
 */
const bridge = buildClient(
  (name, input) => ipcRenderer.invoke(name, input),
  (name, listener) => {
    // The IpcRendererEvent (which holds `sender`, i.e. ipcRenderer) never reaches the page: payload only.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(name, forward);
    return () => {
      ipcRenderer.removeListener(name, forward);
    };
  },
);

contextBridge.exposeInMainWorld('permanence', bridge);
