import type { PermanenceClient } from '../../shared/api';
import type { CallEvent } from '../../shared/domain/call';
import { formatPhoneForDisplay, toE164 } from '../../shared/domain/phone';
import type { InviteInput } from '../../shared/domain/sip';
import type { CallerId, DndMode, DtmfMode } from '../../shared/domain/sip-account';
import { glareRetryDelayMs } from './backoff';
import { createCallAudio, type AudioChoice, type AudioSipApi } from './call-audio';
import { recogniseInvite, type Directory } from './recognise';
import { currentCall, getCall, liveCalls, updateCall, type PhoneStore } from './store';
import type { CallView, ReinviteResult, Ringer, SessionEnd, SessionPort } from './types';

/**
 * `sip` saves the audio devices chosen during a call in the account; without it the choice lasts for the session.
 * (The app's client has it; the phone's own type does not require it.)
 */
export type CallsApi = Pick<PermanenceClient, 'calls' | 'shell'> & { sip?: AudioSipApi };

export interface CallDeps {
  store: PhoneStore;
  api: CallsApi;
  ringer: Ringer;
  directory(): Directory;
  now(): number;
  newId(): string;
  dtmfMode(): DtmfMode;
  dndMode(): DndMode;
  callerIdFor(firmId: string | null): CallerId | null;
  /** Starts an outgoing SIP call (real line or demo line). */
  dial(target: string, callerId: CallerId | null): SessionPort;
  /** No SIP account: every call is on the demo line, so it is marked demo (never billed). */
  demoLine?: boolean;
  /** Waits; injectable so glare tests need no real 2–4 s. */
  sleep?(ms: number): Promise<void>;
  random?(): number;
  log?(line: string): void;
  /** A call was answered: open the call desk. */
  onAnswered?(call: CallView): void;
}

const MAX_HOLD_ATTEMPTS = 3;
const ENDED_CARD_MS = 4000;

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function blankCall(id: string, direction: CallView['direction'], at: number, demo: boolean): CallView {
  return {
    id,
    direction,
    state: direction === 'inbound' ? 'ringing' : 'dialing',
    demo,
    firmId: null,
    matchedBy: null,
    calledNumber: null,
    diversion: null,
    caller: { e164: null, formatted: '', displayName: '', anonymous: false, raw: '' },
    lookup: null,
    offeredAt: at,
    answeredAt: null,
    endedAt: null,
    ignored: false,
    held: false,
    remoteHeld: false,
    holdPending: false,
    holdError: null,
    muted: false,
    endReason: null,
    transfer: null,
    consultFor: null,
    offerMessage: false,
    dtmfSent: '',
  };
}

