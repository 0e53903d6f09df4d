import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import type { CallerId, SipAccount } from '../../shared/domain/sip-account';
import { createCallController, type CallController, type CallsApi } from './calls';
import { DemoSession, demoInvite } from './demo';
import { createLineController, type LineController } from './line';
import { buildDirectory, type Directory } from './recognise';
import { createPhoneStore, type PhoneStore } from './store';
import type { CallView, PhoneConfig, Ringer, SessionPort, UserAgentPort } from './types';

export type { PhoneStore } from './store';
export type { CallView, LineView, PhoneConfig } from './types';

/** What the phone asks main: the call log, the shell, and (to keep an audio device choice) the account. */
export type PhoneApi = CallsApi;

export interface PhoneDeps {
  api: PhoneApi;
  ringer: Ringer;
  /** Builds the SIP stack for an account (sip.js in the app, a fake in unit tests). */
  createUserAgent?(config: PhoneConfig): UserAgentPort;
  now?(): number;
  newId?(): string;
  random?(): number;
  sleep?(ms: number): Promise<void>;
  log?(line: string): void;
  onAnswered?(call: CallView): void;
  /** Where `online` is listened to (window in the app). */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

export interface Phone {
  store: PhoneStore;
  calls: CallController;
  /** Connects and registers (no-op on the demo line). */
  start(): Promise<void>;
  /** The OS woke up (Electron powerMonitor 'resume'): reconnect/re-register now. */
  resume(): void;
  setDirectory(firms: readonly FirmDetail[]): void;
  /** The cached directory: what the ring card paints from, before any round trip. */
  firm(id: string): FirmDetail | undefined;
  firms(): FirmDetail[];
  setCallerIds(ids: Record<string, CallerId>): void;
  /** The account's audio devices changed in the settings (nothing else did): use them without a new line. */
  useAudioSettings(audio: SipAccount['audio']): Promise<void>;
  /** "Simuler un appel": a demo call for this firm through the same pipeline from the headers on. */
  simulateIncoming(firmId: string, callerNumber?: string): CallView | null;
  /** The demo caller hangs up (tests and the demo panel). */
  simulateCallerHangup(callId: string): void;
  readonly account: SipAccount | null;
  dispose(): Promise<void>;
}

/**
 * The softphone: one line (or the demo line when `config` is null), any number of calls. Everything the UI needs
 * is in `store`; every action is on `calls`.
 */
export function createPhone(config: PhoneConfig | null, deps: PhoneDeps): Phone {
  const now = deps.now ?? Date.now;
  const store = createPhoneStore(now);
  let directory: Directory = buildDirectory([]);
  let callerIds: Record<string, CallerId> = {};
  const demoSessions = new Map<string, DemoSession>();
  const ua = config && deps.createUserAgent ? deps.createUserAgent(config) : null;
  const account = config?.account ?? null;

  const calls = createCallController({
    store,
    api: deps.api,
    ringer: deps.ringer,
    directory: () => directory,
    now,
    newId: deps.newId ?? (() => crypto.randomUUID()),
    dtmfMode: () => account?.dtmfMode ?? 'rfc4733',
    dndMode: () => account?.dndMode ?? 'reject',
    callerIdFor: (firmId) => (firmId ? (callerIds[firmId] ?? null) : null),
    dial: (target, callerId): SessionPort => (ua ? ua.call(target, callerId) : new DemoSession(true)),
    demoLine: ua === null,
    sleep: deps.sleep,
    random: deps.random,
    log: deps.log,
    onAnswered: deps.onAnswered,
  });

  let line: LineController | null = null;
  if (ua && account) {
    line = createLineController({
      store,
      ua,
      now,
      downAlertSeconds: account.downAlertSeconds,
      random: deps.random,
      log: deps.log,
      onStateChange: (state) => void deps.api.shell.lineStatus({ state }).catch(() => undefined),
    });
    ua.listen({ ...line.handlers, onInvite: (session, invite) => calls.incoming(session, invite) });
  } else {
    store.setState({ line: { ...store.getState().line, state: 'demo' } });
  }

  const onOnline = () => line?.nudge();

  return {
    store,
    calls,
    account,
    async start() {
      deps.events?.addEventListener('online', onOnline);
      await line?.start();
    },
    resume: () => line?.nudge(),
    setDirectory(firms) {
      directory = buildDirectory(firms);
    },
    firm: (id) => directory.firms.get(id),
    firms: () => [...directory.firms.values()],
    setCallerIds(ids) {
      callerIds = ids;
    },
    async useAudioSettings(audio) {
      calls.adoptAudioForNextCalls({ inputId: audio.inputId, outputId: audio.outputId });
      await deps.ringer.setRingDevice(audio.ringId);
      await deps.ringer.setCallDevice(audio.outputId);
    },
    simulateIncoming(firmId, callerNumber) {
      const firm = directory.firms.get(firmId);
      if (!firm) return null;
      const session = new DemoSession();
      const call = calls.incoming(session, demoInvite(firm, callerNumber), { demo: true });
      demoSessions.set(call.id, session);
      return call;
    },
    simulateCallerHangup(callId) {
      demoSessions.get(callId)?.callerHangsUp();
      demoSessions.delete(callId);
    },
    async dispose() {
      deps.events?.removeEventListener('online', onOnline);
      deps.ringer.stop();
      for (const call of store.getState().calls) if (call.state !== 'ended') await calls.hangup(call.id);
      await calls.flush();
      await line?.dispose();
    },
  };
}
