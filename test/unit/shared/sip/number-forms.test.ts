import { describe, it, expect } from 'vitest';
import { parseInviteHeaders } from '../../../../shared/domain/sip';
import type { CalledSource } from '../../../../shared/domain/sip';

// The cabinet's published line and the secretary's own DID, which the PBX puts in the Request-URI.
const FIRM_A = '+33142000001';
const SECRETARY = '+33970000000';
const SECRETARY_RURI = 'sip:+33970000000@pbx.example.fr;user=phone';

interface Case {
  name: string;
  requestUri?: string;
  headers: Record<string, string[]>;
  expected: Array<[CalledSource, string | null]>;
}

const cases: Case[] = [
  {
    name: 'reads tel: URIs with visual separators',
    headers: { Diversion: ['<tel:+33-1-42-00-00-01>;reason=user-busy'] },
    expected: [
      ['diversion', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'normalises the 0033 international prefix',
    headers: { Diversion: ['<sip:0033142000001@trunk.example.fr>'] },
    expected: [
      ['diversion', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'normalises a country code without plus (33…)',
    headers: { Diversion: ['<sip:33142000001@trunk.example.fr;user=phone>'] },
    expected: [
      ['diversion', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'normalises a national number with dots and parentheses',
    headers: { Diversion: ['<sip:(01).42.00.00.01@trunk.example.fr>'] },
    expected: [
      ['diversion', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'ignores user parameters (npdi, rn, isub) and uses the dialled number, not the routing number',
    headers: {
      To: ['<sip:+33142000001;npdi;rn=+33199990000;isub=12@trunk.example.fr;user=phone>;tag=a1'],
    },
    expected: [
      ['to', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'qualifies a local number with its phone-context',
    headers: { To: ['<sip:0142000001;phone-context=+33@trunk.example.fr;user=phone>'] },
    expected: [
      ['to', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'qualifies a foreign local number with its country phone-context',
    headers: { To: ['<tel:2071234567;phone-context=+44>'] },
    expected: [
      ['to', '+442071234567'],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'decodes a percent-encoded plus sign in the user part',
    headers: { To: ['<sip:%2B33142000001@trunk.example.fr>'] },
    expected: [
      ['to', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'keeps an extension as a candidate without a number',
    requestUri: 'sip:201@pbx.example.fr',
    headers: { To: ['<sip:201@pbx.example.fr>'] },
    expected: [['to', null]],
  },
  {
    name: 'tolerates a garbled percent escape instead of throwing',
    headers: { To: ['<sip:+33142000001@a.fr?Reason=SIP%3Bcause%3D30%>'] },
    expected: [
      ['to', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
];

describe('parseInviteHeaders: number forms in called candidates', () => {
  it.each(cases)('$name', ({ requestUri, headers, expected }) => {
    const parsed = parseInviteHeaders({ requestUri: requestUri ?? SECRETARY_RURI, headers });
    expect(parsed.calledCandidates.map((c) => [c.source, c.e164])).toEqual(expected);
  });
});
