import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher } from '../../main/api/dispatch';
import { runCli } from '../../main/cli';
import { createHandlers } from '../../main/api/handlers';
import { guardRecoveryMode } from '../../main/api/recovery-guard';
import { createServices } from '../../main/services';
import { DAMAGED_DIR } from '../../main/services/recovery/backups';
import { DATA_MARKER_FILE } from '../../main/store/integrity';
import { DATABASE_FILE, openStore, openStoreOrRecovery, type Db } from '../../main/store/open';
import { sourceRoot } from '../../main/platform/paths';
import { tempDir } from '../fixtures/factories';

const assetsDir = path.join(sourceRoot(), 'assets');

/** A data directory whose store holds the demo workspace, with one good backup of it in backups/. */
function directoryThatHeldData(): { dataDir: string; store: string } {
  const dataDir = tempDir();
  const db = openStore({ dataDir });
  services(db, dataDir).workspace.initialise('demo');
  fs.mkdirSync(path.join(dataDir, 'backups'));
  const backup = path.join(dataDir, 'backups', 'permanence-v5-2026-11-30T08-00-00-000Z.sqlite3');
  db.prepare('VACUUM INTO ?').run(backup);
  fs.utimesSync(backup, new Date('2026-11-30T08:00:00Z'), new Date('2026-11-30T08:00:00Z'));
  db.close();
  return { dataDir, store: path.join(dataDir, DATABASE_FILE) };
}

function services(db: Db, dataDir: string) {
  return createServices(db, { assetsDir, dataDir, appVersion: 'test', transport: 'harness' });
}

/** Opens as the harness and the app do, and returns the recovery service they would serve. */
function openForRecovery(dataDir: string) {
  const { db, damage } = openStoreOrRecovery({ dataDir });
  const s = createServices(db, {
    assetsDir,
    dataDir,
    appVersion: 'test',
    transport: 'harness',
    ...(damage ? { recovery: { damage } } : {}),
  });
  return { db, damage, recovery: s.recovery, services: s };
}

const DAMAGES: Array<[string, (store: string) => void, string]> = [
  ['a truncated file', (store) => fs.truncateSync(store, Math.floor(fs.statSync(store).size / 2)), 'corrupt'],
  ['a header that is not SQLite', (store) => fs.writeFileSync(store, Buffer.alloc(64 * 1024, 0x41)), 'not-sqlite'],
  ['a zero-byte store in a directory that held data', (store) => fs.truncateSync(store, 0), 'empty'],
  ['a store gone from a directory that held data', (store) => fs.rmSync(store), 'missing'],
];

