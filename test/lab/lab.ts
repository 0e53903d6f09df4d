// The SIP lab: rtpengine + Kamailio on 127.0.0.1 with free ports, configs and logs in a temp dir.
// Run the tests inside scripts/with-netns.sh so nothing can leave the machine.
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { kamailioConfig, rtpengineConfig, type LabUser, type StaticRoute } from './config';
import { spawnLogged, stopProcess, waitUntil, tailFile, sleep, type Spawned } from './proc';
import { findFreePort } from './ports';

export { findFreePort, findFreeMediaPort, isUdpPortBound } from './ports';
export { requireTool, requireLabTools, requireChromium, CHROMIUM_PATH } from './tools';
export type { LabUser, StaticRoute } from './config';

export const LAB_DOMAIN = 'permanence.lab';

/** alice: the app (browser); bob, carol: sipp UAS / baresip; dave: spare. */
export const DEFAULT_USERS: LabUser[] = [
  { user: 'alice', password: 'alice-lab-pw' },
  { user: 'bob', password: 'bob-lab-pw' },
  { user: 'carol', password: 'carol-lab-pw' },
  { user: 'dave', password: 'dave-lab-pw' },
];

export interface LabOptions {
  domain?: string;
  users?: LabUser[];
  /** e.g. [{ prefix: '9', port: sippUasPort }]: numbers starting with 9 ring that sipp UAS. */
  staticRoutes?: StaticRoute[];
  /** Unknown numbers called from UDP peers ring this user (a DID trunk delivering to one account). */
  fallbackUser?: string;
  /** Kamailio debug level (2 info, 3 debug). Env LAB_KAMAILIO_DEBUG overrides. */
  kamailioDebug?: number;
  /** The WebSocket client may present another user in From (see KamailioConfigInput.allowFromUser). */
  allowFromUser?: boolean;
  /** Keep the temp dir after stop() (also with env LAB_KEEP=1). */
  keepDir?: boolean;
  /** Readiness bound for each daemon, ms (default 10 000). */
  readyTimeoutMs?: number;
}

export interface LabLogs {
  dir: string;
  kamailio: string;
  rtpengine: string;
}

export interface Lab {
  dir: string;
  domain: string;
  /** ws://127.0.0.1:PORT for sip.js */
  wsUrl: string;
  wsPort: number;
  /** Kamailio's UDP port on 127.0.0.1 (sipp, baresip) */
  udpPort: number;
  /** '127.0.0.1:udpPort', the sipp remote host argument */
  sipTarget: string;
  rtpengineNgPort: number;
  rtpPortRange: [number, number];
  users: LabUser[];
  user(name: string): LabUser;
  /** Stop Kamailio (registrations are in memory: all lost), wait downMs, start it again. */
  restartKamailio(opts?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
  logs(): LabLogs;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** rtpengine answers the ng "ping" command with "pong" once it is ready. */
function pingRtpengine(port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const cookie = randomBytes(4).toString('hex');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.on('message', (msg) => done(msg.toString().startsWith(cookie) && msg.includes('pong')));
    sock.on('error', () => done(false));
    sock.send(`${cookie} d7:command4:pinge`, port, '127.0.0.1');
  });
}

/** A bare OPTIONS to Kamailio's UDP port: 200 means the SIP workers are up. */
export function sipOptionsPing(port: number, domain: string, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const id = randomBytes(6).toString('hex');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.on('message', (msg) => done(/^SIP\/2\.0 200/.test(msg.toString())));
    sock.on('error', () => done(false));
    sock.bind(0, '127.0.0.1', () => {
      const me = sock.address().port;
      const msg =
        `OPTIONS sip:${domain} SIP/2.0\r\n` +
        `Via: SIP/2.0/UDP 127.0.0.1:${me};branch=z9hG4bK${id};rport\r\n` +
        `From: <sip:probe@${domain}>;tag=${id}\r\n` +
        `To: <sip:${domain}>\r\n` +
        `Call-ID: ${id}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;
      sock.send(msg, port, '127.0.0.1');
    });
  });
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    const t = setTimeout(() => {
      s.destroy();
      resolve(false);
    }, 300);
    s.once('connect', () => {
      clearTimeout(t);
      s.destroy();
      resolve(true);
    });
    s.once('error', () => {
      clearTimeout(t);
      resolve(false);
    });
  });
}

/** Wait for `check`, failing early (with the log tail) if the daemon exits meanwhile. */
async function waitReady(name: string, p: Spawned, log: string, check: () => Promise<boolean>, timeoutMs: number) {
  let exited: string | null = null;
  void p.exited.then(({ code, signal }) => (exited = `exited (code ${code}, signal ${signal})`));
  try {
    await waitUntil(
      `${name} to be ready`,
      async () => {
        if (exited) throw new Error(`${name} ${exited}`);
        return check();
      },
      timeoutMs,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}\n--- ${log} (tail) ---\n${tailFile(log)}`);
  }
}

