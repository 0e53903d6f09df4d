/**
 * What a link in a consigne may do. The window is the secretary's workplace (a call in progress, a message being
 * typed): no link may ever navigate it. Web and mail links leave the app, phone numbers go to the softphone,
 * everything else (relative paths, javascript:, data:, file:, custom schemes) stays text.
 */
export type LinkAction = { kind: 'external'; url: string } | { kind: 'tel'; number: string } | { kind: 'inert' };

const inert: LinkAction = { kind: 'inert' };

/** RFC 3966 visual separators, and the spaces people type anyway. */
const VISUAL_SEPARATORS = /[\s.\-()]/g;

export function classifyLink(href: string | null | undefined): LinkAction {
  if (!href) return inert;
  let url: URL;
  try {
    // No base URL on purpose: a relative link ("/firms", "?x", "//host") does not parse, so it is inert.
    url = new URL(href);
  } catch {
    return inert;
  }
  switch (url.protocol) {
    case 'https:':
    case 'http:':
      return url.hostname ? { kind: 'external', url: url.href } : inert;
    case 'mailto:':
      return url.pathname.length > 0 && !url.pathname.includes('/') ? { kind: 'external', url: url.href } : inert;
    case 'tel:': {
      const number = telNumber(url.pathname);
      return number ? { kind: 'tel', number } : inert;
    }
    default:
      return inert;
  }
}

function telNumber(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const number = decoded.replace(VISUAL_SEPARATORS, '');
  return /^\+?[0-9]{2,20}$/.test(number) ? number : null;
}
