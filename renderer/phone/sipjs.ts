// The only module that talks to sip.js 0.21 (pinned, unmaintained: fix around it here, never inside it).
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  Web,
  type Notification,
  type Session,
  type SessionDescriptionHandlerModifier,
} from 'sip.js';
import type { IncomingRequestMessage } from 'sip.js/lib/core';
import type { InviteInput } from '../../shared/domain/sip';
import { queueDtmf } from './dtmf';
import type { CallerId, DtmfMode, SipAccount } from '../../shared/domain/sip-account';
import type {
  ReferResult,
  ReinviteResult,
  SessionEnd,
  SessionListener,
  SessionPort,
  UserAgentListener,
  UserAgentPort,
} from './types';

/** ICE gathering waits for this at most before the offer/answer goes out (sip.js #861/#1035: 5 s by default). */
export const ICE_GATHERING_TIMEOUT_MS = 500;
/** Re-register at 85 % of the expiry instead of sip.js's 99 % (ringcentral-web-phone #398). */
const REFRESH_FREQUENCY = 85;
/** A DTMF INFO without a final answer by then counts as not sent (sip.js itself waits for Timer F, 32 s). */
const INFO_TIMEOUT_MS = 5_000;
/** A REFER whose NOTIFY never says how it ended is given up after this. */
const REFER_TIMEOUT_MS = 30_000;

export interface SipJsOptions {
  account: SipAccount;
  password: string;
  /** Where remote audio elements go (document.body in the app). */
  mediaParent?: HTMLElement;
  log?(line: string): void;
}

function inviteInput(request: IncomingRequestMessage): InviteInput {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(request.headers)) headers[name] = values.map((v) => v.raw);
  return { requestUri: request.ruri?.toString() ?? '', headers };
}

function pcOf(session: Session): RTCPeerConnection | undefined {
  return (session.sessionDescriptionHandler as { peerConnection?: RTCPeerConnection } | undefined)?.peerConnection;
}

const DIRECTION = /^a=(sendrecv|sendonly|recvonly|inactive)(?=\r?$)/m;

/** The SDP cut at its m= lines: the session part, then one part per media section. */
function sdpSections(sdp: string): string[] {
  return sdp.split(/\r\n(?=m=)/);
}

/** The direction of each media section (sendrecv when it says none), in order. */
export function directionsOf(sdp: string): string[] {
  return sdpSections(sdp)
    .slice(1)
    .map((section) => DIRECTION.exec(section)?.[1] ?? 'sendrecv');
}

/** `sdp` with its media sections' directions set to `directions` (sections beyond the list are left alone). */
export function withDirections(sdp: string, directions: string[]): string {
  const [session, ...media] = sdpSections(sdp);
  const set = media.map((section, i) => {
    const direction = directions[i];
    if (!direction) return section;
    return DIRECTION.test(section)
      ? section.replace(DIRECTION, `a=${direction}`)
      : section.replace(/\r\n/, `\r\na=${direction}\r\n`);
  });
  return [session, ...set].join('\r\n');
}

/**
 * The far end's last description (an offer or an answer) as an answer to our re-offer of the agreed state: the
 * DTLS role stays the one agreed (ours 'active' → theirs 'passive' and the other way), nothing else changes.
 */
export function asAnswerTo(remote: string, agreedLocal: string): string {
  const ours = /^a=setup:(\w+)/m.exec(agreedLocal)?.[1];
  const theirs = ours === 'active' ? 'passive' : ours === 'passive' ? 'active' : null;
  return theirs ? remote.replace(/^a=setup:\w+/gm, `a=setup:${theirs}`) : remote;
}

function audioConstraints(deviceId: string): MediaTrackConstraints | boolean {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}

/** A SIP session as the engine sees it. */
class SipJsSession implements SessionPort {
  private listener: SessionListener | null = null;
  private endedLocally = false;
  private established = false;
  private statusCode: number | undefined;
  private muted = false;
  private held = false;
  private readonly audio: HTMLAudioElement;

