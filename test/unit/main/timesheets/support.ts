import type { BillingSettingsInput } from '../../../../shared/domain/billing';
import type { CallOffer } from '../../../../shared/domain/call';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';

/** 24 Nov 2026 10:00 Paris (UTC+1). */
export const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

export interface Clock {
  now: number;
}

let counter = 0;

export function offer(firmId: string | null, at: number, overrides: Partial<CallOffer> = {}): CallOffer {
  counter += 1;
  return {
    id: `call-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    direction: 'inbound',
    firmId,
    matchedBy: firmId ? 'diversion' : null,
    matchedNumber: '+33199000001',
    callerNumber: '+33639980001',
    callerRaw: 'sip:+33639980001@pbx',
    callerName: 'Mme Durand',
    anonymous: false,
    diversionReason: 'no-answer',
    diversionFrom: '+33199000001',
    sipCallId: 'abc@pbx',
    demo: false,
    at,
    ...overrides,
  };
}

/** A test context with a controllable clock and one firm with the given billing rules. */
export function setupFirm(billing: BillingSettingsInput = {}, name = 'Cabinet Martin') {
  const clock: Clock = { now: T0 };
  const t: TestContext = openTestContext({ now: () => clock.now });
  t.services.settings.update({ secretaryName: 'Julie' });
  const firm = t.services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        { name, numbers: [{ e164: `01 99 00 ${String(10 + (counter % 80)).padStart(2, '0')} 01`, label: '' }] },
        { billing },
      ),
    ),
  });
  return { t, firm, clock };
}

/** Offers, answers after `ringSeconds`, talks `talkSeconds` and hangs up; returns the recorded call. */
export function handledCall(
  t: TestContext,
  firmId: string,
  at: number,
  ringSeconds: number,
  talkSeconds: number,
  overrides: Partial<CallOffer> = {},
) {
  const { call } = t.services.calls.offer(offer(firmId, at, overrides));
  t.services.calls.record({ type: 'answered', callId: call.id, at: at + ringSeconds * 1000 });
  return t.services.calls.record({
    type: 'ended',
    callId: call.id,
    at: at + (ringSeconds + talkSeconds) * 1000,
    reason: 'remote-hangup',
    detail: '',
  });
}

export function missedCall(t: TestContext, firmId: string, at: number, ringSeconds: number) {
  const { call } = t.services.calls.offer(offer(firmId, at));
  return t.services.calls.record({
    type: 'ended',
    callId: call.id,
    at: at + ringSeconds * 1000,
    reason: 'caller-cancelled',
    detail: '',
  });
}
