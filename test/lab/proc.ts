// Child-process plumbing shared by the lab helpers: spawn with output captured to files, stop by
// process group (Kamailio forks workers), bounded waits, and a last-resort kill on process exit so
// a failing or crashing test never leaves daemons behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL each group we started, by its own id.
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or null when killed by a signal). Never rejects. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Start `cmd` in its own process group (detached) so stop() can end its forked workers too.
 * stdout/stderr are appended to files (they survive a crash of the test process).
 */
export function spawnLogged(
  cmd: string,
  args: string[],
  opts: { stdoutFile: string; stderrFile?: string; cwd?: string; env?: NodeJS.ProcessEnv },
): Spawned {
  installExitHook();
  const out = openSync(opts.stdoutFile, 'a');
  const err = opts.stderrFile && opts.stderrFile !== opts.stdoutFile ? openSync(opts.stderrFile, 'a') : out;
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', out, err],
    detached: true,
  });
  closeSync(out);
  if (err !== out) closeSync(err);
  if (child.pid === undefined) {
    throw new Error(`could not start ${cmd}`);
  }
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    child.once('error', () => {
      running.delete(child);
      resolve({ code: -1, signal: null });
    });
  });
  return { child, pid: child.pid, exited };
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the group created by detached: true
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM, then SIGKILL after graceMs: always resolves once the process has exited. */
export async function stopProcess(p: Spawned, graceMs = 3000): Promise<void> {
  killGroup(p.child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(p.child, 'SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
  // workers of a forking daemon may outlive the leader by a moment: end the group for good
  killGroup(p.child, 'SIGKILL');
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Poll `check` until it returns true or `timeoutMs` passes (then throw with `what`). */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export function which(name: string): string | null {
  if (name.includes('/')) return existsSync(name) ? name : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin'])) {
    const full = join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

export function tailFile(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