export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  const domain = opts.domain ?? LAB_DOMAIN;
  const users = opts.users ?? DEFAULT_USERS;
  const readyMs = opts.readyTimeoutMs ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'permanence-lab-'));
  const kamLog = join(dir, 'kamailio.log');
  const rtpLog = join(dir, 'rtpengine.log');
  const kamCfg = join(dir, 'kamailio.cfg');
  const rtpCfg = join(dir, 'rtpengine.conf');
  const keep = opts.keepDir || process.env.LAB_KEEP === '1';

  let rtpengine: Spawned | null = null;
  let kamailio: Spawned | null = null;

  const stopAll = async () => {
    await Promise.all([kamailio && stopProcess(kamailio), rtpengine && stopProcess(rtpengine)]);
    kamailio = null;
    rtpengine = null;
  };

  // Ports are free when picked but may be taken before the daemon binds: retry a few times.
  for (let attempt = 1; ; attempt++) {
    const ngPort = await findFreePort('udp');
    const udpPort = await findFreePort('both');
    const wsPort = await findFreePort('tcp');
    // 1000 ports from a random even base: parallel labs in one namespace rarely overlap, and
    // rtpengine skips ports in use anyway.
    const portMin = 2 * Math.floor((30000 + Math.random() * 28000) / 2);
    const portMax = portMin + 999;
    try {
      writeFileSync(rtpCfg, rtpengineConfig({ ngPort, portMin, portMax }));
      writeFileSync(
        kamCfg,
        kamailioConfig({
          domain,
          udpPort,
          wsPort,
          rtpengineNgPort: ngPort,
          users,
          staticRoutes: opts.staticRoutes ?? [],
          fallbackUser: opts.fallbackUser,
          debugLevel: Number(process.env.LAB_KAMAILIO_DEBUG ?? opts.kamailioDebug ?? 2),
          allowFromUser: opts.allowFromUser,
        }),
      );
      rtpengine = spawnLogged('rtpengine', [`--config-file=${rtpCfg}`, '--foreground', '--log-stderr'], {
        stdoutFile: rtpLog,
        cwd: dir,
      });
      const rtp = rtpengine;
      await waitReady('rtpengine', rtp, rtpLog, () => pingRtpengine(ngPort), readyMs);

      const startKamailio = async () => {
        // -DD: no daemonizing (the child PID is Kamailio's main process); -E: log to stderr.
        const k = spawnLogged('kamailio', ['-f', kamCfg, '-DD', '-E', '-m', '64', '-M', '8', '-Y', dir, '-w', dir], {
          stdoutFile: kamLog,
          cwd: dir,
        });
        kamailio = k;
        await waitReady(
          'kamailio',
          k,
          kamLog,
          async () => (await sipOptionsPing(udpPort, domain)) && tcpOpen(wsPort),
          readyMs,
        );
      };
      await startKamailio();

      const lab: Lab = {
        dir,
        domain,
        wsUrl: `ws://127.0.0.1:${wsPort}`,
        wsPort,
        udpPort,
        sipTarget: `127.0.0.1:${udpPort}`,
        rtpengineNgPort: ngPort,
        rtpPortRange: [portMin, portMax],
        users,
        user(name) {
          const u = users.find((x) => x.user === name);
          if (!u) throw new Error(`lab: no user ${name}`);
          return u;
        },
        async restartKamailio({ downMs = 0 } = {}) {
          if (kamailio) await stopProcess(kamailio);
          kamailio = null;
          if (downMs > 0) await sleep(downMs);
          await startKamailio();
        },
        async stop() {
          await stopAll();
          if (!keep) rmSync(dir, { recursive: true, force: true });
          else console.warn(`SIP lab files kept in ${dir}`);
        },
        logs() {
          return { dir, kamailio: readText(kamLog), rtpengine: readText(rtpLog) };
        },
      };
      return lab;
    } catch (e) {
      await stopAll();
      const bindError = /bind|address already in use|Address in use/i.test(
        readText(kamLog) + readText(rtpLog) + String(e),
      );
      if (attempt < 3 && bindError) continue;
      if (!keep) rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }
}
