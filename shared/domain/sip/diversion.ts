import { parseParams } from './header-list';
import type { NameAddr } from './name-addr';
import type { CalledCandidate, DiversionInfo, DiversionReason } from './types';

/** A header entry kept together with its text, so candidates can quote what was received. */
export interface HeaderEntry {
  raw: string;
  addr: NameAddr;
}

const KNOWN_REASONS: ReadonlySet<string> = new Set<DiversionReason>([
  'unknown',
  'user-busy',
  'no-answer',
  'unavailable',
  'unconditional',
  'time-of-day',
  'do-not-disturb',
  'deflection',
  'follow-me',
  'out-of-service',
  'away',
]);

// Spellings seen from PBXs that do not follow RFC 5806 to the letter.
const REASON_ALIASES: Record<string, DiversionReason> = {
  busy: 'user-busy',
  'no-reply': 'no-answer',
  noanswer: 'no-answer',
  'not-reachable': 'unavailable',
  cfu: 'unconditional',
  cfb: 'user-busy',
  cfnr: 'no-answer',
};

// RFC 4458 §3 maps SIP response codes to the reasons of the redirection they stand for.
const CAUSE_REASONS: Record<string, DiversionReason> = {
  '302': 'unconditional',
  '404': 'unknown',
  '408': 'no-answer',
  '480': 'unavailable',
  '486': 'user-busy',
  '487': 'deflection',
  '503': 'unavailable',
};

export function normaliseDiversionReason(value: string | undefined): DiversionReason {
  const reason = (value ?? '').trim().toLowerCase();
  if (KNOWN_REASONS.has(reason)) return reason as DiversionReason;
  return REASON_ALIASES[reason] ?? 'unknown';
}

function parseCounter(value: string | undefined): number {
  const counter = Number.parseInt(value ?? '', 10);
  // RFC 5806: an absent counter means one diversion.
  return Number.isFinite(counter) && counter >= 1 ? counter : 1;
}

/** `diversions` are in candidate order: bottom-most (original) first. */
export function diversionFromDiversionHeader(diversions: HeaderEntry[], from: CalledCandidate): DiversionInfo | null {
  const original = diversions[0];
  if (!original) return null;
  return {
    reason: normaliseDiversionReason(original.addr.params.get('reason')),
    counter: diversions.reduce((sum, entry) => sum + parseCounter(entry.addr.params.get('counter')), 0),
    from,
  };
}

/** The SIP cause an History-Info entry carries: RFC 4458 `cause=` on the URI, or an escaped `Reason: SIP;cause=`. */
function historyCause(entry: HeaderEntry): string | undefined {
  const { uri } = entry.addr;
  const param = uri.params.get('cause') ?? uri.userParams.get('cause');
  if (param) return param;
  const reason = uri.headers.get('reason');
  if (!reason) return undefined;
  // A Reason header may list several protocols ("SIP;cause=302, Q.850;cause=16"); only SIP codes map.
  for (const value of reason.split(',')) {
    const semi = value.indexOf(';');
    if (semi === -1 || value.slice(0, semi).trim().toUpperCase() !== 'SIP') continue;
    const cause = parseParams(value.slice(semi + 1)).get('cause');
    if (cause) return cause;
  }
  return undefined;
}

/**
 * `history` is sorted by index, original target first. Entries without any cause are plain proxy hops, not
 * diversions, so a History-Info without causes reports no diversion.
 */
export function diversionFromHistoryInfo(history: HeaderEntry[], from: CalledCandidate): DiversionInfo | null {
  const causes = history.map(historyCause).filter((cause): cause is string => cause !== undefined);
  const first = causes[0];
  if (first === undefined) return null;
  return { reason: CAUSE_REASONS[first.trim()] ?? 'unknown', counter: causes.length, from };
}
