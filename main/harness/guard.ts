import crypto from 'node:crypto';

/**
 * The harness's walls. It listens on 127.0.0.1 only, but a web page the secretary visits can still reach
 * loopback: DNS rebinding (a hostile name resolving to 127.0.0.1) is stopped by the Host check, a foreign page
 * opening a WebSocket by the Origin check, framing and MIME sniffing by the response headers.
 */

/** Same policy as the <meta> in renderer/index.html and Electron's header (main/electron/security.ts), where
 * `frame-ancestors` only works as a header. connect-src keeps ws:/wss: because sip.js reaches the PBX. */
export const HARNESS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
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

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': HARNESS_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // The page URL carries the token: never hand it to another site as a Referer.
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host header must name this harness (loopback name and our port), never a name that resolves here. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const wanted = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => wanted === `${name}:${port}`);
}

/**
 * A browser always sends Origin on a WebSocket: it must be this harness's own (http, loopback name, our port).
 * No Origin at all means a non-browser client (tests, scripts), which still needs the token.
 */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const wanted = origin.toLowerCase();
  return LOOPBACK_NAMES.some((name) => wanted === `http://${name}:${port}`);
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
