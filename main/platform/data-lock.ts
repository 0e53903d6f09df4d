import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PermanenceError } from '../../shared/api';

export const LOCK_FILE = 'permanence.lock';

/** Shown by the app, the harness and the CLI; the renderer's key is errors.DATA_DIR_IN_USE. */
export const DATA_DIR_IN_USE_MESSAGE = 'Permanence est déjà ouvert sur ce dossier de données';

interface LockOwner {
  pid: number;
  hostname: string;
  since: number;
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Locks this process holds, by lock file: openStore may be called twice on one directory in one process. */
const held = new Map<string, { count: number }>();

/**
 * One process owns a data directory at a time (app, harness, CLI): two owners would both send the outbox (one
 * message e-mailed twice) and fight over the store. The lock is a file created with O_EXCL that holds the
 * owner's pid; a lock left by a process that no longer exists on this machine is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(fs.realpathSync(dataDir), LOCK_FILE);
  const mine = held.get(file);
  if (mine) {
    mine.count += 1;
    return handle(file);
  }
  // Two rounds: the second one after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (tryCreate(file)) {
      held.set(file, { count: 1 });
      return handle(file);
    }
    const owner = readOwner(file);
    if (owner === 'unreadable' || isAlive(owner)) throw inUse(file);
    removeStale(file, owner);
  }
  throw inUse(file);
}

function inUse(file: string): PermanenceError {
  const dir = path.dirname(file);
  return new PermanenceError('DATA_DIR_IN_USE', `${DATA_DIR_IN_USE_MESSAGE} (${dir}).`, undefined, {
    key: 'errors.DATA_DIR_IN_USE',
    values: { dir },
  });
}

function handle(file: string): DataDirLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      const entry = held.get(file);
      if (!entry) return;
      entry.count -= 1;
      if (entry.count > 0) return;
      held.delete(file);
      const owner = readOwner(file);
      // Only our own lock: never remove one a successor took over.
      if (owner !== 'unreadable' && owner !== null && owner.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    const owner: LockOwner = { pid: process.pid, hostname: os.hostname(), since: Date.now() };
    fs.writeSync(fd, JSON.stringify(owner));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** null: the file vanished meanwhile; 'unreadable': being written right now, or not ours to judge. */
function readOwner(file: string): LockOwner | null | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && typeof value.hostname === 'string') {
      return { pid: value.pid, hostname: value.hostname, since: Number(value.since) || 0 };
    }
  } catch {
    // Fall through: an empty or torn file.
  }
  // A file another process has just created and not yet filled looks empty for a moment: give it that moment.
  const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return age < 5_000 ? 'unreadable' : { pid: -1, hostname: os.hostname(), since: 0 };
}

function isAlive(owner: LockOwner | null): boolean {
  if (owner === null) return false;
  // A pid on another machine (a data directory on a network share) cannot be checked: assume it runs.
  if (owner.hostname !== os.hostname()) return true;
  if (owner.pid <= 0) return false;
  // Written before this machine last booted: whatever runs under that pid now is another program.
  if (owner.since > 0 && owner.since < Date.now() - os.uptime() * 1000) return false;
  // Our own pid without an entry in `held`: a previous run in a container that reuses pids, long dead.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeStale(file: string, owner: LockOwner | null): void {
  if (owner === null) return;
  // Rename first, then check we renamed the stale lock we judged and not a fresh one created in between.
  const aside = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  if (moved !== 'unreadable' && moved !== null && (moved.pid !== owner.pid || moved.since !== owner.since)) {
    // Someone took the lock between our read and our rename: give it back.
    try {
      fs.linkSync(aside, file);
    } catch {
      // They will see the same stale state and retry.
    }
  }
  fs.rmSync(aside, { force: true });
}
