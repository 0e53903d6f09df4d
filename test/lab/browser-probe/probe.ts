// Runs IN Chromium (bundled by bundle.ts): a minimal sip.js 0.21 client that the lab tests drive
// through window.probe, to prove registration, incoming/outgoing calls and media without the app.
import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, Web, type Session } from 'sip.js';

export interface ProbeAccount {
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
}

export interface RtpCounts {
  inboundPackets: number;
  outboundPackets: number;
  audioLevel: number | null;
  iceState: string;
}

interface ProbeState {
  registeredAt: number | null;
  /** epoch ms when sip.js handed over each incoming INVITE */
  invitesAt: number[];
  session: Session | null;
  sessionState: string;
  log: string[];
}

// Wall clock, comparable with sipp's trace stamps (performance.timeOrigin can be off by ~100 ms).
const now = () => Date.now();
const state: ProbeState = { registeredAt: null, invitesAt: [], session: null, sessionState: 'none', log: [] };
let ua: UserAgent | null = null;
let registerer: Registerer | null = null;

// Remote audio must be played somewhere: Chromium does not decode (audioLevel stays 0) otherwise.
const remoteAudio = document.createElement('audio');
remoteAudio.autoplay = true;
document.body.appendChild(remoteAudio);

function playRemote(session: Session): void {
  const sdh = session.sessionDescriptionHandler as { peerConnection?: RTCPeerConnection } | undefined;
  const pc = sdh?.peerConnection;
  if (!pc) return;
  const stream = new MediaStream();
  pc.getReceivers().forEach((r) => r.track && stream.addTrack(r.track));
  remoteAudio.srcObject = stream;
  void remoteAudio.play().catch((e: Error) => state.log.push(`play: ${e.message}`));
}

function track(session: Session): void {
  state.session = session;
  state.sessionState = session.state;
  session.stateChange.addListener((s) => {
    state.sessionState = s;
    state.log.push(`session ${s}`);
    if (s === SessionState.Established) playRemote(session);
  });
}

const mediaOptions = { constraints: { audio: true, video: false } };

async function register(account: ProbeAccount): Promise<number> {
  const started = now();
  ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${account.user}@${account.domain}`),
    transportOptions: { server: account.wsUrl },
    authorizationUsername: account.user,
    authorizationPassword: account.password,
    logLevel: 'warn',
    sessionDescriptionHandlerFactoryOptions: {
      // lab notes pitfalls 5 and 6: no STUN (nothing may leave the machine), balanced bundle
      peerConnectionConfiguration: { iceServers: [], rtcpMuxPolicy: 'require', bundlePolicy: 'balanced' },
      iceGatheringTimeout: 500,
    },
    delegate: {
      onInvite(invitation: Invitation) {
        state.invitesAt.push(now());
        track(invitation);
      },
    },
  });
  await ua.start();
  registerer = new Registerer(ua, { expires: 300 });
  const registered = new Promise<void>((resolve, reject) => {
    registerer!.stateChange.addListener((s) => {
      if (s === RegistererState.Registered) resolve();
      if (s === RegistererState.Unregistered || s === RegistererState.Terminated) reject(new Error(`registerer ${s}`));
    });
  });
  await registerer.register();
  await registered;
  state.registeredAt = now();
  return state.registeredAt - started;
}

async function answer(): Promise<void> {
  const s = state.session;
  if (!(s instanceof Invitation)) throw new Error('no incoming call to answer');
  await s.accept({ sessionDescriptionHandlerOptions: mediaOptions });
}

async function call(target: string): Promise<void> {
  if (!ua) throw new Error('not registered');
  const uri = UserAgent.makeURI(target);
  if (!uri) throw new Error(`bad target ${target}`);
  const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: mediaOptions });
  track(inviter);
  await inviter.invite();
}

function peerConnection(): RTCPeerConnection {
  const sdh = state.session?.sessionDescriptionHandler as { peerConnection?: RTCPeerConnection } | undefined;
  if (!sdh?.peerConnection) throw new Error('no peer connection');
  return sdh.peerConnection;
}

async function rtp(): Promise<RtpCounts> {
  const pc = peerConnection();
  const report = await pc.getStats();
  const counts: RtpCounts = {
    inboundPackets: 0,
    outboundPackets: 0,
    audioLevel: null,
    iceState: pc.iceConnectionState,
  };
  report.forEach((r: Record<string, unknown>) => {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      counts.inboundPackets += Number(r.packetsReceived ?? 0);
      if (typeof r.audioLevel === 'number') counts.audioLevel = r.audioLevel;
    }
    if (r.type === 'outbound-rtp' && r.kind === 'audio') counts.outboundPackets += Number(r.packetsSent ?? 0);
  });
  return counts;
}

/** RFC 4733 DTMF through the RTCDTMFSender (what the app will use), not SIP INFO. */
function sendDtmf(tones: string): boolean {
  const sender = peerConnection()
    .getSenders()
    .find((s) => s.track?.kind === 'audio');
  if (!sender?.dtmf) throw new Error('no DTMF sender');
  sender.dtmf.insertDTMF(tones, 100, 70);
  return true;
}

/** Hold or resume with a re-INVITE; returns the audio transceiver's negotiated direction. */
async function hold(on: boolean): Promise<string | null> {
  const s = state.session;
  if (!s) throw new Error('no session');
  await new Promise<void>((resolve, reject) => {
    void s
      .invite({
        sessionDescriptionHandlerModifiers: on ? [Web.holdModifier] : [],
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (r) => reject(new Error(`re-INVITE rejected: ${r.message.statusCode}`)),
        },
      })
      .catch(reject);
  });
  return peerConnection().getTransceivers()[0]?.currentDirection ?? null;
}

async function hangup(): Promise<void> {
  const s = state.session;
  if (!s) return;
  if (s.state === SessionState.Established) await s.bye();
  else if (s instanceof Inviter) await s.cancel();
  else if (s instanceof Invitation) await s.reject();
}

async function shutdown(): Promise<void> {
  await registerer?.unregister().catch(() => undefined);
  await ua?.stop();
}

const probe = {
  register,
  answer,
  call,
  rtp,
  sendDtmf,
  hold,
  hangup,
  shutdown,
  state: () => ({
    registeredAt: state.registeredAt,
    invitesAt: [...state.invitesAt],
    sessionState: state.sessionState,
    transport: ua?.transport.state ?? 'none',
    log: [...state.log],
  }),
};

export type Probe = typeof probe;
(window as unknown as { probe: Probe }).probe = probe;
