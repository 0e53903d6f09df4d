import { extractCaller } from './caller';
import { diversionFromDiversionHeader, diversionFromHistoryInfo, type HeaderEntry } from './diversion';
import { headerEntries, type RawHeaders } from './header-list';
import { parseNameAddr } from './name-addr';
import { uriToE164 } from './uri-number';
import type { CalledCandidate, CalledSource, DiversionInfo, InviteInput, ParsedInvite } from './types';

function parseEntries(headers: RawHeaders, name: string): HeaderEntry[] {
  return headerEntries(headers, name).map((raw) => ({ raw, addr: parseNameAddr(raw) }));
}

function toCandidate(source: CalledSource, entry: HeaderEntry): CalledCandidate {
  const candidate: CalledCandidate = {
    source,
    raw: entry.raw,
    user: entry.addr.uri.user,
    e164: uriToE164(entry.addr.uri),
  };
  if (entry.addr.displayName) candidate.displayName = entry.addr.displayName;
  return candidate;
}

/** "1.1.2" → [1, 1, 2]; anything else → null (missing or garbled index). */
function parseIndex(value: string | undefined): number[] | null {
  if (value === undefined || !/^\d+(\.\d+)*$/.test(value.trim())) return null;
  return value.trim().split('.').map(Number);
}

function compareIndexes(a: number[] | null, b: number[] | null): number {
  // Entries without an index go after indexed ones; the stable sort keeps them in wire order,
  // which is also chronological since every hop appends its entry.
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

function sortByIndex(history: HeaderEntry[]): HeaderEntry[] {
  return history
    .map((entry) => ({ entry, index: parseIndex(entry.addr.params.get('index')) }))
    .sort((x, y) => compareIndexes(x.index, y.index))
    .map(({ entry }) => entry);
}

/** Keeps the first candidate per number; non-numbers (extensions, names) are kept once per user part. */
function dedupe(candidates: CalledCandidate[]): CalledCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (candidate.user === '') return false;
    const key = candidate.e164 ?? `user:${candidate.user.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads an incoming INVITE: the numbers it may have been dialled to (original target first), the caller,
 * and the diversion that brought it here. Never throws: unknown or garbled headers just yield fewer candidates.
 */
export function parseInviteHeaders(input: InviteInput): ParsedInvite {
  const { headers } = input;
  // The top-most Diversion is the latest hop; the bottom-most names the number the caller actually dialled.
  const diversions = parseEntries(headers, 'diversion').reverse();
  const history = sortByIndex(parseEntries(headers, 'history-info'));
  const calledParty = parseEntries(headers, 'p-called-party-id').slice(0, 1);
  const to = parseEntries(headers, 'to').slice(0, 1);
  const requestUriText = input.requestUri.trim();
  const requestUri = requestUriText === '' ? [] : [{ raw: requestUriText, addr: parseNameAddr(requestUriText) }];

  const diversionCandidates = diversions.map((e) => toCandidate('diversion', e));
  const historyCandidates = history.map((e) => toCandidate('history-info', e));

  let diversion: DiversionInfo | null = null;
  if (diversionCandidates[0]) diversion = diversionFromDiversionHeader(diversions, diversionCandidates[0]);
  else if (historyCandidates[0]) diversion = diversionFromHistoryInfo(history, historyCandidates[0]);

  return {
    calledCandidates: dedupe([
      ...diversionCandidates,
      ...historyCandidates,
      ...calledParty.map((e) => toCandidate('p-called-party-id', e)),
      ...to.map((e) => toCandidate('to', e)),
      ...requestUri.map((e) => toCandidate('request-uri', e)),
    ]),
    caller: extractCaller(headers),
    diversion,
  };
}
