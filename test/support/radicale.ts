// A real Radicale (Debian's `radicale`) for the CalDAV sync tests and bench: started on 127.0.0.1 with its own
// config (htpasswd with plain passwords, owner-only rights, filesystem storage in a temporary folder), ready when
// it answers HTTP, killed at the end. Debian's /etc/radicale/config is never read (its auth is another one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../lab/ports';
import { killGroup, spawnLogged, stopProcess, waitUntil, type Spawned } from '../lab/proc';
import { requireTool } from '../lab/tools';

export interface RadicaleUser {
  name: string;
  password: string;
}

export interface Radicale {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  users: RadicaleUser[];
  /** Where collections live on disk: collection-root/<user>/<calendar>/<file>.ics */
  storageDir: string;
  /** The calendar's collection URL (created on first use with makeCalendar). */
  calendarUrl(user: string, calendar: string): string;
  /** Creates a calendar collection for the user straight in the storage (no request). */
  makeCalendar(user: string, calendar: string, displayName?: string): string;
  /** Writes .ics files straight into a calendar's folder (seeding thousands is slow through PUT). */
  seed(user: string, calendar: string, objects: Array<{ name: string; ics: string }>): void;
  /**
   * Has Radicale read a seeded calendar once (it parses and caches every item on the first listing; with
   * thousands of items that first answer is slow), so tests and benches then measure syncs, not its cache.
   */
  prime(user: string, calendar: string): Promise<void>;
  /** CPU seconds Radicale has used (user + system, Linux /proc), to tell its share of a sync's network time. */
  cpuSeconds(): number;
  /** SIGKILL, no goodbye (the kill -9 test). */
  kill(): Promise<void>;
  /** Starts it again on the same port and storage. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  logFile: string;
}

export function requireRadicale(): boolean {
  return requireTool('radicale', 'radicale');
}

/** Ready when it answers any HTTP request on its port (data, not time). */
async function waitForHttp(url: string, process: Spawned): Promise<void> {
  let exited = false;
  void process.exited.then(() => (exited = true));
  await waitUntil(
    `Radicale answering on ${url}`,
    async () => {
      if (exited) throw new Error('Radicale exited before answering; see its log');
      try {
        const response = await fetch(url, { method: 'OPTIONS' });
        await response.arrayBuffer();
        return true;
      } catch {
        return false;
      }
    },
    30_000,
  );
}

export async function startRadicale(
  options: { users?: RadicaleUser[]; maxSyncTokenAge?: number } = {},
): Promise<Radicale> {
  const users = options.users ?? [
    { name: 'morel', password: 'secret-morel' },
    { name: 'other', password: 'secret-other' },
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-radicale-'));
  const storageDir = path.join(dir, 'storage');
  fs.mkdirSync(storageDir);
  fs.writeFileSync(path.join(dir, 'users'), users.map((u) => `${u.name}:${u.password}`).join('\n') + '\n');
  const port = await findFreePort('tcp');
  const config = [
    '[server]',
    `hosts = 127.0.0.1:${port}`,
    '[auth]',
    'type = htpasswd',
    `htpasswd_filename = ${path.join(dir, 'users')}`,
    'htpasswd_encryption = plain',
    'delay = 0',
    '[rights]',
    'type = owner_only',
    '[storage]',
    `filesystem_folder = ${storageDir}`,
    ...(options.maxSyncTokenAge ? [`max_sync_token_age = ${options.maxSyncTokenAge}`] : []),
    '[web]',
    'type = none',
    '[logging]',
    'level = warning',
    '',
  ].join('\n');
  const configFile = path.join(dir, 'config');
  fs.writeFileSync(configFile, config);
  const logFile = path.join(dir, 'radicale.log');
  const url = `http://127.0.0.1:${port}/`;
  let proc: Spawned | null = null;

  async function start(): Promise<void> {
    proc = spawnLogged('radicale', ['--config', configFile], { stdoutFile: logFile });
    await waitForHttp(url, proc);
  }
  await start();

  const calendarDir = (user: string, calendar: string) => path.join(storageDir, 'collection-root', user, calendar);
  return {
    url,
    port,
    users,
    storageDir,
    logFile,
    calendarUrl: (user, calendar) => `${url}${user}/${calendar}/`,
    makeCalendar(user, calendar, displayName = calendar) {
      const folder = calendarDir(user, calendar);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(
        path.join(folder, '.Radicale.props'),
        JSON.stringify({ tag: 'VCALENDAR', 'D:displayname': displayName }),
      );
      return `${url}${user}/${calendar}/`;
    },
    seed(user, calendar, objects) {
      const folder = calendarDir(user, calendar);
      for (const object of objects) fs.writeFileSync(path.join(folder, object.name), object.ics);
    },
    async prime(user, calendar) {
      const password = users.find((u) => u.name === user)?.password ?? '';
      const response = await fetch(`${url}${user}/${calendar}/`, {
        method: 'PROPFIND',
        headers: {
          authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
          depth: '1',
          'content-type': 'application/xml',
        },
        body: '<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>',
        signal: AbortSignal.timeout(600_000),
      });
      await response.arrayBuffer();
      if (response.status !== 207) throw new Error(`priming ${calendar}: ${response.status}`);
      // The first sync-collection builds its own state (the token's item list) once more.
      const report = await fetch(`${url}${user}/${calendar}/`, {
        method: 'REPORT',
        headers: {
          authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
          'content-type': 'application/xml',
        },
        body: '<?xml version="1.0"?><sync-collection xmlns="DAV:"><sync-token/><sync-level>1</sync-level><prop><getetag/></prop></sync-collection>',
        signal: AbortSignal.timeout(600_000),
      });
      await report.arrayBuffer();
      if (report.status !== 207) throw new Error(`priming ${calendar} (sync): ${report.status}`);
    },
    cpuSeconds() {
      if (!proc) return 0;
      const stat = fs.readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async kill() {
      if (!proc) return;
      killGroup(proc.child, 'SIGKILL');
      await proc.exited;
      proc = null;
    },
    async restart() {
      if (proc) await stopProcess(proc);
      await start();
    },
    async stop() {
      if (proc) await stopProcess(proc);
      proc = null;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