  constructor(
    readonly session: Session,
    private readonly options: SipJsOptions,
    private readonly deviceIds: { input: string; output: string },
  ) {
    this.audio = document.createElement('audio');
    this.audio.autoplay = true;
    this.audio.hidden = true;
    (options.mediaParent ?? document.body).appendChild(this.audio);
    session.stateChange.addListener((state) => this.onState(state));
    session.delegate = {
      // Re-INVITEs from the far end (session timers, its own hold) are answered by sip.js; we only watch them.
      // A refused one (sip.js answers 488) changed nothing: the far end keeps its previous state, and so do we.
      onInvite: (request, _response, statusCode) => {
        if (statusCode !== 200) return;
        const sdp = typeof request.body === 'string' ? request.body : '';
        this.listener?.onRemoteHold?.(/a=(sendonly|inactive)/.test(sdp));
      },
    };
  }

  /**
   * After a re-INVITE of ours was refused (491 glare, 488…), puts the peer connection back where the last completed
   * offer/answer left it. sip.js 0.21's web SessionDescriptionHandler has no `rollbackDescription`, so sip.js leaves
   * it in have-local-offer and every later offer or answer fails ("Invalid signaling state have-local-offer": the
   * 491 retry, the next hold). Chromium's own rollback is no cure: when the transceiver was made by addTrack before
   * the remote offer was applied (sip.js does that for incoming calls) it tears the ICE/DTLS transport down and the
   * audio stops for good. So re-apply the agreed state instead: a new local offer with the last agreed direction,
   * answered by the far end's last description (same ICE credentials, same DTLS role): nothing changes on the wire.
   */
  private async restoreAgreedDescription(): Promise<void> {
    const pc = pcOf(this.session);
    if (pc?.signalingState !== 'have-local-offer') return;
    const local = pc.currentLocalDescription?.sdp;
    const remote = pc.currentRemoteDescription?.sdp;
    if (!local || !remote) return void (await pc.setLocalDescription({ type: 'rollback' }));
    const offer = await pc.createOffer();
    await pc.setLocalDescription({ type: 'offer', sdp: withDirections(offer.sdp ?? '', directionsOf(local)) });
    await pc.setRemoteDescription({ type: 'answer', sdp: asAnswerTo(remote, local) });
  }

  get sipCallId(): string {
    const s = this.session as Session & { request?: { callId?: string } };
    return s.request?.callId ?? (this.session instanceof Inviter ? this.session.request.callId : '');
  }

  listen(listener: SessionListener): void {
    this.listener = listener;
  }

  private onState(state: SessionState) {
    if (state === SessionState.Established) {
      this.established = true;
      this.playRemote();
      this.listener?.onEstablished();
    }
    if (state === SessionState.Terminated) {
      this.audio.srcObject = null;
      this.audio.remove();
      const end: SessionEnd = {
        by: this.endedLocally ? 'local' : 'remote',
        beforeAnswer: !this.established,
        ...(this.statusCode ? { statusCode: this.statusCode } : {}),
      };
      this.listener?.onTerminated(end);
    }
  }

  private playRemote() {
    const pc = pcOf(this.session);
    if (!pc) return;
    const stream = new MediaStream();
    pc.getReceivers().forEach((r) => r.track && stream.addTrack(r.track));
    this.audio.srcObject = stream;
    if (this.deviceIds.output)
      void this.setOutputDevice(this.deviceIds.output).catch((e: Error) =>
        // the device vanished: the default output keeps the call audible
        this.options.log?.(`setSinkId: ${e.name}`),
      );
    void this.audio.play().catch((e: Error) => this.options.log?.(`remote audio: ${e.message}`));
  }

  markProgress(statusCode: number) {
    if (statusCode === 180 || statusCode === 183) this.listener?.onProgress?.();
  }

  markRejected(statusCode: number) {
    this.statusCode = statusCode;
  }