/** Every call of the line: ringing, answering, holding, transferring, and reporting each step to main's call log. */
export function createCallController(deps: CallDeps) {
  const { store, api, ringer, now } = deps;
  const sessions = new Map<string, SessionPort>();
  /** Call-log writes per call, in order: the offer must land before any event. */
  const logChains = new Map<string, Promise<unknown>>();
  const sleep = deps.sleep ?? sleepReal;
  const audio = createCallAudio({
    live: () =>
      liveCalls(store.getState()).flatMap((call) => {
        const session = sessions.get(call.id);
        return session ? [{ call, session }] : [];
      }),
    isLive: (id) => sessions.has(id) && getCall(store, id)?.state !== 'ended',
    ringer,
    sip: api.sip,
    log: deps.log,
  });

  function log(id: string, write: () => Promise<unknown>): Promise<unknown> {
    const previous = logChains.get(id) ?? Promise.resolve();
    const next = previous.then(write).catch((e: Error) => deps.log?.(`call log: ${e.message}`));
    logChains.set(id, next);
    return next;
  }

  function record(event: CallEvent): void {
    void log(event.callId, () => api.calls.record(event));
  }

  function refreshSounds() {
    const state = store.getState();
    const live = liveCalls(state);
    const ringing = live.filter((c) => c.state === 'ringing' && c.direction === 'inbound' && !c.ignored);
    const busy = live.some((c) => c.state === 'active' || c.state === 'connecting' || c.direction === 'outbound');
    if (ringing.length > 0 && !busy) ringer.start('ring');
    else ringer.stop('ring');
    if (ringing.length > 0 && busy) ringer.start('waiting');
    else ringer.stop('waiting');
    if (live.some((c) => c.direction === 'outbound' && c.state === 'dialing' && c.transfer === null))
      ringer.start('ringback');
    else ringer.stop('ringback');
  }

  function finish(
    id: string,
    end: SessionEnd | null,
    reason: Extract<CallEvent, { type: 'ended' }>['reason'],
    detail = '',
  ) {
    const call = getCall(store, id);
    if (!call || call.state === 'ended') return;
    const at = now();
    sessions.delete(id);
    audio.forget(id);
    updateCall(store, id, { state: 'ended', endedAt: at, endReason: reason, holdPending: false });
    record({
      type: 'ended',
      callId: id,
      at,
      reason,
      detail: detail || (end?.statusCode ? String(end.statusCode) : ''),
    });
    refreshSounds();
    // A consult call that ends before it was answered: back to the caller, offer to take a message.
    if (call.consultFor) void consultEnded(call, call.answeredAt !== null);
    setTimeout(() => {
      const ended = getCall(store, id);
      if (ended?.state === 'ended') {
        store.setState((s) => ({ calls: s.calls.filter((c) => c.id !== id) }));
        logChains.delete(id);
      }
    }, ENDED_CARD_MS);
  }

  function listenTo(id: string, session: SessionPort) {
    session.listen({
      onProgress() {
        refreshSounds();
      },
      onEstablished() {
        const call = getCall(store, id);
        if (!call || call.state === 'ended') return;
        const at = call.answeredAt ?? now();
        updateCall(store, id, { state: 'active', answeredAt: at });
        if (call.answeredAt === null) record({ type: 'answered', callId: id, at });
        refreshSounds();
        void audio.established(call, session);
        const updated = getCall(store, id);
        if (updated && updated.direction === 'inbound') deps.onAnswered?.(updated);
        if (updated?.consultFor) {
          const original = getCall(store, updated.consultFor);
          if (original?.transfer)
            updateCall(store, original.id, { transfer: { ...original.transfer, state: 'consulting' } });
        }
      },
      onTerminated(end) {
        const call = getCall(store, id);
        if (!call || call.state === 'ended') return;
        if (call.answeredAt !== null) {
          finish(id, end, end.by === 'local' ? 'local-hangup' : 'remote-hangup');
        } else if (call.direction === 'inbound') {
          finish(id, end, call.ignored ? 'ignored' : 'caller-cancelled');
        } else {
          finish(id, end, end.by === 'local' ? 'local-hangup' : 'failed', end.detail ?? '');
        }
      },
      onRemoteHold(held) {
        updateCall(store, id, { remoteHeld: held });
      },
    });
  }

  function offerToLog(call: CallView, sipCallId: string) {
    void log(call.id, async () => {
      const result = await api.calls.offer({
        id: call.id,
        direction: call.direction,
        firmId: call.firmId,
        matchedBy: call.demo ? 'demo' : ((call.matchedBy?.source as never) ?? null),
        matchedNumber: call.matchedBy?.e164 ?? call.calledNumber,
        callerNumber: call.caller.e164,
        callerRaw: call.caller.raw.slice(0, 300),
        callerName: call.caller.displayName.slice(0, 200),
        anonymous: call.caller.anonymous,
        diversionReason: call.diversion?.reason ?? null,
        diversionFrom: call.diversion?.fromE164 ?? null,
        sipCallId: sipCallId.slice(0, 300),
        demo: call.demo,
        at: call.offeredAt,
      });
      if (getCall(store, call.id)) updateCall(store, call.id, { lookup: result.caller });
      return result;
    });
  }

  function incoming(session: SessionPort, invite: InviteInput, options: { demo?: boolean } = {}): CallView {
    const id = deps.newId();
    const at = now();
    const recognised = recogniseInvite(invite, deps.directory());
    const call: CallView = { ...blankCall(id, 'inbound', at, options.demo ?? false), ...recognised };
    sessions.set(id, session);
    listenTo(id, session);
    const dnd = store.getState().dnd;
    if (dnd && deps.dndMode() === 'reject') {
      store.setState((s) => ({ calls: [...s.calls, call] }));
      offerToLog(call, session.sipCallId);
      // Ended before rejecting: sip.js reports the rejected session as terminated at once, which would log "missed".
      finish(id, null, 'declined', 'dnd');
      void session.reject(486).catch(() => undefined);
      return call;
    }
    audio.prepare(call, session);
    const shown = dnd ? { ...call, ignored: true } : call;
    store.setState((s) => ({ calls: [...s.calls, shown], focusedCallId: s.focusedCallId ?? id }));
    offerToLog(shown, session.sipCallId);
    refreshSounds();
    if (!dnd) {
      const firm = call.firmId ? deps.directory().firms.get(call.firmId) : undefined;
      void api.shell
        .incomingCall({
          firmName: firm?.profile.name ?? '',
          callerLabel: call.caller.displayName || call.caller.formatted || '',
        })
        .catch(() => undefined);
    }
    return shown;
  }

  async function setHold(id: string, on: boolean): Promise<boolean> {
    const call = getCall(store, id);
    const session = sessions.get(id);
    if (!call || !session || call.state !== 'active' || call.holdPending || call.held === on) return call?.held === on;
    updateCall(store, id, { holdPending: true, holdError: null });
    let result: ReinviteResult = { ok: false, glare: false, reason: '' };
    for (let attempt = 1; attempt <= MAX_HOLD_ATTEMPTS; attempt++) {
      result = await session.setHold(on);
      if (result.ok || !result.glare || attempt === MAX_HOLD_ATTEMPTS) break;
      deps.log?.('491 on re-INVITE: retrying after the RFC 3261 delay');
      await sleep(glareRetryDelayMs(deps.random));
      if (getCall(store, id)?.state !== 'active') return false;
    }
    if (getCall(store, id)?.state !== 'active') return false;
    if (result.ok) {
      updateCall(store, id, { held: on, holdPending: false });
      record({ type: on ? 'hold' : 'resume', callId: id, at: now() });
      return true;
    }
    // The re-INVITE failed: the far end kept the previous state, and so do we.
    updateCall(store, id, { holdPending: false, holdError: result.reason || 'échec' });
    return false;
  }

  async function answer(id: string): Promise<void> {
    const call = getCall(store, id);
    const session = sessions.get(id);
    if (!call || !session || call.state !== 'ringing' || call.direction !== 'inbound') return;
    // Two calls at once: answering the second one holds the first.
    for (const other of liveCalls(store.getState())) {
      if (other.id !== id && other.state === 'active' && !other.held) await setHold(other.id, true);
    }
    updateCall(store, id, { state: 'connecting', ignored: false });
    store.setState({ focusedCallId: id });
    refreshSounds();
    try {
      await session.accept();
    } catch (e) {
      finish(id, null, 'failed', (e as Error).message);
    }
  }

  async function decline(id: string): Promise<void> {
    const call = getCall(store, id);
    const session = sessions.get(id);
    if (!call || !session || call.state !== 'ringing') return;
    finish(id, null, 'declined');
    await session.reject(486).catch(() => undefined);
  }

  /** Stop ringing here without answering: the PBX sends the call on to the firm's fallback. */
  function ignore(id: string): void {
    const call = getCall(store, id);
    if (!call || call.state !== 'ringing') return;
    updateCall(store, id, { ignored: true });
    refreshSounds();
  }

  async function hangup(id: string): Promise<void> {
    const call = getCall(store, id);
    const session = sessions.get(id);
    if (!call || !session) return;
    if (call.state === 'ringing' && call.direction === 'inbound') return decline(id);
    const wasAnswered = call.answeredAt !== null;
    finish(id, null, wasAnswered ? 'local-hangup' : 'local-hangup');
    await session.hangup().catch((e: Error) => deps.log?.(`hangup: ${e.message}`));
  }

  function setMuted(id: string, muted: boolean): void {
    const session = sessions.get(id);
    if (!session) return;
    session.setMuted(muted);
    updateCall(store, id, { muted });
  }

  async function sendDtmf(id: string, tone: string): Promise<boolean> {
    const session = sessions.get(id);
    const call = getCall(store, id);
    if (!session || call?.state !== 'active' || !/^[0-9A-D*#]$/i.test(tone)) return false;
    const ok = await session.sendDtmf(tone, deps.dtmfMode());
    if (ok) updateCall(store, id, { dtmfSent: (getCall(store, id)?.dtmfSent ?? '') + tone });
    return ok;
  }

  function dial(
    target: string,
    options: { firmId?: string | null; consultFor?: string | null; demo?: boolean } = {},
  ): CallView {
    const id = deps.newId();
    const at = now();
    const firmId = options.firmId ?? null;
    const e164 = toE164(target);
    const call: CallView = {
      ...blankCall(id, 'outbound', at, (options.demo ?? false) || (deps.demoLine ?? false)),
      firmId,
      caller: {
        e164,
        formatted: e164 ? formatPhoneForDisplay(e164) : target,
        displayName: '',
        anonymous: false,
        raw: target,
      },
      consultFor: options.consultFor ?? null,
    };
    const session = deps.dial(target, deps.callerIdFor(firmId));
    sessions.set(id, session);
    listenTo(id, session);
    audio.prepare(call, session);
    store.setState((s) => ({ calls: [...s.calls, call], focusedCallId: id }));
    offerToLog(call, session.sipCallId);
    refreshSounds();
    return call;
  }

  /** Call back a caller or dial a number, presenting the firm's caller-ID when configured. */
  async function call(target: string, firmId: string | null = null): Promise<CallView> {
    for (const other of liveCalls(store.getState())) {
      if (other.state === 'active' && !other.held) await setHold(other.id, true);
    }
    return dial(target, { firmId });
  }

  async function blindTransfer(id: string, target: string): Promise<boolean> {
    const call = getCall(store, id);
    const session = sessions.get(id);
    if (!call || !session || call.state !== 'active') return false;
    updateCall(store, id, { transfer: { kind: 'blind', target, state: 'calling', consultCallId: null, error: null } });
    const result = await session.refer(target);
    if (!result.ok) {
      updateCall(store, id, {
        transfer: { kind: 'blind', target, state: 'failed', consultCallId: null, error: result.reason },
      });
      return false;
    }
    transferred(id, 'blind', target);
    // The REFER succeeded (NOTIFY 200): our leg is no longer needed (sip.js #1069).
    await session.hangup().catch(() => undefined);
    return true;
  }

  function transferred(id: string, kind: 'blind' | 'announced', target: string) {
    const call = getCall(store, id);
    if (!call) return;
    const at = now();
    updateCall(store, id, {
      transfer: { kind, target, state: 'done', consultCallId: call.transfer?.consultCallId ?? null, error: null },
    });
    record({ type: 'transferred', callId: id, at, kind, target: target.slice(0, 80) });
    finish(id, null, 'transferred');
  }

  /** Announced transfer, step 1: hold the caller and call the person. */
  async function startConsult(id: string, target: string): Promise<CallView | null> {
    const call = getCall(store, id);
    if (!call || call.state !== 'active') return null;
    if (!call.held && !(await setHold(id, true))) return null;
    const consult = dial(target, { firmId: call.firmId, consultFor: id, demo: call.demo });
    updateCall(store, id, {
      transfer: { kind: 'announced', target, state: 'calling', consultCallId: consult.id, error: null },
      offerMessage: false,
    });
    return consult;
  }

  /** Announced transfer, step 2: connect the caller to the person (REFER with Replaces). */
  async function completeTransfer(id: string): Promise<boolean> {
    const call = getCall(store, id);
    const consultId = call?.transfer?.consultCallId;
    const session = sessions.get(id);
    const consultSession = consultId ? sessions.get(consultId) : undefined;
    const consult = consultId ? getCall(store, consultId) : undefined;
    if (!call || !session || !consultSession || consult?.state !== 'active' || !call.transfer) return false;
    updateCall(store, id, { transfer: { ...call.transfer, state: 'completing' } });
    const result = await session.referReplaces(consultSession);
    if (!result.ok) {
      const current = getCall(store, id);
      if (current?.transfer)
        updateCall(store, id, { transfer: { ...current.transfer, state: 'failed', error: result.reason } });
      return false;
    }
    transferred(id, 'announced', call.transfer.target);
    await session.hangup().catch(() => undefined);
    // The target replaced our consult leg and normally hangs it up itself; end it here if not.
    if (getCall(store, consultId!)?.state !== 'ended') {
      finish(consultId!, null, 'transferred');
      await consultSession.hangup().catch(() => undefined);
    }
    return true;
  }

  /** Announced transfer, abandoned: hang up the consult call and take the caller back. */
  async function returnToCaller(id: string): Promise<void> {
    const call = getCall(store, id);
    const consultId = call?.transfer?.consultCallId;
    if (consultId && getCall(store, consultId)?.state !== 'ended') await hangup(consultId);
    else await resumeAfterConsult(id, false);
  }

  async function resumeAfterConsult(id: string, offerMessage: boolean) {
    const call = getCall(store, id);
    if (!call || call.state !== 'active') return;
    updateCall(store, id, { transfer: null, offerMessage });
    if (call.held) await setHold(id, false);
    store.setState({ focusedCallId: id });
  }

  async function consultEnded(consult: CallView, wasAnswered: boolean) {
    const original = consult.consultFor ? getCall(store, consult.consultFor) : undefined;
    if (!original || original.state === 'ended' || original.transfer?.state === 'done') return;
    if (original.transfer?.state === 'completing') return;
    await resumeAfterConsult(original.id, !wasAnswered);
  }

  /** "Ce numéro appartient à…": files the call (and the number) under the firm, then shows its card. */
  async function assignFirm(id: string, firmId: string): Promise<void> {
    await log(id, () => api.calls.assignNumber({ callId: id, firmId }));
    updateCall(store, id, { firmId });
    const call = getCall(store, id);
    if (call?.caller.e164) {
      const lookup = await api.calls.lookupCaller({ firmId, callerNumber: call.caller.e164 }).catch(() => null);
      if (lookup) updateCall(store, id, { lookup });
    }
  }

  /**
   * Switches the microphone and/or the speaker of every live call (and the call-waiting tone and ringback) without
   * dropping any: on failure every call stays on its previous device and `audio` says why. The choice holds for
   * the next calls and is saved in the account unless the account is read-only (PERMANENCE_SIP_*).
   */
  function setAudioDevices(choice: AudioChoice) {
    return audio.switchDevices(choice);
  }

  function setDnd(dnd: boolean) {
    store.setState({ dnd });
  }

  function focus(id: string) {
    store.setState({ focusedCallId: id });
  }

  return {
    incoming,
    answer,
    decline,
    ignore,
    hangup,
    setHold,
    setMuted,
    sendDtmf,
    call,
    blindTransfer,
    startConsult,
    completeTransfer,
    returnToCaller,
    setAudioDevices,
    dismissAudioFailure: audio.dismissFailure,
    adoptAudioForNextCalls: audio.adoptForNextCalls,
    /** Devices chosen during this session, switch in progress, last failure (the card's device menu reads it). */
    audio: audio.store,
    setDnd,
    focus,
    assignFirm,
    current: () => currentCall(store.getState()),
    session: (id: string) => sessions.get(id),
    /** Resolves when every call-log write queued so far has landed (tests, shutdown). */
    flush: () => Promise.all([...logChains.values()]).then(() => undefined),
    /** For diagnostics and the leak test: how many SIP sessions the engine still holds. */
    sessionCount: () => sessions.size,
  };
}
export type CallController = ReturnType<typeof createCallController>;
