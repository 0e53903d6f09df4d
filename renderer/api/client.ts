import { createContext, useContext } from 'react';
import type { PermanenceClient } from '../../shared/api';
import { fromElectronBridge, type ElectronBridge } from './electron-client';
import { createHarnessClient } from './harness-client';

declare global {
  interface Window {
    /** Electron's preload bridge: the contract's methods, answering with envelopes. */
    permanence?: ElectronBridge;
  }
}

/**
 * The only module that reads `window.permanence`. In Electron the preload provides it; in the browser harness
 * the page URL carries the per-run token and we speak to the harness over its WebSocket.
 */
export function resolveClient(): PermanenceClient {
  if (window.permanence) return fromElectronBridge(window.permanence);
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) throw new Error('Permanence: no preload API and no harness token in the URL.');
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createHarnessClient(`${scheme}://${window.location.host}/api?token=${encodeURIComponent(token)}`);
}

export const ApiContext = createContext<PermanenceClient | null>(null);

export function useApi(): PermanenceClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
