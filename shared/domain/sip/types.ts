import type { E164 } from '../phone';

/** What `phone/` extracts from a sip.js Invitation: the Request-URI and every header as raw strings. */
export interface InviteInput {
  requestUri: string;
  /** Header name (any case, compact forms allowed) → one string per header line. */
  headers: Record<string, string[]>;
}

export type CalledSource = 'diversion' | 'history-info' | 'p-called-party-id' | 'to' | 'request-uri';

/** A number the call may have been dialled to. */
export interface CalledCandidate {
  source: CalledSource;
  /** The header entry as received, for logs and diagnostics. */
  raw: string;
  /** The URI's user part, percent-decoded, parameters removed. */
  user: string;
  e164: E164 | null;
  displayName?: string;
}

export type CallerSource = 'p-asserted-identity' | 'remote-party-id' | 'from';

export interface CallerIdentity {
  source: CallerSource;
  raw: string;
  user: string;
  /**
   * Null when the user part is not a number, and also whenever `anonymous` is true: a caller who withheld
   * their number must not reach the screen or the call log through us, even when a trusted PBX passed it on.
   */
  e164: E164 | null;
  /** Omitted when `anonymous`, for the same reason as `e164`. */
  displayName?: string;
  /** The caller withheld their identity (anonymous URI, Privacy header, Remote-Party-ID privacy). */
  anonymous: boolean;
}

/** RFC 5806 diversion reasons. */
export type DiversionReason =
  | 'unknown'
  | 'user-busy'
  | 'no-answer'
  | 'unavailable'
  | 'unconditional'
  | 'time-of-day'
  | 'do-not-disturb'
  | 'deflection'
  | 'follow-me'
  | 'out-of-service'
  | 'away';

export interface DiversionInfo {
  /** Why the original target sent the call on. */
  reason: DiversionReason;
  /** How many times the call was diverted before reaching us. */
  counter: number;
  /** The original target (the party that diverted first). */
  from: CalledCandidate;
}

export interface ParsedInvite {
  /** Original target first; one candidate per distinct number. */
  calledCandidates: CalledCandidate[];
  /** Null only when the INVITE has no From, P-Asserted-Identity nor Remote-Party-ID at all. */
  caller: CallerIdentity | null;
  diversion: DiversionInfo | null;
}
