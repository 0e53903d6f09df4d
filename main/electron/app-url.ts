import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the renderer lives, and the one question every guard asks: "is this URL our own page?". Navigation,
 * IPC sender checks and permission handlers all go through here so they can never disagree.
 */
export interface AppUrl {
  /** What the window loads: the built index.html as a file URL, or the Vite dev server in `npm run dev`. */
  readonly url: string;
  /** true for our page (any query or hash), false for everything else, including other local files. */
  isAppUrl(candidate: string | undefined | null): boolean;
  /** true for the origin Chromium reports for our page in permission checks ("file://" or the dev origin). */
  isAppOrigin(origin: string | undefined | null): boolean;
  /** The dev server origin, when there is one (the CSP must then allow its HMR socket). */
  readonly devOrigin: string | null;
}

export function createAppUrl(options: { rendererIndex: string; devUrl?: string | undefined }): AppUrl {
  const dev = options.devUrl ? parseDevUrl(options.devUrl) : null;
  if (dev) {
    return {
      url: dev.href,
      devOrigin: dev.origin,
      isAppUrl: (candidate) => parse(candidate)?.origin === dev.origin,
      isAppOrigin: (origin) => stripSlash(origin ?? '') === dev.origin,
    };
  }
  const index = pathToFileURL(path.resolve(options.rendererIndex));
  return {
    url: index.href,
    devOrigin: null,
    // Exact file, not "any file:": a page that reached another local file must not inherit our IPC.
    isAppUrl: (candidate) => {
      const url = parse(candidate);
      return url !== null && url.protocol === 'file:' && url.host === index.host && url.pathname === index.pathname;
    },
    // Chromium gives file pages the opaque origin "file://" in permission checks; navigation to other files is
    // refused by the window guard, so the origin check cannot be reached by a foreign file page.
    isAppOrigin: (origin) => origin === 'file://' || origin === 'file:///',
  };
}

function parseDevUrl(value: string): URL {
  const url = parse(value);
  // Only a loopback http server: PERMANENCE_DEV_URL must never turn the app into a browser of remote pages.
  if (!url || url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`PERMANENCE_DEV_URL must be a loopback http URL, got ${value}`);
  }
  return url;
}

function parse(value: string | undefined | null): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function stripSlash(value: string): string {
  return value.endsWith('/') ? value.slice(0, -1) : value;
}
