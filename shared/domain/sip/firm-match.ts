import { formatPhoneForDisplay, toE164, type E164 } from '../phone';
import type { CalledSource, DiversionReason, ParsedInvite } from './types';

export interface FirmDirectoryEntry {
  firmId: string;
  /** The firm's numbers, E.164 (other spellings are normalised when the index is built). */
  numbers: string[];
}

/** E.164 number → firm id. Build it once per directory change and reuse it for every call. */
export type FirmNumberIndex = ReadonlyMap<E164, string>;

export interface FirmMatch {
  firmId: string;
  matchedBy: { source: CalledSource; e164: E164; raw: string };
}

/**
 * When two firms list the same number, the first one in the directory keeps it: a deterministic answer beats
 * one that depends on map iteration, and the settings screen is the place to report the conflict.
 */
export function buildFirmNumberIndex(directory: readonly FirmDirectoryEntry[]): FirmNumberIndex {
  const index = new Map<E164, string>();
  for (const firm of directory) {
    for (const number of firm.numbers) {
      const e164 = toE164(number);
      if (e164 && !index.has(e164)) index.set(e164, firm.firmId);
    }
  }
  return index;
}

function isIndex(directory: FirmNumberIndex | readonly FirmDirectoryEntry[]): directory is FirmNumberIndex {
  return directory instanceof Map;
}

/** The firm the call is for: the first candidate, original target first, whose number belongs to a firm. */
export function matchFirm(
  parsed: Pick<ParsedInvite, 'calledCandidates'>,
  directory: FirmNumberIndex | readonly FirmDirectoryEntry[],
): FirmMatch | null {
  const index = isIndex(directory) ? directory : buildFirmNumberIndex(directory);
  for (const candidate of parsed.calledCandidates) {
    if (candidate.e164 === null) continue;
    const firmId = index.get(candidate.e164);
    if (firmId !== undefined) {
      return { firmId, matchedBy: { source: candidate.source, e164: candidate.e164, raw: candidate.raw } };
    }
  }
  return null;
}

const SOURCE_LABEL_KEYS: Record<CalledSource, string> = {
  diversion: 'call.matchedBy.diversion',
  'history-info': 'call.matchedBy.historyInfo',
  'p-called-party-id': 'call.matchedBy.pCalledPartyId',
  to: 'call.matchedBy.to',
  'request-uri': 'call.matchedBy.requestUri',
};

export interface MatchDescription {
  firmId: string;
  source: CalledSource;
  /** i18n key naming the source ("via Diversion"); the sentence itself belongs to the UI's locale files. */
  sourceLabelKey: string;
  e164: E164;
  /** The number as a French secretary reads it ("01 42 00 00 01"), international format for foreign numbers. */
  formattedNumber: string;
}

export function describeMatch(match: FirmMatch): MatchDescription {
  return {
    firmId: match.firmId,
    source: match.matchedBy.source,
    sourceLabelKey: SOURCE_LABEL_KEYS[match.matchedBy.source],
    e164: match.matchedBy.e164,
    formattedNumber: formatPhoneForDisplay(match.matchedBy.e164),
  };
}

const DIVERSION_LABEL_KEYS: Record<DiversionReason, string> = {
  unknown: 'call.diversion.unknown',
  'user-busy': 'call.diversion.userBusy',
  'no-answer': 'call.diversion.noAnswer',
  unavailable: 'call.diversion.unavailable',
  unconditional: 'call.diversion.unconditional',
  'time-of-day': 'call.diversion.timeOfDay',
  'do-not-disturb': 'call.diversion.doNotDisturb',
  deflection: 'call.diversion.deflection',
  'follow-me': 'call.diversion.followMe',
  'out-of-service': 'call.diversion.outOfService',
  away: 'call.diversion.away',
};

export function diversionReasonLabelKey(reason: DiversionReason): string {
  return DIVERSION_LABEL_KEYS[reason];
}