  async accept(): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new Error('not an incoming call');
    await this.session.accept({
      sessionDescriptionHandlerOptions: {
        constraints: { audio: audioConstraints(this.deviceIds.input), video: false },
      },
    });
  }

  async reject(statusCode: 486 | 480 | 603): Promise<void> {
    this.endedLocally = true;
    if (this.session instanceof Invitation && this.session.state === SessionState.Initial) {
      await this.session.reject({ statusCode });
    }
  }

  async hangup(): Promise<void> {
    this.endedLocally = true;
    const s = this.session;
    if (s.state === SessionState.Established) await s.bye();
    else if (s instanceof Inviter && (s.state === SessionState.Initial || s.state === SessionState.Establishing))
      await s.cancel();
    else if (s instanceof Invitation && s.state === SessionState.Initial) await s.reject({ statusCode: 486 });
  }

  private setTracksEnabled() {
    const pc = pcOf(this.session);
    pc?.getSenders().forEach((sender) => {
      if (sender.track) sender.track.enabled = !this.muted && !this.held;
    });
  }

  setHold(on: boolean): Promise<ReinviteResult> {
    const s = this.session;
    const previous: SessionDescriptionHandlerModifier[] = s.sessionDescriptionHandlerModifiersReInvite ?? [];
    // sip.js stores these modifiers for later re-INVITEs; a failed hold must not leave them behind (#685).
    const restore = () => (s.sessionDescriptionHandlerModifiersReInvite = previous);
    return new Promise<ReinviteResult>((resolve) => {
      let settled = false;
      const done = (result: ReinviteResult) => {
        if (settled) return;
        settled = true;
        if (result.ok) {
          this.held = on;
          this.setTracksEnabled();
        } else restore();
        resolve(result);
      };
      // A refused re-INVITE must leave the peer connection stable, or the retry and every later offer fail.
      const rolledBack = () =>
        this.restoreAgreedDescription().catch((e: Error) => this.options.log?.(`re-INVITE refused: ${e.message}`));
      s.invite({
        sessionDescriptionHandlerModifiers: on ? [Web.holdModifier] : [],
        requestDelegate: {
          onAccept: () => done({ ok: true }),
          onReject: (response) =>
            void rolledBack().then(() =>
              done({
                ok: false,
                glare: response.message.statusCode === 491,
                reason: `${response.message.statusCode} ${response.message.reasonPhrase}`,
              }),
            ),
        },
      }).catch((e: Error) => {
        const pending = /pending|progress/i.test(e.message);
        // "Reinvite in progress": the offer in the peer connection is that other re-INVITE's, leave it alone.
        if (pending) done({ ok: false, glare: true, reason: e.message });
        else void rolledBack().then(() => done({ ok: false, glare: false, reason: e.message }));
      });
    });
  }

  setMuted(on: boolean): void {
    this.muted = on;
    this.setTracksEnabled();
  }

  async sendDtmf(tone: string, mode: DtmfMode): Promise<boolean> {
    if (mode === 'info') {
      // Sent only once the far end accepted it: a 405/415/481 (or no answer) must not show the key as sent.
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), INFO_TIMEOUT_MS);
        const settle = (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        };
        this.session
          .info({
            requestDelegate: { onAccept: () => settle(true), onReject: () => settle(false) },
            requestOptions: {
              body: {
                contentDisposition: 'render',
                contentType: 'application/dtmf-relay',
                content: `Signal=${tone}\r\nDuration=160`,
              },
            },
          })
          .catch(() => settle(false));
      });
    }
    // Not sip.js's sendDtmf: it replaces the tones still queued, so quick keys were lost (see dtmf.ts).
    const sender = pcOf(this.session)
      ?.getSenders()
      .find((s) => s.dtmf);
    return queueDtmf(sender?.dtmf, tone);
  }

  private referAndWait(target: Session | ReturnType<typeof UserAgent.makeURI>): Promise<ReferResult> {
    return new Promise<ReferResult>((resolve) => {
      let settled = false;
      const done = (result: ReferResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => done({ ok: false, reason: 'pas de réponse au transfert' }), REFER_TIMEOUT_MS);
      if (!target) return done({ ok: false, reason: 'numéro invalide' });
      this.session
        .refer(target, {
          requestDelegate: {
            onReject: (response) =>
              done({ ok: false, reason: `${response.message.statusCode} ${response.message.reasonPhrase}` }),
          },
          onNotify: (notification: Notification) => {
            notification.accept();
            // message/sipfrag body: "SIP/2.0 200 OK"; 1xx are progress, the first final status decides.
            const body = notification.request.body ?? '';
            const status = Number(/SIP\/2\.0\s+(\d{3})/.exec(body)?.[1] ?? 0);
            if (status >= 200 && status < 300) done({ ok: true });
            else if (status >= 300) done({ ok: false, reason: body.trim().split('\r\n')[0] ?? String(status) });
          },
        })
        .catch((e: Error) => done({ ok: false, reason: e.message }));
    });
  }

  refer(target: string): Promise<ReferResult> {
    return this.referAndWait(UserAgent.makeURI(targetUri(target, this.options.account)));
  }

  referReplaces(consult: SessionPort): Promise<ReferResult> {
    if (!(consult instanceof SipJsSession))
      return Promise.resolve({ ok: false, reason: 'appel de consultation inconnu' });
    return this.referAndWait(consult.session);
  }

  async setInputDevice(deviceId: string): Promise<void> {
    const pc = pcOf(this.session);
    const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio');
    // No media yet (a ringing call): the microphone is opened with this device when the call is answered.
    if (!sender) {
      this.deviceIds.input = deviceId;
      return;
    }
    const stream = await navigator.mediaDevices.getUserMedia({ audio: audioConstraints(deviceId), video: false });
    const track = stream.getAudioTracks()[0]!;
    track.enabled = !this.muted && !this.held;
    const old = sender.track;
    try {
      // replaceTrack switches the microphone without a renegotiation: the call never drops.
      await sender.replaceTrack(track);
    } catch (e) {
      track.stop();
      throw e;
    }
    old?.stop();
    this.deviceIds.input = deviceId;
  }

  /** Throws (AbortError, NotFoundError…) when the output cannot be used: the element keeps its previous one. */
  async setOutputDevice(deviceId: string): Promise<void> {
    const el = this.audio as HTMLAudioElement & { setSinkId?(id: string): Promise<void> };
    await el.setSinkId?.(deviceId);
    this.deviceIds.output = deviceId;
  }

  async stats(): Promise<{ inboundPackets: number; outboundPackets: number }> {
    const pc = pcOf(this.session);
    const counts = { inboundPackets: 0, outboundPackets: 0 };
    if (!pc) return counts;
    (await pc.getStats()).forEach((r: Record<string, unknown>) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') counts.inboundPackets += Number(r.packetsReceived ?? 0);
      if (r.type === 'outbound-rtp' && r.kind === 'audio') counts.outboundPackets += Number(r.packetsSent ?? 0);
    });
    return counts;
  }
}