describe('a damaged, missing or shared store is never taken for an empty one', () => {
  it('keeps a marker outside the database once the store holds data, not before', () => {
    const dataDir = tempDir();
    openStore({ dataDir }).close();
    expect(fs.existsSync(path.join(dataDir, DATA_MARKER_FILE))).toBe(false);
    const { dataDir: used } = directoryThatHeldData();
    expect(fs.existsSync(path.join(used, DATA_MARKER_FILE))).toBe(true);
  });

  it.each(DAMAGES)(
    '%s opens recovery mode, restores the most recent good backup and keeps the damaged file',
    (_name, damage, kind) => {
      const { dataDir, store } = directoryThatHeldData();
      // A newer backup that is itself damaged: the restore must check it and fall back to the older good one.
      const bad = path.join(dataDir, 'backups', 'permanence-v5-2026-12-01T08-00-00-000Z.sqlite3');
      fs.writeFileSync(bad, 'SQLite format 3\0 but nothing after');
      fs.utimesSync(bad, new Date('2026-12-01T08:00:00Z'), new Date('2026-12-01T08:00:00Z'));
      damage(store);
      const damagedBytes = fs.existsSync(store) ? fs.readFileSync(store) : null;

      expect(() => openStore({ dataDir })).toThrow(expect.objectContaining({ code: 'STORE_DAMAGED' }));
      const opened = openForRecovery(dataDir);
      expect(opened.damage).toMatchObject({ kind, file: store });
      const status = opened.recovery.status();
      expect(status).toMatchObject({
        mode: 'recovery',
        backupsDir: path.join(dataDir, 'backups'),
      });
      // Nothing to read in a missing, empty or non-SQLite file; a truncated one depends on where its schema was.
      if (kind !== 'corrupt') expect(status).toMatchObject({ readable: false });
      if (status.mode !== 'recovery') throw new Error('not in recovery mode');
      expect(status.backups.map((b) => b.name)).toEqual([
        'permanence-v5-2026-12-01T08-00-00-000Z.sqlite3',
        'permanence-v5-2026-11-30T08-00-00-000Z.sqlite3',
      ]);

      const restored = opened.recovery.restore();
      expect(restored).toMatchObject({ backup: 'permanence-v5-2026-11-30T08-00-00-000Z.sqlite3', restart: 'manual' });
      if (damagedBytes) {
        expect(path.dirname(restored.damagedCopy ?? '')).toBe(path.join(dataDir, DAMAGED_DIR));
        expect(fs.readFileSync(restored.damagedCopy!)).toEqual(damagedBytes);
      } else {
        expect(restored.damagedCopy).toBeNull();
      }
      expect(() => opened.recovery.restart()).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
      opened.db.close();

      const db = openStore({ dataDir });
      expect(services(db, dataDir).firms.list()).toHaveLength(5);
      db.close();
    },
  );

  it('exports what can still be read from a store with a damaged table, read-only, to exports/', () => {
    const { dataDir, store } = directoryThatHeldData();
    // Zero the root page of the contacts table: the schema and the other tables stay readable.
    const db = openStore({ dataDir });
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'contacts'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = fs.openSync(store, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);
    const before = fs.readFileSync(store);

    const opened = openForRecovery(dataDir);
    expect(opened.damage).toMatchObject({ kind: 'corrupt' });
    expect(opened.recovery.status()).toMatchObject({ readable: true });
    const result = opened.recovery.exportReadable();
    expect(path.dirname(result.file)).toBe(path.join(dataDir, 'exports'));
    expect(result.tablesFailed).toContain('contacts');
    expect(result.tablesRead).toEqual(expect.arrayContaining(['firms', 'settings']));
    const content = JSON.parse(fs.readFileSync(result.file, 'utf8'));
    expect(content.format).toBe('permanence-recovery-export');
    expect(content.tables.firms).toHaveLength(5);
    expect(Object.values(content.tables).flat()).toHaveLength(result.rows);
    expect(fs.readFileSync(store)).toEqual(before);
    opened.db.close();
  });

  it('says there is no backup, and refuses every other call while in recovery mode', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, DATA_MARKER_FILE), '{}');
    const opened = openForRecovery(dataDir);
    expect(opened.damage).toMatchObject({ kind: 'missing' });
    expect(() => opened.recovery.restore()).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(fs.readdirSync(dataDir).sort()).toEqual([DATA_MARKER_FILE, 'permanence.lock']);
    const logger = { error: vi.fn() };
    const dispatch = guardRecoveryMode(createDispatcher(createHandlers(opened.services), logger), opened.damage);
    expect(await dispatch('workspace:initialise', { kind: 'empty' })).toMatchObject({
      ok: false,
      error: { code: 'STORE_DAMAGED' },
    });
    expect(await dispatch('recovery:status', {})).toMatchObject({ ok: true, value: { mode: 'recovery' } });
    opened.db.close();
    // The lock goes with the placeholder store; nothing was created in the directory.
    expect(fs.readdirSync(dataDir)).toEqual([DATA_MARKER_FILE]);
  });

  it('the CLI refuses a damaged store with the reason and changes nothing', async () => {
    const { dataDir, store } = directoryThatHeldData();
    fs.writeFileSync(store, 'garbage, not SQLite');
    const result = await runCli(['workspace', 'export', path.join(tempDir(), 'x.json')], {
      PERMANENCE_DATA_DIR: dataDir,
    });
    expect(result).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('n’est pas une base SQLite') });
    expect(fs.readFileSync(store, 'utf8')).toBe('garbage, not SQLite');
  });

  it('a zero-byte or missing store in a directory that never held data is a first run', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), '');
    const opened = openForRecovery(dataDir);
    expect(opened.damage).toBeNull();
    expect(opened.recovery.status()).toEqual({ mode: 'normal' });
    expect(opened.services.settings.get().workspaceInitialisedAt).toBeNull();
    opened.db.close();
  });
});
