import type { PermanenceClient } from '../../../../shared/api';
import { createPhone, type Phone } from '../../../../renderer/phone';
import { sipAccountSchema, type SipAccountView } from '../../../../shared/domain/sip-account';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { DeviceSession, DeviceUserAgent } from './device-fakes';
import { forwardedInvite, recordingRinger } from './fakes';

const account = sipAccountSchema.parse({
  uri: 'sip:alice@permanence.lab',
  servers: ['ws://127.0.0.1:5066'],
  audio: { inputId: 'account-mic', outputId: 'account-speaker', ringId: 'ring-speaker' },
});

let t: TestContext;
let ua: DeviceUserAgent;
let phone: Phone;
let ringer: ReturnType<typeof recordingRinger> & { callDevice: string[] };
let ids = 0;

function start(api: PermanenceClient) {
  ua = new DeviceUserAgent();
  const base = recordingRinger();
  const callDevice: string[] = [];
  ringer = { ...base, callDevice, setCallDevice: async (id: string) => void callDevice.push(id) };
  phone = createPhone(
    { account, password: 'pw' },
    { api, ringer, createUserAgent: () => ua, newId: () => `call-${++ids}` },
  );
  phone.setDirectory(t.services.firms.directory());
}

beforeEach(() => {
  ids = 0;
  t = openTestContext();
  t.services.firms.save({
    draft: parsedDraft(makeFirmDraft({ numbers: [{ e164: '01 42 00 00 01', label: 'standard' }] })),
  });
  // The account as the settings saved it (not from PERMANENCE_SIP_*): the choice can be kept in it.
  t.services.sipAccount.save(account, 'secret-pw');
  start(t.client);
});

afterEach(() => t.close());

function ring(): DeviceSession {
  const session = new DeviceSession();
  ua.listener!.onInvite(session, forwardedInvite('+33142000001'));
  return session;
}

async function answered(): Promise<{ id: string; session: DeviceSession }> {
  const session = ring();
  const id = phone.store.getState().calls.at(-1)!.id;
  await phone.calls.answer(id);
  return { id, session };
}

const state = (id: string) => phone.store.getState().calls.find((c) => c.id === id)!.state;
const notFound = () => new DOMException('Requested device not found', 'NotFoundError');