function domainOf(account: SipAccount): string {
  return account.uri.replace(/^sips?:[^@]*@/i, '').replace(/[;>].*$/, '');
}

/** "01 42 00 00 01" → sip:0142000001@domain; full SIP URIs are kept. */
export function targetUri(target: string, account: SipAccount): string {
  const trimmed = target.trim();
  if (/^sips?:/i.test(trimmed)) return trimmed;
  if (trimmed.includes('@')) return `sip:${trimmed}`;
  return `sip:${trimmed.replace(/[\s.()-]/g, '')}@${domainOf(account)}`;
}

/**
 * sip.js's WebSocket transport over the account's server list: each connect goes to the server chosen last with
 * `use()` (sip.js 0.21 keeps one URL per transport; its `transportConstructor` option is the documented way in).
 */
export interface ServerFailover {
  /** Give this to sip.js as `transportConstructor`. */
  Transport: typeof Web.Transport;
  use(index: number): void;
  readonly current: number;
}

export function failoverTransport(servers: readonly string[]): ServerFailover {
  let current = 0;
  class FailoverTransport extends Web.Transport {
    override get server(): string {
      return servers[current]!;
    }
    // The Via header's transport follows the server actually used (a ws:// backup behind a wss:// primary).
    override get protocol(): string {
      return servers[current]!.split(':')[0]!.toUpperCase();
    }
  }
  return {
    Transport: FailoverTransport,
    use(index: number) {
      if (index < 0 || index >= servers.length) throw new RangeError(`no server ${index}`);
      current = index;
    },
    get current() {
      return current;
    },
  };
}

