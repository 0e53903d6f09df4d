/**
 * Low-level helpers over a header map as sip.js hands it to us: names in any case, compact forms,
 * several entries per value.
 */

export type RawHeaders = Record<string, string[]>;

// RFC 3261 §7.3.3 compact forms; only the ones that carry identities matter here.
const COMPACT_FORMS: Record<string, string> = { t: 'to', f: 'from' };

function canonicalName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT_FORMS[lower] ?? lower;
}

/**
 * Splits `text` on `separator` wherever it is not inside a quoted string or inside `<...>`:
 * display names ("Dupont, Martin") and URIs (escaped headers, odd user parts) may both hold the separator.
 */
export function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  let angleDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inQuotes) {
      current += ch;
      if (ch === '\\' && i + 1 < text.length) {
        current += text.charAt(++i);
      } else if (ch === '"') {
        inQuotes = false;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === '<') angleDepth++;
    else if (ch === '>' && angleDepth > 0) angleDepth--;
    else if (ch === separator && angleDepth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Every entry of a header, in the order they appear on the wire: values of several header lines first to last,
 * then comma-separated entries within a line left to right. The same header may be present under several
 * spellings ("Diversion", "diversion"); they are concatenated in the map's key order.
 */
export function headerEntries(headers: RawHeaders, name: string): string[] {
  const wanted = canonicalName(name);
  const entries: string[] = [];
  for (const [key, values] of Object.entries(headers)) {
    if (canonicalName(key) !== wanted) continue;
    for (const value of values) entries.push(...splitOutsideQuotes(value, ','));
  }
  return entries;
}

export function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return trimmed;
}

/** `;a=1;b;c="x;y"` → {a: '1', b: '', c: 'x;y'}; names are case-insensitive, so they are lowercased. */
export function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of splitOutsideQuotes(text, ';')) {
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === '' || params.has(name)) continue;
    params.set(name, eq === -1 ? '' : unquote(part.slice(eq + 1)));
  }
  return params;
}

export function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A lone '%' from a sloppy PBX must not throw away the whole header.
    return text;
  }
}
