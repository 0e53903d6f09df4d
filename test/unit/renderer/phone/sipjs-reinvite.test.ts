// @vitest-environment jsdom
// SipJsSession over a fake sip.js and a fake RTCPeerConnection: what is left in the peer connection after a
// re-INVITE of ours is refused, and which far-end re-INVITEs change the remote-hold state.
import { sipAccountSchema } from '../../../../shared/domain/sip-account';
import type { SessionListener, SessionPort, UserAgentListener } from '../../../../renderer/phone/types';

const fake = vi.hoisted(() => {
  const SessionState = { Initial: 'Initial', Established: 'Established', Terminated: 'Terminated' };
  class UserAgent {
    static last: UserAgent;
    static makeURI(s: string) {
      const m = /^sip:([^@]+)@(.+)$/.exec(s);
      return m ? { user: m[1], host: m[2], toString: () => s } : undefined;
    }
    constructor(readonly options: { delegate: { onInvite(invitation: unknown): void } }) {
      UserAgent.last = this;
    }
  }
  class Registerer {
    stateChange = { addListener: () => undefined };
  }
  class Invitation {
    state = SessionState.Established;
    request = { callId: 'call-1', headers: {}, ruri: { toString: () => 'sip:alice@permanence.lab' } };
    listeners: ((s: string) => void)[] = [];
    stateChange = { addListener: (l: (s: string) => void) => this.listeners.push(l) };
    delegate: {
      onInvite?(request: { body?: string }, response: unknown, statusCode: number): void;
    } = {};
    sessionDescriptionHandlerModifiersReInvite: unknown[] = [];
    sessionDescriptionHandler: { peerConnection: unknown } = { peerConnection: undefined };
    /** What the far end does with our re-INVITE (set by each test). */
    onReinvite: (options: {
      requestDelegate: {
        onAccept(): void;
        onReject(r: { message: { statusCode: number; reasonPhrase: string } }): void;
      };
    }) => Promise<void> = async () => undefined;
    invite(options: Parameters<Invitation['onReinvite']>[0]) {
      return this.onReinvite(options);
    }
    /** The far end's answer to each INFO (set by each test): a status code. */
    infoAnswers: number[] = [];
    infos: string[] = [];
    async info(options: {
      requestDelegate: { onAccept(): void; onReject(): void };
      requestOptions: { body: { content: string } };
    }) {
      this.infos.push(options.requestOptions.body.content);
      const code = this.infoAnswers.shift() ?? 200;
      queueMicrotask(() => (code < 300 ? options.requestDelegate.onAccept() : options.requestDelegate.onReject()));
    }
  }
  return { SessionState, UserAgent, Registerer, Invitation };
});

vi.mock('sip.js', () => ({
  UserAgent: fake.UserAgent,
  Registerer: fake.Registerer,
  RegistererState: {},
  Invitation: fake.Invitation,
  Inviter: class {},
  SessionState: fake.SessionState,
  Web: { holdModifier: () => undefined, Transport: class {} },
}));

const { createSipJsUserAgent, directionsOf, withDirections, asAnswerTo } =
  await import('../../../../renderer/phone/sipjs');

