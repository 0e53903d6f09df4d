import { headerEntries, splitOutsideQuotes, type RawHeaders } from './header-list';
import { parseNameAddr, type NameAddr } from './name-addr';
import { uriToE164 } from './uri-number';
import type { CallerIdentity, CallerSource } from './types';

interface Identity {
  source: CallerSource;
  raw: string;
  addr: NameAddr;
}

// User parts and display names networks use for a withheld number ("Anonyme" on some French trunks).
const WITHHELD_NAMES = new Set(['anonymous', 'anonyme', 'restricted', 'private', 'withheld']);
// RFC 3323 privacy values that ask for the caller's identity to be hidden.
const PRIVACY_HIDING = new Set(['id', 'user', 'header']);

function entries(headers: RawHeaders, name: string, source: CallerSource): Identity[] {
  return headerEntries(headers, name).map((raw) => ({ source, raw, addr: parseNameAddr(raw) }));
}

/** P-Asserted-Identity may carry one sip: and one tel: identity (RFC 3325); the tel: one is the number itself. */
function pickAsserted(identities: Identity[]): Identity | undefined {
  return (
    identities.find((i) => i.addr.uri.scheme === 'tel') ??
    identities.find((i) => i.addr.uri.scheme === 'sip' || i.addr.uri.scheme === 'sips') ??
    identities[0]
  );
}

/** Remote-Party-ID lists the called party too (`party=called`); only the calling one identifies the caller. */
function pickRemoteParty(identities: Identity[]): Identity | undefined {
  return identities.find((i) => (i.addr.params.get('party') ?? 'calling').toLowerCase() === 'calling');
}

function looksWithheld(addr: NameAddr): boolean {
  const user = addr.uri.user.toLowerCase();
  const name = (addr.displayName ?? '').toLowerCase();
  return (
    WITHHELD_NAMES.has(user) ||
    WITHHELD_NAMES.has(name) ||
    addr.uri.host === 'anonymous.invalid' ||
    addr.uri.host.endsWith('.anonymous.invalid')
  );
}

function privacyRequested(headers: RawHeaders, remoteParty: Identity | undefined): boolean {
  const values = headerEntries(headers, 'privacy').flatMap((v) => splitOutsideQuotes(v, ';'));
  if (values.some((v) => PRIVACY_HIDING.has(v.toLowerCase()))) return true;
  const rpidPrivacy = remoteParty?.addr.params.get('privacy')?.toLowerCase();
  return rpidPrivacy === 'full' || rpidPrivacy === 'uri';
}

export function extractCaller(headers: RawHeaders): CallerIdentity | null {
  const asserted = pickAsserted(entries(headers, 'p-asserted-identity', 'p-asserted-identity'));
  const remoteParty = pickRemoteParty(entries(headers, 'remote-party-id', 'remote-party-id'));
  const from = entries(headers, 'from', 'from')[0];
  const chosen = asserted ?? remoteParty ?? from;
  if (!chosen) return null;

  // A network may assert the real number while From says "anonymous": the From is the caller's wish.
  const anonymous =
    looksWithheld(chosen.addr) ||
    (from !== undefined && looksWithheld(from.addr)) ||
    privacyRequested(headers, remoteParty);

  const caller: CallerIdentity = {
    source: chosen.source,
    raw: chosen.raw,
    user: chosen.addr.uri.user,
    e164: anonymous ? null : uriToE164(chosen.addr.uri),
    anonymous,
  };
  if (!anonymous && chosen.addr.displayName) caller.displayName = chosen.addr.displayName;
  return caller;
}
