// sipp as the outside world: run scenarios from test/lab/scenarios as bounded child processes,
// keeping -trace_msg / -trace_err / -trace_stat files for debugging and measurements.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, isAbsolute, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnLogged, stopProcess, waitUntil, type Spawned } from './proc';
import { findFreePort, findFreeMediaPort, isUdpPortBound } from './ports';
import type { LabUser } from './config';

export const SCENARIOS_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));
const LAB_DOMAIN = 'permanence.lab';

export interface SippOptions {
  /** File name in test/lab/scenarios (e.g. 'uac-forwarded-call.xml') or an absolute path. */
  scenario: string;
  /** Remote 'host:port' (Kamailio's lab.sipTarget). Omit for a UAS. */
  target?: string;
  /** R-URI user (-s), also the default To user. */
  service?: string;
  /** -key values: [lab_domain], [caller], [to_user], [uas_user], [rtp_ip], [rtp_port], [reg_user]… */
  vars?: Record<string, string | number>;
  /** Extra header lines for [extra_headers] (Diversion, History-Info, P-Asserted-Identity…). */
  headers?: string[];
  /** -set values for the scenario's <Global variables>: talk_ms (default 5000), ring_ms (0). */
  globals?: Record<string, string | number>;
  /** Digest credentials for [authentication] (-au/-ap). */
  auth?: LabUser;
  localPort?: number;
  /** Even media port (-mp); default a free block. */
  mediaPort?: number;
  /** Echo received RTP back to its sender (-rtp_echo). */
  rtpEcho?: boolean;
  /** -m: stop after this many calls (default 1). */
  calls?: number;
  extraArgs?: string[];
  /** Hard bound: sipp is killed after this (default 30 000 ms). */
  timeoutMs?: number;
  /** Where the trace files go (default: a fresh temp dir). */
  traceDir?: string;
}

export interface SippStats {
  successfulCalls: number;
  failedCalls: number;
  totalCalls: number;
  /** Every column of the last -trace_stat row, by header name. */
  raw: Record<string, string>;
}

export interface SippResult {
  /** sipp's exit code: 0 all calls succeeded, 1 some failed, 97/99 other ends, 255/254 fatal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  stats: SippStats | null;
  traceDir: string;
  /** -trace_msg text: every SIP message sent and received, with local timestamps. */
  messages: string;
  /** -trace_err text: unexpected messages. */
  errors: string;
  args: string[];
}

