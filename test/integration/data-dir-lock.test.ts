import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireDataDirLock, DATA_DIR_IN_USE_MESSAGE, LOCK_FILE } from '../../main/platform/data-lock';
import { sourceRoot } from '../../main/platform/paths';
import { openStore } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

const root = sourceRoot();
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Every file under dir with its size and content hash: "changes nothing" means this is identical. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const key = path.relative(dir, file);
    if (entry.isDirectory()) result[key] = 'dir';
    else result[key] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return result;
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('one process owns a data directory', () => {
  it('takes over a lock left by a process that no longer exists', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), hostname: os.hostname(), since: Date.now() - 1000 }),
    );
    const db = openStore({ dataDir: dir });
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    db.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock written before the machine booted, whatever now runs under its pid', () => {
    const dir = tempDir();
    const beforeBoot = Date.now() - os.uptime() * 1000 - 60_000;
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.ppid, hostname: os.hostname(), since: beforeBoot }),
    );
    openStore({ dataDir: dir }).close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a lock held by a live process, and one held on another machine, creating nothing', () => {
    for (const owner of [
      { pid: process.ppid, hostname: os.hostname(), since: Date.now() - 1000 },
      { pid: 4242, hostname: 'autre-poste.local', since: 1 },
    ]) {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(owner));
      const before = snapshot(dir);
      expect(() => openStore({ dataDir: dir })).toThrow(
        expect.objectContaining({ code: 'DATA_DIR_IN_USE', message: expect.stringContaining(DATA_DIR_IN_USE_MESSAGE) }),
      );
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('counts opens within one process and lets go of the lock with the last close', () => {
    const dir = tempDir();
    const first = openStore({ dataDir: dir });
    const second = openStore({ dataDir: dir });
    first.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    second.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const lock = acquireDataDirLock(dir);
    lock.release();
    lock.release(); // twice is harmless
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('a second harness on the same directory refuses to start, and so does the CLI; nothing is written', async () => {
    const dataDir = tempDir();
    const env = { ...process.env, PERMANENCE_DATA_DIR: dataDir, PORT: '0' };
    const first = spawn(tsx, ['main/harness/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let errors = '';
        first.stderr!.on('data', (chunk: Buffer) => (errors += String(chunk)));
        first.stdout!.on('data', (chunk: Buffer) => {
          if (String(chunk).includes('Permanence harness:')) resolve();
        });
        first.once('exit', (code) => reject(new Error(`first harness exited (${code}): ${errors}`)));
      });
      // The README's promise: the harness logs to logs/permanence.log in its data directory.
      expect(fs.readFileSync(path.join(dataDir, 'logs', 'permanence.log'), 'utf8')).toMatch(
        /INFO Permanence harness .*started/,
      );
      const before = snapshot(dataDir);

      const second = await run(spawn(tsx, ['main/harness/start.ts'], { cwd: root, env }));
      expect(second.code).toBe(3);
      expect(second.stderr).toContain(DATA_DIR_IN_USE_MESSAGE);
      expect(second.stdout).not.toContain('Permanence harness:');

      const cli = await run(
        spawn(tsx, ['main/cli.ts', 'workspace', 'export', path.join(tempDir(), 'x.json')], { cwd: root, env }),
      );
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(DATA_DIR_IN_USE_MESSAGE);

      expect(snapshot(dataDir)).toEqual(before);
    } finally {
      const exited = new Promise((resolve) => first.once('exit', resolve));
      first.kill('SIGTERM');
      await exited;
    }
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'permanence.log'), 'utf8')).toContain(
      'harness stopping (SIGTERM)',
    );
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 120_000);
});

function run(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}
