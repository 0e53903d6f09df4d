import type { CallerLookup } from '../../shared/contract/methods/calls';
import type { LineStateName } from '../../shared/contract/methods/sip';
import type { InviteInput } from '../../shared/domain/sip';
import type { CallerId, DtmfMode, SipAccount } from '../../shared/domain/sip-account';

export type { LineStateName };

/** What sip.js (or the demo line) must offer the engine: small enough to fake in unit tests. */
export interface SessionListener {
  /** 180/183 received on an outgoing call. */
  onProgress?(): void;
  onEstablished(): void;
  onTerminated(end: SessionEnd): void;
  /** The far end put us on hold (or resumed) with its own re-INVITE. */
  onRemoteHold?(held: boolean): void;
}

export interface SessionEnd {
  /** 'local' when we sent BYE/CANCEL/reject, 'remote' when the far end did. */
  by: 'local' | 'remote';
  /** The caller gave up before an answer (CANCEL), or an outgoing call was not answered (4xx/5xx/6xx). */
  beforeAnswer: boolean;
  statusCode?: number;
  detail?: string;
}

export type ReinviteResult = { ok: true } | { ok: false; glare: boolean; reason: string };
export type ReferResult = { ok: true } | { ok: false; reason: string };

export interface SessionPort {
  /** SIP Call-ID, for the log. */
  readonly sipCallId: string;
  listen(listener: SessionListener): void;
  accept(): Promise<void>;
  reject(statusCode: 486 | 480 | 603): Promise<void>;
  /** CANCEL an outgoing call, or BYE an established one. */
  hangup(): Promise<void>;
  /** Hold or resume with a re-INVITE; never throws. */
  setHold(on: boolean): Promise<ReinviteResult>;
  setMuted(on: boolean): void;
  sendDtmf(tone: string, mode: DtmfMode): Promise<boolean>;
  /** Blind transfer: resolves when the NOTIFY says the transferee reached the target (or failed). */
  refer(target: string): Promise<ReferResult>;
  /** Announced transfer: REFER with Replaces pointing at the consult call. */
  referReplaces(consult: SessionPort): Promise<ReferResult>;
  setInputDevice?(deviceId: string): Promise<void>;
  setOutputDevice?(deviceId: string): Promise<void>;
  /** RTP counters of the call's peer connection (tests, diagnostics). */
  stats?(): Promise<{ inboundPackets: number; outboundPackets: number }>;
}

export interface UserAgentListener {
  onConnect(): void;
  onDisconnect(reason: string): void;
  onRegistered(): void;
  /** Registration refused or lost; `inProgress` for sip.js's "REGISTER request already in progress". */
  onRegistrationFailed(reason: string, inProgress?: boolean): void;
  onInvite(session: SessionPort, invite: InviteInput): void;
}

export interface UserAgentPort {
  /** The account's WebSocket servers, primary first. */
  readonly servers: readonly string[];
  /** Which of `servers` the next start()/reconnect() connects to. */
  useServer(index: number): void;
  listen(listener: UserAgentListener): void;
  /** Opens the WebSocket (first time). Rejects when it cannot connect. */
  start(): Promise<void>;
  /** Opens it again after a drop. */
  reconnect(): Promise<void>;
  isConnected(): boolean;
  register(): Promise<void>;
  /** Throws the current Registerer away and makes a fresh one (sip.js #1071). */
  recreateRegisterer(): void;
  stop(): Promise<void>;
  call(target: string, callerId: CallerId | null): SessionPort;
}

export interface PhoneConfig {
  account: SipAccount;
  password: string;
}

/** Sounds played locally: ringtone on the ring device, call-waiting tone and ringback on the call device. */
export interface Ringer {
  start(kind: 'ring' | 'waiting' | 'ringback'): void;
  stop(kind?: 'ring' | 'waiting' | 'ringback'): void;
  setRingDevice(deviceId: string): Promise<void>;
  setCallDevice(deviceId: string): Promise<void>;
}

export type CallState = 'ringing' | 'dialing' | 'connecting' | 'active' | 'ended';

export interface CallView {
  id: string;
  direction: 'inbound' | 'outbound';
  state: CallState;
  demo: boolean;
  firmId: string | null;
  matchedBy: { source: string; sourceLabelKey: string; e164: string; formattedNumber: string } | null;
  /** The number the call was dialled to when no firm matched (for "ce numéro appartient à…"). */
  calledNumber: string | null;
  diversion: {
    reason: string;
    reasonKey: string;
    fromE164: string | null;
    fromFormatted: string | null;
    counter: number;
  } | null;
  caller: { e164: string | null; formatted: string; displayName: string; anonymous: boolean; raw: string };
  /** Filled in asynchronously from main: known contacts and recent calls with this firm. */
  lookup: CallerLookup | null;
  offeredAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** She chose "ignorer": it keeps ringing at the far end towards the firm's fallback, silently here. */
  ignored: boolean;
  held: boolean;
  remoteHeld: boolean;
  holdPending: boolean;
  /** Last hold/resume failure, shown on the card; the hold state stays what the far end really has. */
  holdError: string | null;
  muted: boolean;
  endReason: string | null;
  transfer: TransferView | null;
  /** Consult call of an announced transfer: the original call's id. */
  consultFor: string | null;
  /** The person did not answer the consult call: offer to take a message. */
  offerMessage: boolean;
  dtmfSent: string;
}

export interface TransferView {
  kind: 'blind' | 'announced';
  target: string;
  state: 'calling' | 'consulting' | 'completing' | 'failed' | 'done';
  consultCallId: string | null;
  error: string | null;
}

export interface LineView {
  state: LineStateName;
  reason: string | null;
  since: number;
  downSince: number | null;
  /** Down for longer than the account's downAlertSeconds. */
  alert: boolean;
  attempt: number;
  /** The WebSocket server in use or being tried (null on the demo line). */
  server: string | null;
  /** Which of the account's servers that is (0 = primary) and how many there are. */
  serverIndex: number;
  serverCount: number;
}
