import { describe, it, expect } from 'vitest';
import {
  buildFirmNumberIndex,
  describeMatch,
  matchFirm,
  parseInviteHeaders,
  type FirmDirectoryEntry,
  type FirmMatch,
} from '../../../../shared/domain/sip';

const RURI = 'sip:+33970000000@pbx.example.fr;user=phone';

const directory: FirmDirectoryEntry[] = [
  { firmId: 'cabinet-martin', numbers: ['+33142000001'] },
  { firmId: 'sci-dupont', numbers: ['+33142000002', '+33612000002'] },
  { firmId: 'plomberie-leroy', numbers: ['+33970000000'] },
];

function matched(invite: ReturnType<typeof parsed>, dir: FirmDirectoryEntry[]): FirmMatch {
  const match = matchFirm(invite, dir);
  if (!match) throw new Error('expected a firm match');
  return match;
}

function parsed(headers: Record<string, string[]>, requestUri = RURI) {
  return parseInviteHeaders({ requestUri, headers });
}

describe('matchFirm', () => {
  it('matches the original target of a diversion chain rather than a later hop', () => {
    const invite = parsed({
      Diversion: ['<sip:+33142000002@a.fr>;reason=no-answer, <sip:0142000001@a.fr>;reason=unconditional'],
    });
    expect(matchFirm(invite, directory)).toEqual({
      firmId: 'cabinet-martin',
      matchedBy: { source: 'diversion', e164: '+33142000001', raw: '<sip:0142000001@a.fr>;reason=unconditional' },
    });
  });

  it('skips candidates that belong to no firm and takes the next one', () => {
    const invite = parsed({
      Diversion: ['<sip:+33140999999@a.fr>'],
      To: ['<sip:+33612000002@a.fr>'],
    });
    expect(matchFirm(invite, directory)?.firmId).toBe('sci-dupont');
    expect(matchFirm(invite, directory)?.matchedBy.source).toBe('to');
  });

  it('matches on the Request-URI when nothing else names a firm', () => {
    const invite = parsed({ To: ['<sip:agent@pbx.example.fr>'] });
    expect(matchFirm(invite, directory)?.matchedBy).toMatchObject({ source: 'request-uri', e164: '+33970000000' });
  });

  it('returns null when no candidate number belongs to a firm', () => {
    const invite = parsed({ Diversion: ['<sip:+33140999999@a.fr>'] }, 'sip:+33140888888@pbx.example.fr');
    expect(matchFirm(invite, directory)).toBeNull();
  });

  it('returns null for an INVITE whose only candidates are extensions', () => {
    expect(matchFirm(parsed({ To: ['<sip:201@pbx>'] }, 'sip:201@pbx'), directory)).toBeNull();
  });

  it('gives the same answer from a prebuilt index as from the directory', () => {
    const invite = parsed({ 'History-Info': ['<tel:+33142000002>;index=1, <tel:+33970000000;cause=302>;index=1.1'] });
    const index = buildFirmNumberIndex(directory);
    expect(matchFirm(invite, index)).toEqual(matchFirm(invite, directory));
    expect(matchFirm(invite, index)?.firmId).toBe('sci-dupont');
  });
});

describe('buildFirmNumberIndex', () => {
  it('indexes every number of every firm', () => {
    const index = buildFirmNumberIndex(directory);
    expect(index.size).toBe(4);
    expect(index.get('+33612000002')).toBe('sci-dupont');
  });

  it('normalises numbers not stored in E.164 and drops ones that are not phone numbers', () => {
    const index = buildFirmNumberIndex([{ firmId: 'f', numbers: ['01 42 00 00 09', '201', ''] }]);
    expect([...index.entries()]).toEqual([['+33142000009', 'f']]);
  });

  it('lets the first firm in the directory keep a number two firms both list', () => {
    const index = buildFirmNumberIndex([
      { firmId: 'first', numbers: ['+33142000001'] },
      { firmId: 'second', numbers: ['+33142000001'] },
    ]);
    expect(index.get('+33142000001')).toBe('first');
  });

  it('indexes a 200-firm directory so each lookup is a map access', () => {
    const big: FirmDirectoryEntry[] = Array.from({ length: 200 }, (_, i) => ({
      firmId: `firm-${i}`,
      numbers: [`+331420${String(i).padStart(5, '0')}`],
    }));
    const index = buildFirmNumberIndex(big);
    expect(index.size).toBe(200);
    expect(matchFirm(parsed({ To: ['<sip:0142000199@a.fr>'] }), index)?.firmId).toBe('firm-199');
  });
});

describe('describeMatch', () => {
  it('gives the source, its i18n key and the number formatted for a French reader', () => {
    const match = matched(parsed({ Diversion: ['<sip:+33142000001@a.fr>'] }), directory);
    expect(describeMatch(match)).toEqual({
      firmId: 'cabinet-martin',
      source: 'diversion',
      sourceLabelKey: 'call.matchedBy.diversion',
      e164: '+33142000001',
      formattedNumber: '01 42 00 00 01',
    });
  });

  it('formats a foreign firm number internationally', () => {
    const match = matched(parsed({ 'P-Called-Party-ID': ['<tel:+442071234567>'] }), [
      { firmId: 'london', numbers: ['+442071234567'] },
    ]);
    expect(describeMatch(match)).toMatchObject({
      sourceLabelKey: 'call.matchedBy.pCalledPartyId',
      formattedNumber: '+44 20 7123 4567',
    });
  });
});
