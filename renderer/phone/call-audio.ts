import { createStore } from 'zustand/vanilla';
import type { PermanenceClient } from '../../shared/api';
import type { AudioDevices } from '../../shared/domain/sip-account';
import type { CallView, Ringer, SessionPort } from './types';

export type AudioDeviceKind = 'input' | 'output';

/** A device switch that did not happen: the calls stayed on the previous device. */
export interface AudioSwitchFailure {
  kind: AudioDeviceKind;
  deviceId: string;
  /** DOMException name when there is one (NotFoundError, NotReadableError, AbortError…), for the card's sentence. */
  name: string;
  message: string;
}

export interface CallAudioState {
  /** Microphone chosen during this session for the live and the next calls; null: the account's own choice. */
  inputId: string | null;
  /** Speaker (call audio, call-waiting tone, ringback) chosen during this session; null: the account's own. */
  outputId: string | null;
  /** A switch is under way. */
  pending: boolean;
  failures: AudioSwitchFailure[];
  /** Where the last choice was kept: in the account (next start too), or for this session only. */
  kept: 'account' | 'session' | null;
  /** The devices were switched but saving the choice in the account failed. */
  saveError: string | null;
}

export interface AudioChoice {
  inputId?: string;
  outputId?: string;
}

export interface AudioSwitchResult {
  ok: boolean;
  failures: AudioSwitchFailure[];
  kept: CallAudioState['kept'];
}

export type AudioSipApi = Pick<PermanenceClient['sip'], 'getAccount' | 'saveAccount'>;

interface LiveSession {
  call: CallView;
  session: SessionPort;
}

export interface CallAudioDeps {
  /** The calls still alive with their SIP sessions, oldest first. */
  live(): LiveSession[];
  isLive(id: string): boolean;
  ringer: Ringer;
  /** Account persistence; absent (tests, a build without it): the choice is kept for this session only. */
  sip?: AudioSipApi;
  log?(line: string): void;
}

function failureOf(kind: AudioDeviceKind, deviceId: string, e: unknown): AudioSwitchFailure {
  // DOMException is not an Error subclass everywhere: read its fields as they are.
  const error = (typeof e === 'object' && e !== null ? e : {}) as { name?: unknown; message?: unknown };
  const name = typeof error.name === 'string' && error.name ? error.name : 'Error';
  const message = typeof error.message === 'string' ? error.message : String(e);
  return { kind, deviceId, name, message };
}

/**
 * Which microphone and speaker the calls use: switches every live call without touching its SIP dialog
 * (RTCRtpSender.replaceTrack, HTMLMediaElement.setSinkId in the session), rolls back on failure, keeps the
 * choice for the next calls, and saves it in the account when the account comes from the settings.
 */
