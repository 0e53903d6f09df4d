import { describe, it, expect } from 'vitest';
import { parseInviteHeaders } from '../../../../shared/domain/sip';
import type { CalledSource } from '../../../../shared/domain/sip';

// Firm numbers used throughout: the cabinet's published line, a second cabinet, and the secretary's own DID.
const FIRM_A = '+33142000001';
const FIRM_B = '+33142000002';
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
    name: 'lists a single Diversion before To and the Request-URI',
    headers: {
      Diversion: ['<sip:+33142000001@trunk.example.fr>;reason=unconditional;counter=1'],
      To: ['<sip:+33970000000@pbx.example.fr>'],
    },
    expected: [
      ['diversion', FIRM_A],
      ['to', SECRETARY],
    ],
  },
  {
    name: 'puts the bottom-most Diversion first when two Diversion header lines form a chain',
    headers: {
      Diversion: [
        '<sip:+33142000002@trunk.example.fr>;reason=no-answer',
        '<sip:+33142000001@trunk.example.fr>;reason=unconditional',
      ],
    },
    expected: [
      ['diversion', FIRM_A],
      ['diversion', FIRM_B],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'puts the last comma-separated Diversion entry first when the chain shares one header line',
    headers: {
      Diversion: ['<sip:+33142000002@a.fr>;reason=no-answer, <sip:+33142000001@a.fr>;reason=user-busy'],
    },
    expected: [
      ['diversion', FIRM_A],
      ['diversion', FIRM_B],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'reverses a three-entry Diversion chain mixing header lines and commas',
    headers: {
      Diversion: ['<tel:+33140000003>;reason=deflection, <tel:+33142000002>', '<tel:+33142000001>'],
    },
    expected: [
      ['diversion', FIRM_A],
      ['diversion', FIRM_B],
      ['diversion', '+33140000003'],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'orders History-Info entries by index 1, 1.1, 1.1.1 when they arrive out of order',
    headers: {
      'History-Info': [
        '<sip:+33970000000@pbx.example.fr;cause=408>;index=1.1.1',
        '<sip:+33142000001@trunk.example.fr>;index=1',
        '<sip:+33142000002@trunk.example.fr;cause=302>;index=1.1',
      ],
    },
    expected: [
      ['history-info', FIRM_A],
      ['history-info', FIRM_B],
      ['history-info', SECRETARY],
    ],
  },
  {
    name: 'sorts History-Info index 1.10 after 1.2 numerically, not as text',
    headers: {
      'History-Info': ['<tel:+33142000002>;index=1.10, <tel:+33140000003>;index=1.2, <tel:+33142000001>;index=1'],
    },
    expected: [
      ['history-info', FIRM_A],
      ['history-info', '+33140000003'],
      ['history-info', FIRM_B],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'keeps History-Info entries without an index in wire order after indexed ones',
    headers: {
      'History-Info': ['<sip:+33142000002@a.fr>, <sip:+33142000001@a.fr>;index=1'],
    },
    expected: [
      ['history-info', FIRM_A],
      ['history-info', FIRM_B],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'reads the number of a History-Info URI carrying an escaped Reason header',
    headers: {
      'History-Info': [
        '<sip:+33142000001@trunk.example.fr?Reason=SIP%3Bcause%3D302%3Btext%3D%22Moved%20Temporarily%22>;index=1',
        '<sip:+33970000000@pbx.example.fr>;index=1.1',
      ],
    },
    expected: [
      ['history-info', FIRM_A],
      ['history-info', SECRETARY],
    ],
  },
  {
    name: 'lists P-Called-Party-ID before To',
    headers: {
      'P-Called-Party-ID': ['<sip:+33142000001@ims.example.fr>'],
      To: ['<sip:secretariat@pbx.example.fr>'],
    },
    expected: [
      ['p-called-party-id', FIRM_A],
      ['to', null],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'uses To when it is the only header naming the called party',
    requestUri: 'sip:201@192.0.2.10:5060;transport=ws',
    headers: { To: ['"Cabinet Martin" <sip:0142000001@pbx.example.fr>'] },
    expected: [
      ['to', FIRM_A],
      ['request-uri', null],
    ],
  },
  {
    name: 'falls back to the Request-URI when no header names the called party',
    requestUri: 'sip:0142000001@pbx.example.fr',
    headers: {},
    expected: [['request-uri', FIRM_A]],
  },
  {
    name: 'accepts a Request-URI written between angle brackets',
    requestUri: '<sip:+33142000001@pbx.example.fr;user=phone>',
    headers: {},
    expected: [['request-uri', FIRM_A]],
  },
  {
    name: 'skips a Request-URI without user part',
    requestUri: 'sip:pbx.example.fr',
    headers: { To: ['<sip:+33142000001@pbx.example.fr>'] },
    expected: [['to', FIRM_A]],
  },
  {
    name: 'reads Diversion written without angle brackets, its parameters being header parameters',
    headers: { Diversion: ['sip:+33142000001@trunk.example.fr;reason=unconditional;counter=2'] },
    expected: [
      ['diversion', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'keeps the first candidate of each number when headers repeat it',
    headers: {
      Diversion: ['<sip:+33142000001@a.fr>'],
      'History-Info': ['<sip:0142000001@a.fr>;index=1, <sip:+33970000000@pbx.example.fr>;index=1.1'],
      'P-Called-Party-ID': ['<tel:+33142000001>'],
      To: ['<sip:+33970000000@pbx.example.fr>'],
    },
    expected: [
      ['diversion', FIRM_A],
      ['history-info', SECRETARY],
    ],
  },
  {
    name: 'treats header names case-insensitively, merging different spellings',
    headers: {
      DIVERSION: ['<sip:+33142000002@a.fr>'],
      diversion: ['<sip:+33142000001@a.fr>'],
      'history-INFO': ['<sip:+33140000003@a.fr>;index=1'],
    },
    expected: [
      ['diversion', FIRM_A],
      ['diversion', FIRM_B],
      ['history-info', '+33140000003'],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'accepts the compact form t for To',
    requestUri: 'sip:agent@192.0.2.10',
    headers: { t: ['<sip:+33142000001@pbx.example.fr>;tag=x'] },
    expected: [
      ['to', FIRM_A],
      ['request-uri', null],
    ],
  },
  {
    name: 'keeps a display name containing a comma inside quotes in one entry',
    headers: {
      Diversion: ['"Dupont, Martin & Associés" <sip:+33142000001@a.fr>;reason=no-answer, <sip:+33142000002@a.fr>'],
    },
    expected: [
      ['diversion', FIRM_B],
      ['diversion', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
  {
    name: 'does not split on a comma inside angle brackets',
    headers: { To: ['<sip:+33142000001@a.fr;x=a,b>'] },
    expected: [
      ['to', FIRM_A],
      ['request-uri', SECRETARY],
    ],
  },
];

describe('parseInviteHeaders: called candidates', () => {
  it.each(cases)('$name', ({ requestUri, headers, expected }) => {
    const parsed = parseInviteHeaders({ requestUri: requestUri ?? SECRETARY_RURI, headers });
    expect(parsed.calledCandidates.map((c) => [c.source, c.e164])).toEqual(expected);
  });

  it('keeps the raw entry, the user part and the display name of each candidate', () => {
    const parsed = parseInviteHeaders({
      requestUri: SECRETARY_RURI,
      headers: { Diversion: ['"Cabinet Martin" <sip:+33142000001@a.fr;user=phone>;reason=user-busy'] },
    });
    expect(parsed.calledCandidates[0]).toEqual({
      source: 'diversion',
      raw: '"Cabinet Martin" <sip:+33142000001@a.fr;user=phone>;reason=user-busy',
      user: '+33142000001',
      e164: FIRM_A,
      displayName: 'Cabinet Martin',
    });
  });

  it('returns no candidates and no diversion for an empty INVITE instead of throwing', () => {
    expect(parseInviteHeaders({ requestUri: '', headers: {} })).toEqual({
      calledCandidates: [],
      caller: null,
      diversion: null,
    });
  });
});
