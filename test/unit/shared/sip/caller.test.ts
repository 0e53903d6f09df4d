import { describe, it, expect } from 'vitest';
import { parseInviteHeaders } from '../../../../shared/domain/sip';
import type { CallerIdentity } from '../../../../shared/domain/sip';

const RURI = 'sip:+33970000000@pbx.example.fr';
const CALLER = '+33612345678';

function callerOf(headers: Record<string, string[]>): CallerIdentity | null {
  return parseInviteHeaders({ requestUri: RURI, headers }).caller;
}

interface Case {
  name: string;
  headers: Record<string, string[]>;
  expected: Partial<CallerIdentity>;
  hidesDisplayName?: boolean;
}

const cases: Case[] = [
  {
    name: 'prefers P-Asserted-Identity over From',
    headers: {
      'P-Asserted-Identity': ['<sip:+33612345678@trunk.example.fr;user=phone>'],
      From: ['"Reception" <sip:100@pbx.example.fr>;tag=1'],
    },
    expected: { source: 'p-asserted-identity', e164: CALLER, anonymous: false },
  },
  {
    name: 'prefers the tel: entry of a P-Asserted-Identity that carries both sip: and tel:',
    headers: {
      'P-Asserted-Identity': ['"M. Durand" <sip:durand@example.fr>, <tel:+33612345678>'],
      From: ['<sip:durand@example.fr>;tag=1'],
    },
    expected: { source: 'p-asserted-identity', user: CALLER, e164: CALLER, anonymous: false },
  },
  {
    name: 'takes the first sip: P-Asserted-Identity when there is no tel: entry',
    headers: {
      'p-asserted-identity': ['"Durand" <sip:0612345678@a.fr>', '<sip:+33699999999@b.fr>'],
    },
    expected: { source: 'p-asserted-identity', e164: CALLER, displayName: 'Durand' },
  },
  {
    name: 'uses the calling Remote-Party-ID when there is no P-Asserted-Identity',
    headers: {
      'Remote-Party-ID': [
        '"Called" <sip:+33142000001@a.fr>;party=called, "Mme Petit" <sip:0612345678@a.fr>;party=calling;screen=yes',
      ],
      From: ['<sip:100@pbx.example.fr>;tag=1'],
    },
    expected: { source: 'remote-party-id', e164: CALLER, displayName: 'Mme Petit', anonymous: false },
  },
  {
    name: 'falls back to From, accepting the compact form f',
    headers: { f: ['Jean Dupont <sip:0033612345678@trunk.example.fr>;tag=9'] },
    expected: { source: 'from', e164: CALLER, displayName: 'Jean Dupont', anonymous: false },
  },
  {
    name: 'flags an anonymous From and drops its number',
    headers: { From: ['"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1'] },
    expected: { source: 'from', e164: null, anonymous: true },
  },
  {
    name: 'flags a lowercase anonymous user on a real domain',
    headers: { From: ['<sip:anonymous@trunk.example.fr>;tag=1'] },
    expected: { anonymous: true, e164: null },
  },
  {
    name: 'flags the caller as anonymous when From is anonymous even though the network asserts the number',
    headers: {
      'P-Asserted-Identity': ['<tel:+33612345678>'],
      Privacy: ['id'],
      From: ['"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1'],
    },
    expected: { source: 'p-asserted-identity', e164: null, anonymous: true },
  },
  {
    name: 'flags a caller who asked for Privacy: id',
    headers: {
      'P-Asserted-Identity': ['"Durand" <sip:+33612345678@a.fr>'],
      From: ['"Durand" <sip:+33612345678@a.fr>;tag=1'],
      privacy: ['id;critical'],
    },
    expected: { e164: null, anonymous: true },
    hidesDisplayName: true,
  },
  {
    name: 'does not flag a caller whose Privacy is none',
    headers: { From: ['<sip:+33612345678@a.fr>;tag=1'], Privacy: ['none'] },
    expected: { e164: CALLER, anonymous: false },
  },
  {
    name: 'flags a Remote-Party-ID with privacy=full',
    headers: {
      'Remote-Party-ID': ['<sip:+33612345678@a.fr>;party=calling;privacy=full'],
      From: ['<sip:+33612345678@a.fr>;tag=1'],
    },
    expected: { source: 'remote-party-id', anonymous: true, e164: null },
  },
  {
    name: 'keeps a non-numeric From user with no number',
    headers: { From: ['"Alice" <sip:alice@example.fr>;tag=1'] },
    expected: { user: 'alice', e164: null, anonymous: false, displayName: 'Alice' },
  },
];

describe('parseInviteHeaders: caller', () => {
  it.each(cases)('$name', ({ headers, expected, hidesDisplayName }) => {
    const caller = callerOf(headers);
    expect(caller).not.toBeNull();
    expect(caller).toMatchObject(expected);
    if (hidesDisplayName) expect(caller).not.toHaveProperty('displayName');
  });

  it('returns no caller when the INVITE carries no identity header', () => {
    expect(callerOf({ To: ['<sip:+33142000001@a.fr>'] })).toBeNull();
  });
});