export interface SippProcess {
  port: number;
  mediaPort: number;
  traceDir: string;
  /** Resolves when sipp exits (after -m calls, its timeout, or stop()). */
  done: Promise<SippResult>;
  stop(): Promise<SippResult>;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** sipp -trace_stat writes ';'-separated rows under a header row. */
export function parseSippStats(csv: string): SippStats | null {
  const rows = csv.split('\n').filter((l) => l.includes(';'));
  if (rows.length < 2) return null;
  const header = rows[0]!.split(';');
  const last = rows[rows.length - 1]!.split(';');
  const raw: Record<string, string> = {};
  header.forEach((h, i) => (raw[h] = last[i] ?? ''));
  const num = (k: string) => Number(raw[k] ?? NaN);
  return {
    successfulCalls: num('SuccessfulCall(C)'),
    failedCalls: num('FailedCall(C)'),
    totalCalls: num('TotalCallCreated'),
    raw,
  };
}

export interface TracedMessage {
  /** Epoch ms (sipp stamps local time with microseconds; converted with the local zone). */
  at: number;
  direction: 'sent' | 'received';
  firstLine: string;
  text: string;
}

/** Split a -trace_msg file into messages with epoch timestamps (for benchmarks and asserts). */
export function parseSippMessages(trace: string): TracedMessage[] {
  const out: TracedMessage[] = [];
  const blocks = trace.split(/^-{10,} (\d{4})-(\d\d)-(\d\d)\s+(\d\d):(\d\d):(\d\d)\.(\d{1,6})\s*$/m);
  // split with capture groups: [pre, y, mo, d, h, mi, s, us, body, y, ...]
  for (let i = 1; i + 7 < blocks.length; i += 8) {
    const [y, mo, d, h, mi, s, us] = blocks.slice(i, i + 7).map(Number) as number[];
    const body = blocks[i + 7] ?? '';
    const at = new Date(y!, mo! - 1, d!, h!, mi!, s!).getTime() + us! / 1000;
    const direction = /message sent/i.test(body) ? 'sent' : 'received';
    // body: "\nUDP message sent (N bytes):\n\n<SIP message>"
    const text = body.replace(/^\s*[^\n]*message (sent|received)[^\n]*\n/i, '').replace(/^\s+/, '');
    const firstLine = text.split(/\r?\n/)[0]?.trim() ?? '';
    out.push({ at, direction, firstLine, text });
  }
  return out;
}

function declaredGlobals(scenarioText: string): string[] {
  const m = /<Global\s+variables="([^"]*)"/.exec(scenarioText);
  return m
    ? m[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

const DEFAULT_GLOBALS: Record<string, string> = { talk_ms: '5000', ring_ms: '0' };

async function buildArgs(o: SippOptions, traceDir: string) {
  const scenarioPath = isAbsolute(o.scenario) ? o.scenario : join(SCENARIOS_DIR, o.scenario);
  if (!existsSync(scenarioPath)) throw new Error(`sipp scenario not found: ${scenarioPath}`);
  const localPort = o.localPort ?? (await findFreePort('udp'));
  const mediaPort = o.mediaPort ?? (await findFreeMediaPort());
  const timeoutS = Math.ceil((o.timeoutMs ?? 30_000) / 1000);
  const vars: Record<string, string> = {
    lab_domain: LAB_DOMAIN,
    caller: '+33612345678',
    to_user: o.service ?? 'alice',
    uas_user: 'sipp',
    rtp_ip: '127.0.0.1',
    rtp_port: String(mediaPort),
    reg_user: o.auth?.user ?? 'bob',
    reg_expires: '3600',
    // never empty: an empty line inside the headers would end them
    extra_headers: (o.headers?.length ? o.headers : ['X-Lab: 1']).join('\r\n'),
  };
  for (const [k, v] of Object.entries(o.vars ?? {})) vars[k] = String(v);
  const globals = declaredGlobals(readFileSync(scenarioPath, 'utf8'));
  const args = [
    '-sf',
    scenarioPath,
    ...(o.target ? [o.target] : []),
    '-i',
    '127.0.0.1',
    '-p',
    String(localPort),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(mediaPort),
    '-m',
    String(o.calls ?? 1),
    '-s',
    o.service ?? 'alice',
    '-nostdin',
    '-timeout',
    `${timeoutS}s`,
    '-timeout_error',
    '-trace_msg',
    '-message_file',
    join(traceDir, 'messages.log'),
    '-trace_err',
    '-error_file',
    join(traceDir, 'errors.log'),
    '-trace_stat',
    '-stf',
    join(traceDir, 'stats.csv'),
    '-fd',
    '1',
    ...(o.rtpEcho ? ['-rtp_echo'] : []),
    ...(o.auth ? ['-au', o.auth.user, '-ap', o.auth.password] : []),
    ...Object.entries(vars).flatMap(([k, v]) => ['-key', k, v]),
    ...globals.flatMap((g) => ['-set', g, String(o.globals?.[g] ?? DEFAULT_GLOBALS[g] ?? '0')]),
    ...(o.extraArgs ?? []),
  ];
  return { args, localPort, mediaPort };
}

function launch(
  o: SippOptions,
  args: string[],
  traceDir: string,
): { proc: Spawned; done: Promise<SippResult>; kill: () => Promise<void> } {
  const started = Date.now();
  const stdoutFile = join(traceDir, 'stdout.log');
  const stderrFile = join(traceDir, 'stderr.log');
  const proc = spawnLogged('sipp', args, { stdoutFile, stderrFile, cwd: traceDir });
  let timedOut = false;
  // sipp has its own -timeout; this is the hard stop in case it hangs anyway.
  const hardTimer = setTimeout(
    () => {
      timedOut = true;
      void stopProcess(proc, 1000);
    },
    (o.timeoutMs ?? 30_000) + 3000,
  );
  const done = proc.exited
    .then(({ code, signal }) => {
      clearTimeout(hardTimer);
      const stdout = readText(stdoutFile);
      return {
        code,
        signal,
        // killed by our hard timer, or ended by sipp's own -timeout (-timeout_error makes it fail)
        timedOut: timedOut || (code !== 0 && /timeout/i.test(readText(stderrFile))),
        durationMs: Date.now() - started,
        stdout: stdout.length > 20_000 ? stdout.slice(-20_000) : stdout,
        stderr: readText(stderrFile),
        stats: parseSippStats(readText(join(traceDir, 'stats.csv'))),
        traceDir,
        messages: readText(join(traceDir, 'messages.log')),
        errors: readText(join(traceDir, 'errors.log')),
        args,
      };
    })
    .then((result) => {
      // 30 calls in a row must not fill /tmp: drop the trace dir of a clean run we created (its
      // text is in the result). Failed runs, explicit traceDirs and LAB_KEEP=1 keep it.
      if (result.code === 0 && !o.traceDir && process.env.LAB_KEEP !== '1') {
        rmSync(traceDir, { recursive: true, force: true });
      }
      return result;
    });
  return { proc, done, kill: () => stopProcess(proc, 1000) };
}

/** Run a scenario to its end (bounded by timeoutMs). Never rejects on sipp failure: check `code`. */
export async function runSipp(o: SippOptions): Promise<SippResult> {
  const traceDir = o.traceDir ?? mkdtempSync(join(tmpdir(), `sipp-${basename(o.scenario, '.xml')}-`));
  const { args } = await buildArgs(o, traceDir);
  return launch(o, args, traceDir).done;
}

/**
 * Start a long-running UAS (default uas-answer.xml with -rtp_echo) and resolve once its UDP port
 * is bound. It exits by itself after `calls` calls (-m) or timeoutMs (default 60 s).
 */
export async function startSippUas(o: Partial<SippOptions> & { port?: number } = {}): Promise<SippProcess> {
  const opts: SippOptions = {
    scenario: 'uas-answer.xml',
    rtpEcho: true,
    timeoutMs: 60_000,
    ...o,
    localPort: o.port ?? o.localPort,
  };
  const traceDir = opts.traceDir ?? mkdtempSync(join(tmpdir(), `sipp-uas-`));
  const { args, localPort, mediaPort } = await buildArgs(opts, traceDir);
  const { proc, done, kill } = launch(opts, args, traceDir);
  let exited = false;
  void proc.exited.then(() => (exited = true));
  await waitUntil(
    `sipp UAS on udp ${localPort}`,
    () => {
      if (exited) throw new Error(`sipp UAS exited at start:\n${readText(join(traceDir, 'stderr.log'))}`);
      return isUdpPortBound(localPort);
    },
    5000,
  );
  return {
    port: localPort,
    mediaPort,
    traceDir,
    done,
    async stop() {
      await kill();
      return done;
    },
  };
}

/** REGISTER `user` with Contact 127.0.0.1:`port`, so a sipp UAS later bound there gets its calls. */
export function registerWithSipp(o: {
  target: string;
  user: LabUser;
  port: number;
  domain?: string;
  expires?: number;
  timeoutMs?: number;
}): Promise<SippResult> {
  return runSipp({
    scenario: 'register.xml',
    target: o.target,
    service: o.user.user,
    auth: o.user,
    localPort: o.port,
    vars: {
      reg_user: o.user.user,
      reg_expires: o.expires ?? 3600,
      ...(o.domain ? { lab_domain: o.domain } : {}),
    },
    timeoutMs: o.timeoutMs ?? 10_000,
  });
}