/** The real line: sip.js UserAgent + Registerer, Invitation/Inviter per call. */
export function createSipJsUserAgent(options: SipJsOptions): UserAgentPort {
  const { account } = options;
  let listener: UserAgentListener | null = null;
  const uri = UserAgent.makeURI(account.uri);
  if (!uri) throw new Error(`Adresse SIP invalide : ${account.uri}`);
  const devices = () => ({ input: account.audio.inputId, output: account.audio.outputId });
  const transport = failoverTransport(account.servers);

  const ua = new UserAgent({
    uri,
    displayName: account.displayName || undefined,
    authorizationUsername: account.authUser || uri.user,
    authorizationPassword: options.password,
    transportConstructor: transport.Transport,
    transportOptions: { server: account.servers[0]!, traceSip: false },
    // We reconnect ourselves (backoff, one attempt at a time, re-register after).
    reconnectionAttempts: 0,
    logBuiltinEnabled: false,
    logLevel: 'error',
    logConnector: (level, category, _label, content) => {
      // Never log message bodies (they carry Authorization digests and numbers); level and category only.
      if (level === 'error') options.log?.(`sip.js ${category}: ${content.split('\n')[0]?.slice(0, 160)}`);
    },
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: {
        iceServers: account.iceServers,
        rtcpMuxPolicy: 'require',
        // max-bundle is rejected by rtpengine's offers ("no BUNDLE group"): lab notes, pitfall 6.
        bundlePolicy: 'balanced',
      },
      iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS,
    },
    delegate: {
      onConnect: () => listener?.onConnect(),
      onDisconnect: (error) => listener?.onDisconnect(error?.message ?? 'connexion perdue'),
      onInvite: (invitation) => {
        const session = new SipJsSession(invitation, options, devices());
        // sip.js has already sent 180 Ringing: do not call progress() again (it would send a second 180).
        listener?.onInvite(session, inviteInput(invitation.request));
      },
    },
  });

  let registerer: Registerer;
  let stopping = false;
  function makeRegisterer() {
    registerer = new Registerer(ua, { expires: account.expires, refreshFrequency: REFRESH_FREQUENCY });
    const mine = registerer;
    let wasRegistered = false;
    mine.stateChange.addListener((state) => {
      if (mine !== registerer) return;
      if (state === RegistererState.Registered) {
        wasRegistered = true;
        listener?.onRegistered();
      } else if (state === RegistererState.Unregistered && wasRegistered && !stopping) {
        wasRegistered = false;
        listener?.onRegistrationFailed('enregistrement perdu');
      }
    });
  }
  makeRegisterer();

  return {
    servers: account.servers,
    useServer: (index) => transport.use(index),
    listen: (l) => (listener = l),
    start: () => ua.start(),
    reconnect: () => ua.reconnect(),
    isConnected: () => ua.isConnected(),
    async register() {
      const mine = registerer;
      await mine.register({
        requestDelegate: {
          // A REGISTER accepted while the Registerer is already "Registered" (after a reconnect: the socket
          // dropped, the registrar lost us, sip.js kept its state) fires no stateChange: report it here, or the
          // line would stay "connecting" for ever although it is registered again.
          onAccept: () => {
            if (mine === registerer && mine.state === RegistererState.Registered) listener?.onRegistered();
          },
          onReject: (response) =>
            listener?.onRegistrationFailed(`${response.message.statusCode} ${response.message.reasonPhrase}`),
        },
      });
    },
    recreateRegisterer() {
      const old = registerer;
      makeRegisterer();
      void old.dispose().catch(() => undefined);
    },
    async stop() {
      stopping = true;
      await registerer.unregister().catch(() => undefined);
      await ua.stop().catch(() => undefined);
    },
    call(target: string, callerId: CallerId | null): SessionPort {
      const targetUriParsed = UserAgent.makeURI(targetUri(target, account));
      if (!targetUriParsed) throw new Error(`Numéro invalide : ${target}`);
      const extraHeaders: string[] = [];
      const params: { fromUri?: string } = {};
      if (callerId && callerId.mode !== 'none' && callerId.number) {
        const presented = `sip:${callerId.number.replace(/[\s.()-]/g, '')}@${domainOf(account)}`;
        if (callerId.mode === 'from-user') params.fromUri = presented;
        else extraHeaders.push(`P-Asserted-Identity: <${presented}>`);
      }
      const inviter = new Inviter(ua, targetUriParsed, {
        extraHeaders,
        params,
        sessionDescriptionHandlerOptions: {
          constraints: { audio: audioConstraints(account.audio.inputId), video: false },
        },
      });
      const port = new SipJsSession(inviter, options, devices());
      void inviter
        .invite({
          requestDelegate: {
            onProgress: (response) => port.markProgress(response.message.statusCode ?? 0),
            onReject: (response) => port.markRejected(response.message.statusCode ?? 0),
          },
        })
        .catch((e: Error) => options.log?.(`invite: ${e.message}`));
      return port;
    },
  };
}