describe('switching audio devices during calls', () => {
  it('moves every live call, held or not, to the chosen microphone and speaker without touching the calls', async () => {
    const first = await answered();
    const second = await answered(); // answering the second holds the first
    expect(phone.store.getState().calls.find((c) => c.id === first.id)!.held).toBe(true);
    const before = [first.session.actions.length, second.session.actions.length];

    const result = await phone.calls.setAudioDevices({ inputId: 'usb-mic', outputId: 'usb-headset' });

    expect(result).toMatchObject({ ok: true, failures: [] });
    for (const s of [first.session, second.session]) {
      expect(s.input).toBe('usb-mic');
      expect(s.output).toBe('usb-headset');
    }
    // Nothing but the device changes happened to the calls: no re-INVITE, no hang-up.
    expect(first.session.actions.slice(before[0])).toEqual(['input usb-mic', 'output usb-headset']);
    expect(second.session.actions.slice(before[1])).toEqual(['input usb-mic', 'output usb-headset']);
    expect([state(first.id), state(second.id)]).toEqual(['active', 'active']);
    // The call-waiting tone and the ringback follow the call's audio.
    expect(ringer.callDevice).toEqual(['usb-headset']);
    expect(phone.calls.audio.getState()).toMatchObject({
      inputId: 'usb-mic',
      outputId: 'usb-headset',
      pending: false,
      failures: [],
    });
  });

  it('saves the choice in the account from the settings, keeping the ring device and the password', async () => {
    await answered();
    await phone.calls.setAudioDevices({ outputId: 'usb-headset' });
    await phone.calls.setAudioDevices({ inputId: 'usb-mic' });
    const saved = t.services.sipAccount.credentials()!;
    expect(saved.account.audio).toEqual({ inputId: 'usb-mic', outputId: 'usb-headset', ringId: 'ring-speaker' });
    expect(saved.password).toBe('secret-pw');
    expect(phone.calls.audio.getState().kept).toBe('account');
  });

  it('keeps a failed microphone switch from changing anything: every call stays on the previous microphone', async () => {
    const first = await answered();
    const second = await answered();
    // The device vanished between the first call's switch and the second's (getUserMedia fails).
    second.session.failInput.set('usb-mic', notFound());

    const result = await phone.calls.setAudioDevices({ inputId: 'usb-mic' });

    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      { kind: 'input', deviceId: 'usb-mic', name: 'NotFoundError', message: 'Requested device not found' },
    ]);
    // The first call was put back on the account's microphone: both calls on one device.
    expect(first.session.actions.filter((a) => a.startsWith('input'))).toEqual(['input usb-mic', 'input account-mic']);
    expect(first.session.input).toBe('account-mic');
    expect(second.session.input).toBe('account-mic');
    expect([state(first.id), state(second.id)]).toEqual(['active', 'active']);
    expect(first.session.actions).not.toContain('hangup');
    expect(phone.calls.audio.getState()).toMatchObject({ inputId: null, failures: result.failures });
    // Nothing was saved.
    expect(t.services.sipAccount.credentials()!.account.audio.inputId).toBe('account-mic');
  });

  it('reports a speaker that refuses (setSinkId AbortError) while the microphone of the same choice switches', async () => {
    const call = await answered();
    call.session.failOutput.set('bt-speaker', new DOMException('Unable to switch', 'AbortError'));

    const result = await phone.calls.setAudioDevices({ inputId: 'usb-mic', outputId: 'bt-speaker' });

    expect(result.failures.map((f) => [f.kind, f.name])).toEqual([['output', 'AbortError']]);
    expect(call.session.input).toBe('usb-mic');
    expect(call.session.output).toBe('account-speaker');
    // The tones do not move to a device the call could not use.
    expect(ringer.callDevice).toEqual([]);
    expect(phone.calls.audio.getState()).toMatchObject({ inputId: 'usb-mic', outputId: null });
    expect(t.services.sipAccount.credentials()!.account.audio).toMatchObject({
      inputId: 'usb-mic',
      outputId: 'account-speaker',
    });
    expect(state(call.id)).toBe('active');
    phone.calls.dismissAudioFailure();
    expect(phone.calls.audio.getState().failures).toEqual([]);
  });

  it('does not count a call that ended during the switch as a failure', async () => {
    const first = await answered();
    const second = await answered();
    let release: () => void = () => undefined;
    first.session.gate = new Promise<void>((r) => (release = r));
    second.session.failInput.set('usb-mic', notFound());
    const pending = phone.calls.setAudioDevices({ inputId: 'usb-mic' });
    expect(phone.calls.audio.getState().pending).toBe(true);
    second.session.remoteHangup();
    release();
    const result = await pending;
    expect(result.ok).toBe(true);
    expect(first.session.input).toBe('usb-mic');
  });

  it('does nothing, and saves nothing, when the device chosen is the one in use', async () => {
    const call = await answered();
    const before = call.session.actions.length;
    const result = await phone.calls.setAudioDevices({ inputId: 'account-mic', outputId: 'account-speaker' });
    expect(result).toMatchObject({ ok: true, kept: null });
    expect(call.session.actions.slice(before)).toEqual([]);
    expect(t.events.filter((e) => e.name === 'sip:accountChanged')).toHaveLength(1); // the beforeEach's own save
  });

  it('runs one switch at a time, in the order asked', async () => {
    const call = await answered();
    let release: () => void = () => undefined;
    call.session.gate = new Promise<void>((r) => (release = r));
    const a = phone.calls.setAudioDevices({ inputId: 'mic-a' });
    const b = phone.calls.setAudioDevices({ inputId: 'mic-b' });
    await new Promise((r) => setImmediate(r));
    expect(call.session.actions.filter((x) => x.startsWith('input'))).toEqual(['input mic-a']);
    release();
    await Promise.all([a, b]);
    expect(call.session.actions.filter((x) => x.startsWith('input'))).toEqual(['input mic-a', 'input mic-b']);
    expect(call.session.input).toBe('mic-b');
  });

  it('says when the devices switched but the choice could not be saved', async () => {
    const api = {
      ...t.client,
      sip: {
        ...t.client.sip,
        saveAccount: async () => {
          throw new Error('disque plein');
        },
      },
    } as PermanenceClient;
    start(api);
    const call = await answered();
    const result = await phone.calls.setAudioDevices({ outputId: 'usb-headset' });
    expect(result).toMatchObject({ ok: true, kept: 'session' });
    expect(call.session.output).toBe('usb-headset');
    expect(phone.calls.audio.getState()).toMatchObject({ saveError: 'disque plein', outputId: 'usb-headset' });
  });
});