export function createCallAudio(deps: CallAudioDeps) {
  const store = createStore<CallAudioState>()(() => ({
    inputId: null,
    outputId: null,
    pending: false,
    failures: [],
    kept: null,
    saveError: null,
  }));
  /** Per call: the microphone its session was told to open before it had any media (incoming, before answer). */
  const prepared = new Map<string, string>();
  let chain: Promise<unknown> = Promise.resolve();
  let queued = 0;

  /**
   * Applies `deviceId` to each session in turn; on the first failure puts back `previous` on those already
   * switched, so every call stays on one device. Sessions whose call ended meanwhile do not count.
   */
  async function applyAll(
    kind: AudioDeviceKind,
    targets: LiveSession[],
    deviceId: string,
    previous: string,
  ): Promise<AudioSwitchFailure | null> {
    const done: SessionPort[] = [];
    const apply = (s: SessionPort, id: string) => (kind === 'input' ? s.setInputDevice?.(id) : s.setOutputDevice?.(id));
    for (const { call, session } of targets) {
      if (!deps.isLive(call.id)) continue;
      try {
        await apply(session, deviceId);
        done.push(session);
      } catch (e) {
        if (!deps.isLive(call.id)) continue;
        for (const s of done) {
          await Promise.resolve(apply(s, previous)).catch((r: Error) =>
            deps.log?.(`audio ${kind}: rollback failed: ${r.name} ${r.message}`),
          );
        }
        return failureOf(kind, deviceId, e);
      }
    }
    return null;
  }

  async function run(choice: AudioChoice): Promise<AudioSwitchResult> {
    store.setState({ failures: [], saveError: null });
    const view = deps.sip ? await deps.sip.getAccount({}).catch(() => null) : null;
    const base: AudioDevices = view?.account?.audio ?? { inputId: '', outputId: '', ringId: '' };
    const state = store.getState();
    const failures: AudioSwitchFailure[] = [];
    const changed: Partial<Pick<AudioDevices, 'inputId' | 'outputId'>> = {};
    const live = deps.live();

    const previousInput = state.inputId ?? base.inputId;
    if (choice.inputId !== undefined && choice.inputId !== previousInput) {
      // Only established calls have a microphone track; a ringing incoming call opens the chosen one on answer.
      const active = live.filter((l) => l.call.state === 'active' && l.session.setInputDevice);
      const failure = await applyAll('input', active, choice.inputId, previousInput);
      if (failure) failures.push(failure);
      else {
        changed.inputId = choice.inputId;
        for (const l of live) {
          if (l.call.state !== 'ringing' || l.call.direction !== 'inbound' || !l.session.setInputDevice) continue;
          await l.session.setInputDevice(choice.inputId).then(
            () => prepared.set(l.call.id, choice.inputId!),
            (e: Error) => deps.log?.(`audio input (ringing call): ${e.name}`),
          );
        }
      }
    }

    const previousOutput = state.outputId ?? base.outputId;
    if (choice.outputId !== undefined && choice.outputId !== previousOutput) {
      const targets = live.filter((l) => l.session.setOutputDevice);
      const failure = await applyAll('output', targets, choice.outputId, previousOutput);
      if (failure) failures.push(failure);
      else {
        changed.outputId = choice.outputId;
        // Call-waiting tone and ringback follow the call's audio (the ringtone keeps its own ring device).
        await deps.ringer.setCallDevice(choice.outputId).catch((e: Error) => deps.log?.(`ringer: ${e.name}`));
      }
    }

    let kept = state.kept;
    let saveError: string | null = null;
    if (Object.keys(changed).length > 0) {
      kept = 'session';
      // An account from PERMANENCE_SIP_* is read-only: the choice then lives for this session only.
      if (deps.sip && view?.source === 'settings' && view.account) {
        try {
          await deps.sip.saveAccount({ account: { ...view.account, audio: { ...view.account.audio, ...changed } } });
          kept = 'account';
        } catch (e) {
          saveError = (e as Error).message;
          deps.log?.(`audio: could not save the choice: ${saveError}`);
        }
      }
    }
    store.setState((s) => ({
      inputId: changed.inputId ?? s.inputId,
      outputId: changed.outputId ?? s.outputId,
      failures,
      kept,
      saveError,
    }));
    return { ok: failures.length === 0, failures, kept };
  }

  return {
    store,
    /** Switches the microphone and/or the speaker of every live call; one switch at a time, in order. */
    switchDevices(choice: AudioChoice): Promise<AudioSwitchResult> {
      queued++;
      store.setState({ pending: true });
      const next = chain.then(() => run(choice)).finally(() => store.setState({ pending: --queued > 0 }));
      chain = next.catch(() => undefined);
      return next;
    },
    dismissFailure() {
      store.setState({ failures: [], saveError: null });
    },
    /** The account's devices were changed in the settings: the next calls open them; live calls keep theirs. */
    adoptForNextCalls(devices: { inputId: string; outputId: string }) {
      store.setState({ inputId: devices.inputId, outputId: devices.outputId });
    },
    /** A new call's session: give it the devices chosen during this session before it has any media. */
    prepare(call: CallView, session: SessionPort) {
      const { inputId, outputId } = store.getState();
      if (outputId !== null && session.setOutputDevice)
        void session.setOutputDevice(outputId).catch((e: Error) => deps.log?.(`audio output (new call): ${e.name}`));
      // An incoming call opens its microphone when answered, with the device it was given here. An outgoing one
      // has already asked for the account's microphone: it is switched once established.
      if (inputId !== null && call.direction === 'inbound' && session.setInputDevice) {
        void session.setInputDevice(inputId).then(
          () => prepared.set(call.id, inputId),
          (e: Error) => deps.log?.(`audio input (new call): ${e.name}`),
        );
      }
    },
    /** A call was established: if it opened another microphone than the one chosen, switch it now. */
    async established(call: CallView, session: SessionPort): Promise<void> {
      const { inputId } = store.getState();
      if (inputId === null || prepared.get(call.id) === inputId || !session.setInputDevice) return;
      try {
        await session.setInputDevice(inputId);
        prepared.set(call.id, inputId);
      } catch (e) {
        if (!deps.isLive(call.id)) return;
        store.setState((s) => ({ failures: [...s.failures, failureOf('input', inputId, e)] }));
      }
    },
    forget(id: string) {
      prepared.delete(id);
    },
  };
}
export type CallAudio = ReturnType<typeof createCallAudio>;