const sdp = (direction: string, setup: string, version = 1) =>
  [
    'v=0',
    `o=- 1 ${version} IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'm=audio 40000 UDP/TLS/RTP/SAVPF 8 101',
    'c=IN IP4 127.0.0.1',
    'a=ice-ufrag:abcd',
    `a=setup:${setup}`,
    'a=mid:1',
    `a=${direction}`,
    'a=rtpmap:8 PCMA/8000',
    '',
  ].join('\r\n');

/** Enough of RTCPeerConnection's offer/answer state machine to see what the session does to it. */
class FakePeerConnection {
  signalingState: RTCSignalingState = 'stable';
  currentLocalDescription: RTCSessionDescriptionInit;
  currentRemoteDescription: RTCSessionDescriptionInit;
  pendingLocal: RTCSessionDescriptionInit | null = null;
  calls: string[] = [];
  constructor(local: string, remote: string) {
    this.currentLocalDescription = { type: 'answer', sdp: local };
    this.currentRemoteDescription = { type: 'offer', sdp: remote };
  }
  async createOffer(): Promise<RTCSessionDescriptionInit> {
    this.calls.push(`createOffer in ${this.signalingState}`);
    return { type: 'offer', sdp: sdp('sendrecv', 'actpass', 3) };
  }
  async setLocalDescription(d: RTCSessionDescriptionInit) {
    this.calls.push(`local ${d.type}${d.sdp ? ` ${directionsOf(d.sdp).join()}` : ''}`);
    if (d.type === 'rollback') this.signalingState = 'stable';
    else if (d.type === 'offer') {
      this.pendingLocal = d;
      this.signalingState = 'have-local-offer';
    }
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.calls.push(
      `remote ${d.type} ${directionsOf(d.sdp ?? '').join()} setup:${/a=setup:(\w+)/.exec(d.sdp ?? '')?.[1]}`,
    );
    if (d.type !== 'answer' || this.signalingState !== 'have-local-offer') throw new Error('Invalid signaling state');
    this.currentLocalDescription = this.pendingLocal!;
    this.currentRemoteDescription = d;
    this.signalingState = 'stable';
  }
  getSenders() {
    return [];
  }
  getReceivers() {
    return [];
  }
}

const account = sipAccountSchema.parse({ uri: 'sip:alice@permanence.lab', servers: ['ws://127.0.0.1:5066'] });

/** An answered incoming call: the SipJsSession the engine gets, its fake sip.js session and peer connection. */
function answeredCall(pc: FakePeerConnection) {
  const ua = createSipJsUserAgent({ account, password: 'pw' });
  let port: SessionPort | null = null;
  ua.listen({
    onConnect() {},
    onDisconnect() {},
    onRegistered() {},
    onRegistrationFailed() {},
    onInvite: (session) => (port = session),
  } as UserAgentListener);
  const invitation = new fake.Invitation();
  invitation.sessionDescriptionHandler.peerConnection = pc;
  fake.UserAgent.last.options.delegate.onInvite(invitation);
  const remoteHolds: boolean[] = [];
  const listener: SessionListener = {
    onEstablished() {},
    onTerminated() {},
    onRemoteHold: (held) => remoteHolds.push(held),
  };
  port!.listen(listener);
  return { port: port!, invitation, remoteHolds };
}

/** Like sip.js 0.21: the re-INVITE's offer is applied locally, then the far end refuses it (rollbackOffer is a no-op). */
function refuse(
  invitation: InstanceType<typeof fake.Invitation>,
  pc: FakePeerConnection,
  statusCode: number,
  reasonPhrase: string,
) {
  invitation.onReinvite = async ({ requestDelegate }) => {
    if (pc.signalingState !== 'stable') throw new Error(`Invalid signaling state ${pc.signalingState}`);
    await pc.setLocalDescription({ type: 'offer', sdp: sdp('sendonly', 'actpass', 2) });
    queueMicrotask(() => requestDelegate.onReject({ message: { statusCode, reasonPhrase } }));
  };
}

function accept(invitation: InstanceType<typeof fake.Invitation>, pc: FakePeerConnection) {
  invitation.onReinvite = async ({ requestDelegate }) => {
    // sip.js's web handler refuses to make an offer outside 'stable' ("Invalid signaling state have-local-offer").
    if (pc.signalingState !== 'stable') throw new Error(`Invalid signaling state ${pc.signalingState}`);
    await pc.setLocalDescription({ type: 'offer', sdp: sdp('sendonly', 'actpass', 4) });
    await pc.setRemoteDescription({ type: 'answer', sdp: sdp('inactive', 'passive', 4) });
    queueMicrotask(() => requestDelegate.onAccept());
  };
}

describe('SDP helpers for restoring the agreed offer/answer', () => {
  it('reads and sets the direction of each media section, adding it where the section has none', () => {
    expect(directionsOf(sdp('recvonly', 'active'))).toEqual(['recvonly']);
    expect(directionsOf('v=0\r\nm=audio 1 RTP/AVP 8\r\nc=IN IP4 0.0.0.0\r\n')).toEqual(['sendrecv']);
    const set = withDirections(sdp('sendrecv', 'actpass'), ['recvonly']);
    expect(directionsOf(set)).toEqual(['recvonly']);
    expect(set).toContain('a=recvonly\r\na=rtpmap:8 PCMA/8000\r\n');
    expect(withDirections('v=0\r\nm=audio 1 RTP/AVP 8\r\nc=IN IP4 0.0.0.0\r\n', ['inactive'])).toBe(
      'v=0\r\nm=audio 1 RTP/AVP 8\r\na=inactive\r\nc=IN IP4 0.0.0.0\r\n',
    );
  });

  it('turns the far end description into an answer that keeps the agreed DTLS role', () => {
    expect(asAnswerTo(sdp('sendrecv', 'actpass'), sdp('sendrecv', 'active'))).toContain('a=setup:passive\r\n');
    expect(asAnswerTo(sdp('sendrecv', 'active'), sdp('sendrecv', 'passive'))).toContain('a=setup:active\r\n');
    expect(asAnswerTo(sdp('sendrecv', 'passive'), sdp('sendrecv', 'active'))).toBe(sdp('sendrecv', 'passive'));
  });
});

describe('sip.js session: a refused re-INVITE', () => {
  it('after a 491, restores the agreed offer/answer without a rollback, and the retry can make its offer', async () => {
    const pc = new FakePeerConnection(sdp('sendrecv', 'active'), sdp('sendrecv', 'actpass'));
    const { port, invitation } = answeredCall(pc);
    refuse(invitation, pc, 491, 'Request Pending');

    expect(await port.setHold(true)).toEqual({ ok: false, glare: true, reason: '491 Request Pending' });
    expect(pc.signalingState).toBe('stable');
    // No { type: 'rollback' }: in Chromium it tears the transport down for calls answered by sip.js (no audio after).
    expect(pc.calls).toEqual([
      'local offer sendonly',
      'createOffer in have-local-offer',
      'local offer sendrecv',
      'remote answer sendrecv setup:passive',
    ]);

    accept(invitation, pc);
    expect(await port.setHold(true)).toEqual({ ok: true });
  });

  it('after a 488, keeps the direction agreed before (held by the far end: recvonly)', async () => {
    const pc = new FakePeerConnection(sdp('recvonly', 'active'), sdp('sendonly', 'actpass'));
    const { port, invitation } = answeredCall(pc);
    refuse(invitation, pc, 488, 'Not Acceptable Here');

    expect(await port.setHold(true)).toEqual({ ok: false, glare: false, reason: '488 Not Acceptable Here' });
    expect(pc.signalingState).toBe('stable');
    expect(pc.calls.slice(-2)).toEqual(['local offer recvonly', 'remote answer sendonly setup:passive']);
  });

  it('leaves the peer connection alone when sip.js says another re-INVITE is in progress', async () => {
    const pc = new FakePeerConnection(sdp('sendrecv', 'active'), sdp('sendrecv', 'actpass'));
    const { port, invitation } = answeredCall(pc);
    pc.signalingState = 'have-local-offer';
    invitation.onReinvite = () => Promise.reject(new Error('Reinvite in progress. Please wait until complete'));

    expect(await port.setHold(true)).toMatchObject({ ok: false, glare: true });
    expect(pc.signalingState).toBe('have-local-offer');
    expect(pc.calls).toEqual([]);
  });
});

describe('sip.js session: re-INVITEs from the far end', () => {
  it('reports remote hold and resume from re-INVITEs it answered 200, not from one it refused (488)', () => {
    const pc = new FakePeerConnection(sdp('sendrecv', 'active'), sdp('sendrecv', 'actpass'));
    const { invitation, remoteHolds } = answeredCall(pc);
    invitation.delegate.onInvite!({ body: sdp('sendonly', 'actpass', 2) }, {}, 200);
    invitation.delegate.onInvite!({ body: sdp('sendrecv', 'actpass', 3) }, {}, 488);
    invitation.delegate.onInvite!({ body: sdp('sendrecv', 'actpass', 3) }, {}, 200);
    expect(remoteHolds).toEqual([true, false]);
  });
});

describe('DTMF as SIP INFO', () => {
  it('counts a key as sent only when the far end accepts its INFO', async () => {
    const pc = new FakePeerConnection(sdp('sendrecv', 'active'), sdp('sendrecv', 'actpass'));
    const { port, invitation } = answeredCall(pc);
    invitation.infoAnswers = [200, 415];
    expect(await port.sendDtmf('1', 'info')).toBe(true);
    expect(await port.sendDtmf('9', 'info')).toBe(false);
    expect(invitation.infos).toEqual(['Signal=1\r\nDuration=160', 'Signal=9\r\nDuration=160']);
  });
});
