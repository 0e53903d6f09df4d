import { createPhone, type Phone } from '../../../../renderer/phone';
import { reconnectDelayMs, glareRetryDelayMs } from '../../../../renderer/phone/backoff';
import { sipAccountSchema } from '../../../../shared/domain/sip-account';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { FakeUserAgent, forwardedInvite, recordingRinger, type FakeSession } from './fakes';

const account = sipAccountSchema.parse({
  uri: 'sip:alice@permanence.lab',
  servers: ['ws://127.0.0.1:5066'],
  downAlertSeconds: 5,
});

let t: TestContext;
let ua: FakeUserAgent;
let phone: Phone;
let ringer: ReturnType<typeof recordingRinger>;
let firmId: string;
let ids = 0;

async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  await phone.calls.flush();
}

beforeEach(async () => {
  ids = 0;
  t = openTestContext();
  const firm = t.services.firms.save({
    draft: parsedDraft(makeFirmDraft({ numbers: [{ e164: '01 42 00 00 01', label: 'standard' }] })),
  });
  firmId = firm.id;
  ua = new FakeUserAgent();
  ringer = recordingRinger();
  phone = createPhone(
    { account, password: 'pw' },
    {
      api: t.client,
      ringer,
      createUserAgent: () => ua,
      newId: () => `call-${++ids}`,
      sleep: async () => undefined,
      random: () => 0.5,
    },
  );
  phone.setDirectory(t.services.firms.directory());
});

afterEach(() => t.close());

function call(id: string) {
  return phone.store.getState().calls.find((c) => c.id === id)!;
}

