import { callDurations, type CallOffer } from '../../shared/domain/call';
import { makeFirmDraft, openTestContext, parsedDraft } from '../fixtures/factories';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function offer(firmId: string | null, overrides: Partial<CallOffer> = {}): CallOffer {
  return {
    id: `call-${Math.random().toString(36).slice(2)}`,
    direction: 'inbound',
    firmId,
    matchedBy: firmId ? 'diversion' : null,
    matchedNumber: '+33199000001',
    callerNumber: '+33639980001',
    callerRaw: 'sip:+33639980001@pbx',
    callerName: '',
    anonymous: false,
    diversionReason: 'no-answer',
    diversionFrom: '+33199000001',
    sipCallId: 'abc@pbx',
    demo: false,
    at: T0,
    ...overrides,
  };
}

function setup() {
  const t = openTestContext();
  const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
  return { t, firm };
}

describe('call log', () => {
  it('logs a call the caller abandoned before answer as missed', () => {
    const { t, firm } = setup();
    const { call } = t.services.calls.offer(offer(firm.id));
    const ended = t.services.calls.record({
      type: 'ended',
      callId: call.id,
      at: T0 + 12_000,
      reason: 'caller-cancelled',
      detail: '',
    });
    expect(ended.outcome).toBe('missed');
    expect(ended.answeredAt).toBeNull();
    t.close();
  });

  it('records answer, hold and hang-up instants and derives talk and hold seconds', () => {
    const { t, firm } = setup();
    const { call } = t.services.calls.offer(offer(firm.id));
    t.services.calls.record({ type: 'answered', callId: call.id, at: T0 + 4_000 });
    t.services.calls.record({ type: 'hold', callId: call.id, at: T0 + 30_000 });
    t.services.calls.record({ type: 'resume', callId: call.id, at: T0 + 45_000 });
    const ended = t.services.calls.record({
      type: 'ended',
      callId: call.id,
      at: T0 + 94_000,
      reason: 'remote-hangup',
      detail: '',
    });
    expect(ended).toMatchObject({ outcome: 'answered', answeredAt: T0 + 4_000, endedAt: T0 + 94_000 });
    expect(ended.holds).toEqual([{ startedAt: T0 + 30_000, endedAt: T0 + 45_000 }]);
    expect(callDurations(ended)).toEqual({ handledSeconds: 90, holdSeconds: 15, talkSeconds: 75 });
    t.close();
  });

  it('closes a hold still open when the call ends', () => {
    const { t, firm } = setup();
    const { call } = t.services.calls.offer(offer(firm.id));
    t.services.calls.record({ type: 'answered', callId: call.id, at: T0 });
    t.services.calls.record({ type: 'hold', callId: call.id, at: T0 + 10_000 });
    const ended = t.services.calls.record({
      type: 'ended',
      callId: call.id,
      at: T0 + 20_000,
      reason: 'remote-hangup',
      detail: '',
    });
    expect(callDurations(ended)).toEqual({ handledSeconds: 20, holdSeconds: 10, talkSeconds: 10 });
    t.close();
  });

  it('counts a transferred call until the transfer completes', () => {
    const { t, firm } = setup();
    const { call } = t.services.calls.offer(offer(firm.id));
    t.services.calls.record({ type: 'answered', callId: call.id, at: T0 });
    t.services.calls.record({
      type: 'transferred',
      callId: call.id,
      at: T0 + 50_000,
      kind: 'announced',
      target: '201',
    });
    const ended = t.services.calls.record({
      type: 'ended',
      callId: call.id,
      at: T0 + 51_000,
      reason: 'transferred',
      detail: '',
    });
    expect(ended.outcome).toBe('transferred-announced');
    expect(callDurations(ended).handledSeconds).toBe(50);
    t.close();
  });

  it('tells declined, ignored and failed calls apart', () => {
    const { t, firm } = setup();
    const outcomes = (['declined', 'ignored', 'failed'] as const).map((reason) => {
      const { call } = t.services.calls.offer(offer(firm.id));
      return t.services.calls.record({ type: 'ended', callId: call.id, at: T0 + 5_000, reason, detail: 'x' }).outcome;
    });
    expect(outcomes).toEqual(['declined', 'ignored', 'failed']);
    t.close();
  });

  it('recognises a known caller and shows their recent calls with this firm', () => {
    const { t, firm } = setup();
    t.services.contacts.save({
      firmId: firm.id,
      contact: {
        name: 'Paul Client',
        company: '',
        phones: ['+33639980001'],
        email: '',
        notes: '',
        vip: true,
        doNotTransfer: false,
      },
    });
    const first = t.services.calls.offer(offer(firm.id, { at: T0 - 86_400_000 })).call;
    t.services.calls.record({
      type: 'ended',
      callId: first.id,
      at: T0 - 86_390_000,
      reason: 'caller-cancelled',
      detail: '',
    });
    const { caller, call } = t.services.calls.offer(offer(firm.id));
    expect(caller.contacts.map((c) => c.name)).toEqual(['Paul Client']);
    expect(caller.recentCalls.map((c) => c.id)).toEqual([first.id]);
    expect(call.contactId).toBe(caller.contacts[0]!.id);
    t.close();
  });

  it('files an unrecognised call under a firm in one step, adding the called number to the firm', () => {
    const { t, firm } = setup();
    const { call } = t.services.calls.offer(offer(null, { matchedNumber: '+33199000077' }));
    const filed = t.services.calls.assignNumber(call.id, firm.id);
    expect(filed.firmId).toBe(firm.id);
    expect(t.services.firms.get(firm.id).profile.numbers.map((n) => n.e164)).toContain('+33199000077');
    t.close();
  });

  it('records the same offer only once when the softphone reports it twice', () => {
    const { t, firm } = setup();
    const o = offer(firm.id);
    t.services.calls.offer(o);
    t.services.calls.offer(o);
    expect(t.services.calls.list({ limit: 10, offset: 0 }).total).toBe(1);
    t.close();
  });

  it('filters the log by firm, period and outcome', () => {
    const { t, firm } = setup();
    const a = t.services.calls.offer(offer(firm.id, { at: T0 })).call;
    t.services.calls.record({ type: 'ended', callId: a.id, at: T0 + 1_000, reason: 'caller-cancelled', detail: '' });
    t.services.calls.offer(offer(null, { at: T0 + 3_600_000 }));
    expect(t.services.calls.list({ firmId: firm.id, limit: 10, offset: 0 }).total).toBe(1);
    expect(t.services.calls.list({ outcome: 'missed', limit: 10, offset: 0 }).items.map((c) => c.id)).toEqual([a.id]);
    expect(t.services.calls.list({ from: T0 + 1, limit: 10, offset: 0 }).total).toBe(1);
    t.close();
  });
});
