import { dialog, shell, type BrowserWindow, type Session, type WebContents } from 'electron';
import type { AppUrl } from './app-url';

/**
 * The window's walls: the Content-Security-Policy, the navigation and window.open guards, and the only way out
 * to the user's browser (an allow-list, or her confirmation). Electron's security checklist items 6, 7, 13, 14, 15.
 */

/** Hosts the app may send the user to (exact match, https only). Extend here, never with a wildcard. */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['www.cnil.fr', 'www.service-public.fr'];

export function buildCsp(devOrigin: string | null): string {
  // Same policy as the <meta> in renderer/index.html: headers are the preferred delivery, but Electron does not
  // reliably run onHeadersReceived for file:// (electron #23485), so the meta tag is the guaranteed layer.
  // connect-src allows ws:/wss: because sip.js reaches the secretary's PBX over WebSocket, wherever it is.
  const script = devOrigin ? "'self' 'unsafe-inline'" : "'self'"; // Vite's dev preamble is an inline script
  return [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self' blob: data:",
    "connect-src 'self' ws: wss:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function installCsp(session: Session, appUrl: AppUrl): void {
  const policy = buildCsp(appUrl.devOrigin);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!appUrl.isAppUrl(details.url) && !isDevAsset(details.url, appUrl)) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

function isDevAsset(url: string, appUrl: AppUrl): boolean {
  return appUrl.devOrigin !== null && url.startsWith(`${appUrl.devOrigin}/`);
}

export function isAllowedExternal(raw: string, hosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0 && !url.pathname.includes('/');
  // No credentials and no odd port: "https://www.cnil.fr@evil.example" parses with host evil.example anyway,
  // but refusing userinfo outright keeps the rule readable.
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    hosts.includes(url.hostname)
  );
}

export type OpenExternal = (url: string) => Promise<boolean>;

/**
 * A web or mail link that is not on the allow-list but could be one she clicked in a firm's consignes (a plain
 * https/http/mailto URL, no credentials): opened only once she says yes in a native dialog, never silently
 * dropped (she would see nothing happen) and never opened without her (a compromised page cannot push her out).
 */
export function isConfirmableExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0 && !url.pathname.includes('/');
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
}

export type ConfirmExternal = (url: string) => Promise<boolean>;

/** Asks in the app's language; `locale` is read when she clicks, so a language change applies at once. */
export function createExternalConfirm(locale: () => string, parent: () => BrowserWindow | null): ConfirmExternal {
  return async (url) => {
    const fr = locale() !== 'en';
    const options = {
      type: 'question' as const,
      buttons: fr ? ['Ouvrir', 'Annuler'] : ['Open', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: fr ? 'Ouvrir ce lien hors de Permanence ?' : 'Open this link outside Permanence?',
      detail: url.slice(0, 500),
      noLink: true,
    };
    const window = parent();
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return response === 0;
  };
}

/**
 * Opens an allow-listed URL in the user's browser or mail client; another web or mail link after her
 * confirmation (when a `confirm` is given); anything else (file:, javascript:, custom schemes) is refused and
 * logged.
 */
export function createExternalOpener(
  logger: { error(message: string, detail?: unknown): void },
  hosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS,
  confirm?: ConfirmExternal,
): OpenExternal {
  return async (url) => {
    if (!isAllowedExternal(url, hosts)) {
      if (!confirm || !isConfirmableExternal(url)) {
        logger.error('refused to open an external URL outside the allow-list', { url: url.slice(0, 200) });
        return false;
      }
      if (!(await confirm(url))) return false;
    }
    await shell.openExternal(url);
    return true;
  };
}

/** No navigation away from our page, no popups, no <webview>: links leave only through `openExternal`. */
export function guardWebContents(contents: WebContents, appUrl: AppUrl, openExternal: OpenExternal): void {
  // A clicked link to an allow-listed site opens in the browser instead; redirects are simply refused.
  contents.on('will-navigate', (details) => {
    if (appUrl.isAppUrl(details.url)) return;
    details.preventDefault();
    void openExternal(details.url);
  });
  contents.on('will-redirect', (details) => {
    if (!appUrl.isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url);
    return { action: 'deny' };
  });
}
