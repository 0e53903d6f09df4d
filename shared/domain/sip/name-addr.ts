import { stripBidiControls } from '../text';
import { parseParams, percentDecode, splitOutsideQuotes, unquote } from './header-list';

/** A SIP/SIPS/TEL URI broken into the pieces the matching rules look at. */
export interface ParsedUri {
  /** Lowercased scheme ('sip', 'sips', 'tel'), or '' when the PBX sent a bare number or user@host. */
  scheme: string;
  /** Percent-decoded user part without its parameters; for tel: the number. */
  user: string;
  /** Parameters inside the user part (`;npdi;rn=…;phone-context=…` before the '@'). */
  userParams: Map<string, string>;
  host: string;
  /** URI parameters (after the host; for tel: the number's parameters). */
  params: Map<string, string>;
  /** Escaped headers after '?', names lowercased, values percent-decoded (e.g. History-Info's Reason). */
  headers: Map<string, string>;
}

export interface NameAddr {
  displayName?: string;
  uri: ParsedUri;
  /** Header parameters (after '>' or, without brackets, after the URI as RFC 3261 §20 says). */
  params: Map<string, string>;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):(.*)$/is;

function parseUriHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = percentDecode(pair.slice(0, eq)).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, percentDecode(pair.slice(eq + 1)).trim());
  }
  return headers;
}

function splitFirst(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

export function parseUri(text: string): ParsedUri {
  const trimmed = text.trim();
  const match = SCHEME.exec(trimmed);
  // "0142000001@pbx" or "+33142000001" without a scheme: treated like a sip URI so the user part still counts.
  const scheme = match ? (match[1] ?? '').toLowerCase() : '';
  const rest = match ? (match[2] ?? '') : trimmed;
  const [body, headerText] = splitFirst(rest, '?');
  const headers = parseUriHeaders(headerText);

  if (scheme === 'tel') {
    const [number, paramText] = splitFirst(body, ';');
    const params = parseParams(paramText);
    return { scheme, user: percentDecode(number).trim(), userParams: params, host: '', params, headers };
  }

  const at = body.indexOf('@');
  const userInfo = at === -1 ? '' : body.slice(0, at);
  const hostPart = at === -1 ? body : body.slice(at + 1);
  const [userWithPassword, userParamText] = splitFirst(userInfo, ';');
  const [user] = splitFirst(userWithPassword, ':');
  const [host, paramText] = splitFirst(hostPart, ';');
  return {
    scheme,
    user: percentDecode(user).trim(),
    userParams: parseParams(userParamText),
    host: host.trim().toLowerCase(),
    params: parseParams(paramText),
    headers,
  };
}

function cleanDisplayName(text: string): string | undefined {
  // Bidi controls would let a caller disguise a name (« Cabinet \u202Egnp.exe » shown as « Cabinet exe.png »).
  const name = stripBidiControls(unquote(text)).replace(/\s+/g, ' ').trim();
  return name === '' ? undefined : name;
}

/** Index of the first character `ch` that is not inside a quoted string, or -1. */
function indexOutsideQuotes(text: string, ch: string): number {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inQuotes && c === '\\') i++;
    else if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === ch) return i;
  }
  return -1;
}

/**
 * Parses one header entry: `"Name" <uri>;params`, `Name <uri>`, `<uri>;params` or a bare `uri;params`.
 */
export function parseNameAddr(entry: string): NameAddr {
  const text = entry.trim();
  const open = indexOutsideQuotes(text, '<');
  if (open !== -1) {
    const close = text.indexOf('>', open + 1);
    const uriText = close === -1 ? text.slice(open + 1) : text.slice(open + 1, close);
    const after = close === -1 ? '' : text.slice(close + 1);
    return {
      displayName: cleanDisplayName(text.slice(0, open)),
      uri: parseUri(uriText),
      params: parseParams(after),
    };
  }

  // Not allowed by the grammar, but seen: a quoted display name followed by a bare URI.
  let displayName: string | undefined;
  let addrSpec = text;
  if (text.startsWith('"')) {
    const [quoted, ...rest] = splitOutsideQuotes(text, ' ');
    displayName = cleanDisplayName(quoted ?? '');
    addrSpec = rest.join(' ');
  }
  const uri = parseUri(addrSpec);
  // Without brackets the parameters after the URI belong to the header (RFC 3261 §20); they stay visible on the
  // URI too, because tel: parameters such as phone-context cannot be told apart from header ones.
  return { displayName, uri, params: uri.params };
}
