// Config generators for the SIP lab: Kamailio (from kamailio.cfg.template) and rtpengine.
// Pure functions (text in, text out) so they can be unit-tested and reused by benchmarks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LabUser {
  user: string;
  password: string;
}

/** Numbers starting with `prefix` go to 127.0.0.1:`port` (a sipp UAS) instead of the location table. */
export interface StaticRoute {
  prefix: string;
  port: number;
  host?: string;
}

export interface KamailioConfigInput {
  domain: string;
  udpPort: number;
  wsPort: number;
  rtpengineNgPort: number;
  users: LabUser[];
  staticRoutes: StaticRoute[];
  /** Unknown numbers from UDP peers ring this registered user (like a DID trunk). */
  fallbackUser?: string;
  /** Kamailio `debug` level: 2 (info) by default, 3 for a SIP-by-SIP trace. */
  debugLevel?: number;
  /**
   * Let an authenticated WebSocket client put another user in From (a PBX that allows presenting a firm's number in
   * From). Default false: From's user must be the authenticated one, as on most PBXs.
   */
  allowFromUser?: boolean;
}

// Toward the browser: WebRTC profile. Toward UDP peers: plain RTP/AVP (lab notes, pitfall 6).
export const RTP_FLAGS_WEBRTC =
  'replace-origin replace-session-connection ICE=force UDP/TLS/RTP/SAVPF ' +
  'rtcp-mux-offer rtcp-mux-require generate-mid SDES-off';
export const RTP_FLAGS_PLAIN = 'replace-origin replace-session-connection ICE=remove RTP/AVP rtcp-mux-demux';

const TEMPLATE_PATH = fileURLToPath(new URL('./kamailio.cfg.template', import.meta.url));

// Values land inside Kamailio string literals: allow only what users/domains need.
const SAFE = /^[A-Za-z0-9._+-]+$/;
function safe(value: string, what: string): string {
  if (!SAFE.test(value)) throw new Error(`lab config: unsafe ${what} ${JSON.stringify(value)}`);
  return value;
}

export function kamailioConfig(input: KamailioConfigInput): string {
  const passwords = input.users
    .map((u) => `\tif ($au == "${safe(u.user, 'user')}") { $var(password) = "${safe(u.password, 'password')}"; }`)
    .join('\n');
  const routes = input.staticRoutes
    .map((r) => {
      const host = safe(r.host ?? '127.0.0.1', 'host');
      if (!/^[0-9*#+]+$/.test(r.prefix)) throw new Error(`lab config: bad prefix ${r.prefix}`);
      const re = '^' + r.prefix.replace(/[*+]/g, (c) => `\\${c}`);
      return (
        `\tif ($rU =~ "${re}") {\n` +
        `\t\t$du = "sip:${host}:${r.port};transport=udp";\n` +
        `\t\troute(TO_TARGET);\n\t}`
      );
    })
    .join('\n');
  const fallback = input.fallbackUser
    ? `\tif (!isflagset(FLT_SRC_WS)) {\n` +
      `\t\t$ru = "sip:${safe(input.fallbackUser, 'user')}@${input.domain}";\n` +
      `\t\tif (lookup("location")) {\n\t\t\troute(TO_TARGET);\n\t\t}\n\t}`
    : '';
  const values: Record<string, string> = {
    DOMAIN: safe(input.domain, 'domain'),
    UDP_PORT: String(input.udpPort),
    WS_PORT: String(input.wsPort),
    RTPENGINE_NG_PORT: String(input.rtpengineNgPort),
    DEBUG_LEVEL: String(input.debugLevel ?? 2),
    AUTH_CHECKS: input.allowFromUser ? '0' : '1',
    PASSWORDS: passwords,
    STATIC_ROUTES: routes,
    FALLBACK_USER: fallback,
    RTP_FLAGS_WEBRTC,
    RTP_FLAGS_PLAIN,
  };
  const text = readFileSync(TEMPLATE_PATH, 'utf8').replace(/@@([A-Z_]+)@@/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`lab config: no value for @@${name}@@`);
    return v;
  });
  return text;
}

export interface RtpengineConfigInput {
  ngPort: number;
  portMin: number;
  portMax: number;
  logLevel?: number;
}

/** rtpengine 10.5 keyfile config: userspace forwarding only (table = -1, pitfall 1). */
export function rtpengineConfig(input: RtpengineConfigInput): string {
  return [
    '[rtpengine]',
    'table = -1',
    'interface = 127.0.0.1',
    `listen-ng = 127.0.0.1:${input.ngPort}`,
    `port-min = ${input.portMin}`,
    `port-max = ${input.portMax}`,
    'foreground = true',
    'log-stderr = true',
    `log-level = ${input.logLevel ?? 6}`,
    'num-threads = 2',
    // forget a call at once after delete, so 30 calls in a row do not pile up sessions
    'delete-delay = 0',
    'timeout = 60',
    'silent-timeout = 3600',
    '',
  ].join('\n');
}
