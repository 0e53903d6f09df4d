import { describe, it, expect } from 'vitest';
import { diversionReasonLabelKey, parseInviteHeaders } from '../../../../shared/domain/sip';
import type { DiversionInfo, DiversionReason } from '../../../../shared/domain/sip';

const RURI = 'sip:+33970000000@pbx.example.fr';

function diversionOf(headers: Record<string, string[]>): DiversionInfo | null {
  return parseInviteHeaders({ requestUri: RURI, headers }).diversion;
}

interface Case {
  name: string;
  headers: Record<string, string[]>;
  expected: { reason: DiversionReason; counter: number; fromE164: string } | null;
}

const cases: Case[] = [
  {
    name: 'reads reason and counter from a single Diversion',
    headers: { Diversion: ['<sip:+33142000001@a.fr>;reason=unconditional;counter=1'] },
    expected: { reason: 'unconditional', counter: 1, fromE164: '+33142000001' },
  },
  {
    name: 'reports the reason of the original (bottom-most) diversion and sums counters of the chain',
    headers: {
      Diversion: ['<sip:+33142000002@a.fr>;reason=no-answer;counter=2', '<sip:+33142000001@a.fr>;reason=user-busy'],
    },
    expected: { reason: 'user-busy', counter: 3, fromE164: '+33142000001' },
  },
  {
    name: 'accepts a quoted, uppercase reason',
    headers: { Diversion: ['<tel:+33142000001>;reason="No-Answer"'] },
    expected: { reason: 'no-answer', counter: 1, fromE164: '+33142000001' },
  },
  {
    name: 'reads reason from a Diversion without angle brackets',
    headers: { Diversion: ['sip:+33142000001@a.fr;reason=time-of-day;counter=2'] },
    expected: { reason: 'time-of-day', counter: 2, fromE164: '+33142000001' },
  },
  {
    name: 'reports unknown for a Diversion without reason or with an unheard-of one',
    headers: { Diversion: ['<sip:+33142000001@a.fr>, <sip:+33142000002@a.fr>;reason=holiday-mode'] },
    expected: { reason: 'unknown', counter: 2, fromE164: '+33142000002' },
  },
  {
    name: 'maps History-Info cause=486 to user-busy',
    headers: {
      'History-Info': ['<sip:+33142000001@a.fr>;index=1, <sip:+33970000000@pbx.example.fr;cause=486>;index=1.1'],
    },
    expected: { reason: 'user-busy', counter: 1, fromE164: '+33142000001' },
  },
  {
    name: 'maps an escaped Reason: SIP;cause=302 in a History-Info URI to unconditional',
    headers: {
      'History-Info': [
        '<sip:+33142000001@a.fr?Reason=SIP%3Bcause%3D302%3Btext%3D%22Moved%22>;index=1',
        '<sip:+33970000000@pbx.example.fr>;index=1.1',
      ],
    },
    expected: { reason: 'unconditional', counter: 1, fromE164: '+33142000001' },
  },
  {
    name: 'ignores a Q.850 Reason in History-Info and keeps the SIP one',
    headers: {
      'History-Info': [
        '<sip:+33142000001@a.fr?Reason=Q.850%3Bcause%3D16%2CSIP%3Bcause%3D408>;index=1',
        '<sip:+33970000000@pbx.example.fr>;index=1.1',
      ],
    },
    expected: { reason: 'no-answer', counter: 1, fromE164: '+33142000001' },
  },
  {
    name: 'uses the first cause by index when History-Info arrives out of order',
    headers: {
      'History-Info': [
        '<sip:+33970000000@pbx.example.fr;cause=480>;index=1.1.1',
        '<sip:+33142000002@a.fr;cause=487>;index=1.1',
        '<sip:+33142000001@a.fr>;index=1',
      ],
    },
    expected: { reason: 'deflection', counter: 2, fromE164: '+33142000001' },
  },
  {
    name: 'reports no diversion for History-Info hops without any cause',
    headers: {
      'History-Info': ['<sip:+33970000000@proxy.example.fr>;index=1, <sip:+33970000000@10.0.0.5>;index=1.1'],
    },
    expected: null,
  },
  {
    name: 'prefers Diversion over History-Info when both are present',
    headers: {
      Diversion: ['<sip:+33142000002@a.fr>;reason=no-answer'],
      'History-Info': ['<sip:+33142000001@a.fr>;index=1, <sip:+33970000000@pbx.example.fr;cause=302>;index=1.1'],
    },
    expected: { reason: 'no-answer', counter: 1, fromE164: '+33142000002' },
  },
  {
    name: 'reports no diversion for a direct call',
    headers: { To: ['<sip:+33142000001@a.fr>'] },
    expected: null,
  },
];

describe('parseInviteHeaders: diversion', () => {
  it.each(cases)('$name', ({ headers, expected }) => {
    const diversion = diversionOf(headers);
    if (expected === null) {
      expect(diversion).toBeNull();
      return;
    }
    expect(diversion).toMatchObject({ reason: expected.reason, counter: expected.counter });
    expect(diversion?.from.e164).toBe(expected.fromE164);
  });

  it.each([
    ['302', 'unconditional'],
    ['404', 'unknown'],
    ['408', 'no-answer'],
    ['480', 'unavailable'],
    ['486', 'user-busy'],
    ['487', 'deflection'],
    ['503', 'unavailable'],
    ['599', 'unknown'],
  ] as const)('maps RFC 4458 cause %s to %s', (cause, reason) => {
    const diversion = diversionOf({
      'History-Info': [`<sip:+33142000001@a.fr>;index=1, <sip:+33970000000@b.fr;cause=${cause}>;index=1.1`],
    });
    expect(diversion?.reason).toBe(reason);
  });

  it('gives an i18n key for every diversion reason', () => {
    expect(diversionReasonLabelKey('unconditional')).toBe('call.diversion.unconditional');
    expect(diversionReasonLabelKey('user-busy')).toBe('call.diversion.userBusy');
    expect(diversionReasonLabelKey('no-answer')).toBe('call.diversion.noAnswer');
  });
});