describe('devices changed in the settings (nothing else)', () => {
  it('moves the ringer and the next calls to them, leaving the live call where it is', async () => {
    const live = await answered();
    const rings: string[] = [];
    ringer.setRingDevice = async (id: string) => void rings.push(id);
    await phone.useAudioSettings({ inputId: 'desk-mic', outputId: 'desk-speaker', ringId: 'desk-ring' });
    expect(rings).toEqual(['desk-ring']);
    expect(ringer.callDevice).toEqual(['desk-speaker']);
    expect(live.session.actions.filter((a) => a.startsWith('input') || a.startsWith('output'))).toEqual([]);

    const next = ring();
    await new Promise((r) => setImmediate(r));
    expect(next.actions).toEqual(['output desk-speaker', 'input desk-mic']);
  });
});

describe('an account from PERMANENCE_SIP_* (read-only)', () => {
  let saves = 0;
  beforeEach(() => {
    saves = 0;
    const view: SipAccountView = {
      account,
      hasPassword: true,
      protection: 'dev-plaintext-file',
      source: 'env',
      turnCredentials: [],
    };
    start({
      ...t.client,
      sip: {
        ...t.client.sip,
        getAccount: async () => view,
        saveAccount: async () => {
          saves++;
          return view;
        },
      },
    } as PermanenceClient);
  });

  it('applies the choice for the session only, to the next incoming call before it is answered', async () => {
    await answered();
    const result = await phone.calls.setAudioDevices({ inputId: 'usb-mic', outputId: 'usb-headset' });
    expect(result.kept).toBe('session');
    expect(saves).toBe(0);

    const next = ring();
    await new Promise((r) => setImmediate(r));
    // Given before the answer: sip.js opens the chosen microphone when it accepts (no second getUserMedia).
    expect(next.actions).toEqual(['output usb-headset', 'input usb-mic']);
    await phone.calls.answer(phone.store.getState().calls.at(-1)!.id);
    expect(next.actions.filter((a) => a.startsWith('input'))).toEqual(['input usb-mic']);
    expect(next.actions.indexOf('accept')).toBeGreaterThan(next.actions.indexOf('input usb-mic'));
  });

  it('moves an outgoing call to the chosen microphone once it is established, and says if it cannot', async () => {
    await phone.calls.setAudioDevices({ inputId: 'usb-mic', outputId: 'usb-headset' });
    await phone.calls.call('0142000099');
    const session = ua.dialled[0]!.session as DeviceSession;
    // The speaker is set at once; the microphone was already asked for with the account's choice.
    expect(session.actions).toEqual(['output usb-headset']);
    session.establish();
    await new Promise((r) => setImmediate(r));
    expect(session.actions).toEqual(['output usb-headset', 'input usb-mic']);
    expect(session.input).toBe('usb-mic');

    await phone.calls.call('0142000098');
    const other = ua.dialled[1]!.session as DeviceSession;
    other.failInput.set('usb-mic', notFound());
    other.establish();
    await new Promise((r) => setImmediate(r));
    expect(other.input).toBe('account-mic');
    expect(phone.calls.audio.getState().failures).toEqual([
      { kind: 'input', deviceId: 'usb-mic', name: 'NotFoundError', message: 'Requested device not found' },
    ]);
  });
});
