import type { InviteInput } from '../../../../shared/domain/sip';
import type {
  ReferResult,
  ReinviteResult,
  Ringer,
  SessionListener,
  SessionPort,
  UserAgentListener,
  UserAgentPort,
} from '../../../../renderer/phone/types';

/** A scripted SIP session: the test decides what the far end answers. */
export class FakeSession implements SessionPort {
  listener: SessionListener | null = null;
  readonly sipCallId = `fake-${Math.random().toString(36).slice(2)}@test`;
  actions: string[] = [];
  holdResults: ReinviteResult[] = [];
  referResult: ReferResult = { ok: true };
  listen(l: SessionListener) {
    this.listener = l;
  }
  async accept() {
    this.actions.push('accept');
    this.listener?.onEstablished();
  }
  /** Like sip.js: Invitation.reject() moves the session to Terminated before its promise settles. */
  async reject(code: number) {
    this.actions.push(`reject ${code}`);
    this.listener?.onTerminated({ by: 'local', beforeAnswer: true, statusCode: code });
  }
  async hangup() {
    this.actions.push('hangup');
    this.listener?.onTerminated({ by: 'local', beforeAnswer: false });
  }
  async setHold(on: boolean): Promise<ReinviteResult> {
    this.actions.push(on ? 'hold' : 'resume');
    return this.holdResults.shift() ?? { ok: true };
  }
  setMuted(on: boolean) {
    this.actions.push(on ? 'mute' : 'unmute');
  }
  async sendDtmf(tone: string, mode: string) {
    this.actions.push(`dtmf ${tone} ${mode}`);
    return true;
  }
  async refer(target: string) {
    this.actions.push(`refer ${target}`);
    return this.referResult;
  }
  async referReplaces(consult: SessionPort) {
    this.actions.push(`refer-replaces ${consult.sipCallId}`);
    return this.referResult;
  }
  remoteHangup() {
    this.listener?.onTerminated({ by: 'remote', beforeAnswer: false });
  }
  callerCancels() {
    this.listener?.onTerminated({ by: 'remote', beforeAnswer: true, statusCode: 487 });
  }
  establish() {
    this.listener?.onEstablished();
  }
}

export class FakeUserAgent implements UserAgentPort {
  listener: UserAgentListener | null = null;
  connected = false;
  startResult: 'ok' | 'fail' = 'ok';
  servers: string[] = ['ws://127.0.0.1:5066'];
  /** Servers (by index) whose connect fails, whatever startResult says. */
  deadServers = new Set<number>();
  currentServer = 0;
  /** The server each start()/reconnect() went to. */
  connects: string[] = [];
  registerResults: Array<'ok' | 'in-progress' | 'reject'> = [];
  log: string[] = [];
  dialled: Array<{ target: string; session: FakeSession; callerId: unknown }> = [];
  listen(l: UserAgentListener) {
    this.listener = l;
  }
  async start() {
    this.log.push('start');
    return this.connectNow();
  }
  async reconnect() {
    this.log.push('reconnect');
    return this.connectNow();
  }
  useServer(index: number) {
    this.currentServer = index;
  }
  private async connectNow() {
    this.connects.push(this.servers[this.currentServer]!);
    if (this.startResult === 'fail' || this.deadServers.has(this.currentServer)) throw new Error('WebSocket closed');
    this.connected = true;
    this.listener?.onConnect();
  }
  isConnected() {
    return this.connected;
  }
  async register() {
    this.log.push('register');
    const result = this.registerResults.shift() ?? 'ok';
    if (result === 'in-progress') throw new Error('REGISTER request already in progress, waiting for final response');
    if (result === 'reject') this.listener?.onRegistrationFailed('403 Forbidden');
    else this.listener?.onRegistered();
  }
  recreateRegisterer() {
    this.log.push('recreate-registerer');
  }
  async stop() {
    this.log.push('stop');
  }
  drop() {
    this.connected = false;
    this.listener?.onDisconnect('WebSocket closed');
  }
  ring(invite: InviteInput): FakeSession {
    const session = new FakeSession();
    this.listener?.onInvite(session, invite);
    return session;
  }
  call(target: string, callerId: unknown): FakeSession {
    const session = new FakeSession();
    this.dialled.push({ target, session, callerId });
    return session;
  }
}

export function recordingRinger(): Ringer & { playing: Set<string> } {
  const playing = new Set<string>();
  return {
    playing,
    start: (kind) => void playing.add(kind),
    stop: (kind) => (kind ? void playing.delete(kind) : playing.clear()),
    setRingDevice: async () => undefined,
    setCallDevice: async () => undefined,
  };
}

export function forwardedInvite(firmNumber: string, caller = '+33639980001'): InviteInput {
  return {
    requestUri: 'sip:alice@permanence.lab',
    headers: {
      From: [`<sip:${caller}@pbx.example>;tag=1`],
      To: ['<sip:alice@permanence.lab>'],
      Diversion: [`<tel:${firmNumber}>;reason=no-answer;counter=1`],
    },
  };
}