describe('line registration', () => {
  it('shows the line registered after connecting and registering', async () => {
    await phone.start();
    expect(phone.store.getState().line.state).toBe('registered');
    expect(ua.log).toEqual(['start', 'register']);
  });

  it('reconnects with backoff after a drop, one attempt at a time, and registers again on connect', async () => {
    vi.useFakeTimers();
    try {
      await phone.start();
      ua.startResult = 'fail';
      ua.drop();
      expect(phone.store.getState().line).toMatchObject({ state: 'down', reason: 'WebSocket closed', attempt: 1 });
      ua.drop(); // a second drop notification must not start a second attempt
      await vi.advanceTimersByTimeAsync(reconnectDelayMs(1, () => 0.5));
      expect(ua.log.filter((l) => l === 'reconnect')).toHaveLength(1);
      expect(phone.store.getState().line.attempt).toBe(2);
      ua.startResult = 'ok';
      await vi.advanceTimersByTimeAsync(reconnectDelayMs(2, () => 0.5));
      expect(phone.store.getState().line).toMatchObject({ state: 'registered', attempt: 0, alert: false });
      expect(ua.log.slice(-2)).toEqual(['reconnect', 'register']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('raises the down alert once the line has been down longer than the account allows', async () => {
    vi.useFakeTimers();
    try {
      await phone.start();
      ua.startResult = 'fail';
      ua.drop();
      expect(phone.store.getState().line.alert).toBe(false);
      await vi.advanceTimersByTimeAsync(5000);
      expect(phone.store.getState().line.alert).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('recreates the Registerer when sip.js says a REGISTER is already in progress', async () => {
    ua.registerResults = ['in-progress', 'ok'];
    await phone.start();
    await settle();
    expect(ua.log).toEqual(['start', 'register', 'recreate-registerer', 'register']);
    expect(phone.store.getState().line.state).toBe('registered');
  });

  it('registers again at once on resume instead of waiting for the backoff', async () => {
    await phone.start();
    phone.resume();
    await settle();
    expect(ua.log).toEqual(['start', 'register', 'register']);
  });

  it('moves on to the backup server at once when the primary cannot be reached, and shows which one is used', async () => {
    ua.servers = ['wss://pbx-a.example', 'wss://pbx-b.example'];
    ua.deadServers.add(0);
    await phone.start();
    expect(ua.connects).toEqual(['wss://pbx-a.example', 'wss://pbx-b.example']);
    expect(phone.store.getState().line).toMatchObject({
      state: 'registered',
      server: 'wss://pbx-b.example',
      serverIndex: 1,
      serverCount: 2,
      attempt: 0,
    });
  });

  it('keeps a working backup, and after a drop tries it first, then the primary, before backing off', async () => {
    vi.useFakeTimers();
    try {
      ua.servers = ['wss://pbx-a.example', 'wss://pbx-b.example'];
      ua.deadServers.add(0);
      await phone.start();
      ua.deadServers.add(1);
      ua.drop();
      expect(phone.store.getState().line).toMatchObject({ state: 'down', attempt: 1 });
      ua.connects.length = 0;
      await vi.advanceTimersByTimeAsync(reconnectDelayMs(1, () => 0.5));
      // both servers tried once, in one round, and no second round before the next backoff
      expect(ua.connects).toEqual(['wss://pbx-b.example', 'wss://pbx-a.example']);
      expect(phone.store.getState().line).toMatchObject({ state: 'down', attempt: 2, serverIndex: 0 });
      ua.deadServers.clear();
      await vi.advanceTimersByTimeAsync(reconnectDelayMs(2, () => 0.5));
      // the new round starts from the primary
      expect(ua.connects.slice(2)).toEqual(['wss://pbx-a.example']);
      expect(phone.store.getState().line).toMatchObject({ state: 'registered', server: 'wss://pbx-a.example' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('backs off exponentially up to 30 s and retries glare after 2.1–4 s', () => {
    expect([1, 2, 3, 4].map((n) => reconnectDelayMs(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(reconnectDelayMs(12, () => 0.5)).toBe(30_000);
    expect(glareRetryDelayMs(() => 0)).toBe(2100);
    expect(glareRetryDelayMs(() => 1)).toBe(4000);
  });
});

describe('incoming calls', () => {
  it('recognises the firm from the Diversion header, rings, and logs the offer with the caller lookup', async () => {
    await phone.start();
    ua.ring(forwardedInvite('+33142000001'));
    const c = call('call-1');
    expect(c).toMatchObject({
      firmId,
      state: 'ringing',
      matchedBy: { source: 'diversion', formattedNumber: '01 42 00 00 01' },
    });
    expect(c.diversion).toMatchObject({ reason: 'no-answer', fromFormatted: '01 42 00 00 01' });
    expect(ringer.playing.has('ring')).toBe(true);
    await settle();
    expect(call('call-1').lookup).toEqual({ contacts: [], recentCalls: [] });
    expect(t.services.calls.get('call-1')).toMatchObject({
      firmId,
      matchedBy: 'diversion',
      diversionReason: 'no-answer',
    });
    expect(t.services.platform).toBeDefined();
  });

  it('logs a call the caller abandoned before answer as missed and stops ringing', async () => {
    await phone.start();
    const s = ua.ring(forwardedInvite('+33142000001'));
    s.callerCancels();
    await settle();
    expect(ringer.playing.size).toBe(0);
    expect(t.services.calls.get('call-1').outcome).toBe('missed');
  });

  it('answers, then logs the conversation when the caller hangs up', async () => {
    let clock = 1_000_000;
    phone = createPhone(
      { account, password: 'pw' },
      { api: t.client, ringer, createUserAgent: () => ua, newId: () => `call-${++ids}`, now: () => clock },
    );
    phone.setDirectory(t.services.firms.directory());
    await phone.start();
    const s = ua.ring(forwardedInvite('+33142000001'));
    const id = phone.store.getState().calls[0]!.id;
    clock += 3000;
    await phone.calls.answer(id);
    expect(call(id).state).toBe('active');
    clock += 42_000;
    s.remoteHangup();
    await settle();
    const logged = t.services.calls.get(id);
    expect(logged).toMatchObject({ outcome: 'answered', answeredAt: 1_003_000, endedAt: 1_045_000 });
  });

  it('declines with 486 and logs it as declined', async () => {
    await phone.start();
    const s = ua.ring(forwardedInvite('+33142000001'));
    await phone.calls.decline('call-1');
    await settle();
    expect(s.actions).toEqual(['reject 486']);
    expect(t.services.calls.get('call-1').outcome).toBe('declined');
  });

  it('ignoring silences the ring without answering; when the PBX takes it to the fallback it is logged as ignored', async () => {
    await phone.start();
    const s = ua.ring(forwardedInvite('+33142000001'));
    phone.calls.ignore('call-1');
    expect(ringer.playing.has('ring')).toBe(false);
    expect(s.actions).toEqual([]);
    s.callerCancels();
    await settle();
    expect(t.services.calls.get('call-1').outcome).toBe('ignored');
  });

  it('rejects with 486 under do-not-disturb in reject mode', async () => {
    await phone.start();
    phone.calls.setDnd(true);
    const s = ua.ring(forwardedInvite('+33142000001'));
    await settle();
    expect(s.actions).toEqual(['reject 486']);
    expect(ringer.playing.size).toBe(0);
    expect(t.services.calls.get('call-1').outcome).toBe('declined');
  });

  it('still rings an unrecognised call, showing the number it was dialled to', async () => {
    await phone.start();
    ua.ring(forwardedInvite('+33155550000'));
    expect(call('call-1')).toMatchObject({ firmId: null, calledNumber: '+33155550000', state: 'ringing' });
  });

  it('plays the call-waiting tone for a second call and holds the first when answering it', async () => {
    await phone.start();
    const first = ua.ring(forwardedInvite('+33142000001'));
    await phone.calls.answer('call-1');
    ua.ring(forwardedInvite('+33142000001', '+33639980002'));
    expect(ringer.playing.has('waiting')).toBe(true);
    expect(ringer.playing.has('ring')).toBe(false);
    await phone.calls.answer('call-2');
    expect(first.actions).toContain('hold');
    expect(call('call-1').held).toBe(true);
    expect(call('call-2').state).toBe('active');
    expect(ringer.playing.size).toBe(0);
  });
});

describe('in call', () => {
  async function activeCall(): Promise<FakeSession> {
    await phone.start();
    const s = ua.ring(forwardedInvite('+33142000001'));
    await phone.calls.answer('call-1');
    return s;
  }

  it('keeps the hold state truthful when the re-INVITE fails', async () => {
    const s = await activeCall();
    s.holdResults = [{ ok: false, glare: false, reason: '488 Not Acceptable Here' }];
    expect(await phone.calls.setHold('call-1', true)).toBe(false);
    expect(call('call-1')).toMatchObject({ held: false, holdPending: false, holdError: '488 Not Acceptable Here' });
  });

  it('retries a hold after 491 glare and records hold and resume', async () => {
    const s = await activeCall();
    s.holdResults = [{ ok: false, glare: true, reason: '491 Request Pending' }, { ok: true }];
    expect(await phone.calls.setHold('call-1', true)).toBe(true);
    expect(s.actions.filter((a) => a === 'hold')).toHaveLength(2);
    expect(await phone.calls.setHold('call-1', false)).toBe(true);
    await settle();
    expect(t.services.calls.get('call-1').holds).toHaveLength(1);
  });

  it('sends DTMF with the account mode and mutes', async () => {
    const s = await activeCall();
    await phone.calls.sendDtmf('call-1', '5');
    phone.calls.setMuted('call-1', true);
    expect(s.actions).toContain('dtmf 5 rfc4733');
    expect(s.actions).toContain('mute');
    expect(call('call-1')).toMatchObject({ muted: true, dtmfSent: '5' });
  });

  it('blind transfer: REFER, then BYE our leg once the NOTIFY says it worked; logged as transferred', async () => {
    const s = await activeCall();
    expect(await phone.calls.blindTransfer('call-1', '0601020304')).toBe(true);
    expect(s.actions.slice(-2)).toEqual(['refer 0601020304', 'hangup']);
    await settle();
    expect(t.services.calls.get('call-1')).toMatchObject({
      outcome: 'transferred-blind',
      transferTarget: '0601020304',
    });
  });

  it('a failed blind transfer keeps the call', async () => {
    const s = await activeCall();
    s.referResult = { ok: false, reason: '603 Declined' };
    expect(await phone.calls.blindTransfer('call-1', '0601020304')).toBe(false);
    expect(call('call-1')).toMatchObject({ state: 'active', transfer: { state: 'failed', error: '603 Declined' } });
  });

  it('announced transfer: hold, consult, complete with REFER/Replaces', async () => {
    const s = await activeCall();
    const consult = await phone.calls.startConsult('call-1', '0601020304');
    expect(call('call-1').held).toBe(true);
    const consultSession = ua.dialled[0]!.session;
    consultSession.establish();
    expect(call('call-1').transfer?.state).toBe('consulting');
    expect(await phone.calls.completeTransfer('call-1')).toBe(true);
    expect(s.actions).toContain(`refer-replaces ${consultSession.sipCallId}`);
    await settle();
    expect(t.services.calls.get('call-1')).toMatchObject({ outcome: 'transferred-announced' });
    expect(phone.calls.sessionCount()).toBe(0);
    expect(consult).not.toBeNull();
  });

  it('announced transfer to someone who does not answer: back to the caller, offer to take a message', async () => {
    await activeCall();
    await phone.calls.startConsult('call-1', '0601020304');
    ua.dialled[0]!.session.listener?.onTerminated({ by: 'remote', beforeAnswer: true, statusCode: 480 });
    await settle();
    expect(call('call-1')).toMatchObject({ state: 'active', held: false, transfer: null, offerMessage: true });
  });

  it('calls back with the firm caller-ID and plays the ringback until answered', async () => {
    await phone.start();
    phone.setCallerIds({ [firmId]: { mode: 'p-asserted-identity', number: '0142000001' } });
    const c = await phone.calls.call('0639980001', firmId);
    expect(ua.dialled[0]).toMatchObject({ target: '0639980001', callerId: { mode: 'p-asserted-identity' } });
    expect(ringer.playing.has('ringback')).toBe(true);
    ua.dialled[0]!.session.establish();
    expect(ringer.playing.has('ringback')).toBe(false);
    await phone.calls.hangup(c.id);
    await settle();
    expect(t.services.calls.get(c.id)).toMatchObject({ direction: 'outbound', outcome: 'answered' });
  });
});

describe('demo line', () => {
  it('simulates a call for a firm through the same pipeline and logs real rows', async () => {
    const demo = createPhone(null, { api: t.client, ringer, newId: () => `demo-${++ids}` });
    demo.setDirectory(t.services.firms.directory());
    expect(demo.store.getState().line.state).toBe('demo');
    const c = demo.simulateIncoming(firmId)!;
    expect(c).toMatchObject({ firmId, demo: true, matchedBy: { source: 'diversion' } });
    await demo.calls.answer(c.id);
    await new Promise((r) => setTimeout(r, 0));
    expect(demo.store.getState().calls[0]!.state).toBe('active');
    await demo.calls.hangup(c.id);
    await demo.calls.flush();
    expect(t.services.calls.get(c.id)).toMatchObject({ demo: true, matchedBy: 'demo', outcome: 'answered' });
  });
  it('marks a call dialled on the demo line as demo, so main never bills it', async () => {
    const demo = createPhone(null, { api: t.client, ringer, newId: () => `demo-${++ids}` });
    demo.setDirectory(t.services.firms.directory());
    const c = await demo.calls.call('06 39 98 01 42', firmId);
    expect(c.demo).toBe(true);
    await demo.calls.hangup(c.id);
    await demo.calls.flush();
    expect(t.services.calls.get(c.id)).toMatchObject({ direction: 'outbound', demo: true });
  });
});
