import fs from 'node:fs';
import path from 'node:path';
import { createFileLogger } from '../../main/platform/logger';
import { createServices } from '../../main/services';
import { sourceRoot } from '../../main/platform/paths';
import { DATABASE_FILE, openStore } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

const posix = process.platform !== 'win32';
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** Everything under dir: directories must be 0700, files 0600. */
function modes(dir: string): Record<string, string> {
  const result: Record<string, string> = { '.': mode(dir).toString(8) };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, file)] = mode(file).toString(8);
  }
  return result;
}

describe.runIf(posix)('other local users cannot read the data directory', () => {
  let umask: number;
  beforeEach(() => {
    // The usual desktop umask: without explicit modes every file would be 0644 and every folder 0755.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('store, WAL/SHM, backups, exports and logs are 0600 in 0700 folders', async () => {
    const dataDir = path.join(tempDir(), 'data');
    // Schema 1 first, so the next open migrates and writes a backup.
    openStore({ dataDir, targetVersion: 1 }).close();
    const db = openStore({ dataDir });
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'test',
      transport: 'harness',
    });
    services.workspace.initialise('demo');
    await services.exports.exportMonth({ month: '2026-11', formats: ['csv'], csvPreset: 'excel-fr' });
    createFileLogger(dataDir).info('a line');
    services.secrets.set('smtp.password', 'not in clear for others');

    const seen = modes(dataDir);
    expect(Object.keys(seen)).toEqual(
      expect.arrayContaining([
        DATABASE_FILE,
        `${DATABASE_FILE}-wal`,
        `${DATABASE_FILE}-shm`,
        'permanence.lock',
        'logs/permanence.log',
        'dev-secrets.json',
      ]),
    );
    expect(Object.keys(seen).some((f) => f.startsWith('backups/permanence-v1-'))).toBe(true);
    expect(Object.keys(seen).some((f) => f.startsWith('exports/2026-11/') && f.endsWith('.csv'))).toBe(true);
    for (const [file, value] of Object.entries(seen)) {
      const isDir = fs.statSync(path.join(dataDir, file)).isDirectory();
      expect({ file, mode: value }).toEqual({ file, mode: isDir ? '700' : '600' });
    }
    db.close();
  });

  it('tightens a data directory left 0755/0644 by an older version', () => {
    const dataDir = tempDir();
    openStore({ dataDir }).close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, DATABASE_FILE), 0o644);
    fs.mkdirSync(path.join(dataDir, 'logs'));
    fs.writeFileSync(path.join(dataDir, 'logs', 'permanence.log'), 'old line\n', { mode: 0o644 });
    openStore({ dataDir }).close();
    createFileLogger(dataDir).info('new line');
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, DATABASE_FILE))).toBe(0o600);
    expect(mode(path.join(dataDir, 'logs', 'permanence.log'))).toBe(0o600);
  });
});
