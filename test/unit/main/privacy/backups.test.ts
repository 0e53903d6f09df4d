import Database from 'better-sqlite3-multiple-ciphers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { manifestPath, readManifest } from '../../../../main/services/privacy/manifest';
import { verifyBackupFile } from '../../../../main/services/privacy/backups';
import { checkDatabaseFile, integrityCheckCoversFts } from '../../../../main/services/privacy/verify';
import { LATEST_VERSION } from '../../../../main/store/migrations/registry';
import { tempDir } from '../../../fixtures/factories';
import { backupsOver, count, storeWithRows } from './store-with-rows';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('backups', () => {
  it('writes a verified backup with its manifest: counts, sha256, schema and app versions, private modes', () => {
    const { dataDir, db } = storeWithRows(250);
    const outcome = backupsOver(db, dataDir).backupNow('manual');
    expect(outcome.backup).toMatchObject({
      name: 'permanence-20261203-140509.sqlite3',
      verified: true,
      reason: 'manual',
    });
    expect(outcome.copy).toBeNull();
    const dir = path.join(dataDir, 'backups');
    const file = path.join(dir, outcome.backup.name);
    const manifest = readManifest(file)!;
    expect(manifest.counts.messages).toBe(250);
    expect(manifest.counts.firms).toBe(1);
    expect(manifest.counts.messages).toBe(count(db, 'messages'));
    expect(manifest).toMatchObject({
      format: 1,
      file: outcome.backup.name,
      schemaVersion: LATEST_VERSION,
      appVersion: '1.2.3',
      createdAt: Date.UTC(2026, 11, 3, 14, 5, 9),
      sizeBytes: fs.statSync(file).size,
    });
    expect(manifest.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    // The copy itself answers the same counts and passes integrity_check and FTS5's integrity-check.
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(copy, 'messages')).toBe(250);
    copy.close();
    expect(verifyBackupFile(file)).toEqual([]);
    if (process.platform !== 'win32') {
      expect(mode(dir)).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(manifestPath(file))).toBe(0o600);
    }
    // Nothing half-written stays behind.
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(db.prepare('SELECT kind, subject, detail FROM audit_log').all()).toEqual([
      {
        kind: 'backup.created',
        subject: outcome.backup.name,
        detail: JSON.stringify({
          reason: 'manual',
          tables: Object.keys(manifest.counts).length,
          rows: Object.values(manifest.counts).reduce((a, b) => a + b, 0),
          sizeBytes: manifest.sizeBytes,
        }),
      },
    ]);
    db.close();
  });

  it('lists backups newest first with their size and whether they are verified', () => {
    const { dataDir, db } = storeWithRows(10);
    let clock = Date.UTC(2026, 11, 1, 9, 0, 0);
    const backups = backupsOver(db, dataDir, { now: () => clock });
    backups.backupNow('daily');
    clock += 86_400_000;
    backups.backupNow('manual');
    const premigration = path.join(dataDir, 'backups', 'permanence-v8-2026-11-30T10-00-00-000Z.sqlite3');
    fs.writeFileSync(premigration, 'x');
    fs.utimesSync(premigration, new Date(Date.UTC(2026, 10, 30, 10)), new Date(Date.UTC(2026, 10, 30, 10)));
    const list = backups.list();
    expect(list.map((b) => [b.name, b.verified, b.reason])).toEqual([
      ['permanence-20261202-090000.sqlite3', true, 'manual'],
      ['permanence-20261201-090000.sqlite3', true, 'daily'],
      ['permanence-v8-2026-11-30T10-00-00-000Z.sqlite3', false, 'migration'],
    ]);
    expect(list[0]!.sizeBytes).toBeGreaterThan(0);
    expect(backups.lastBackupAt()).toBe(clock);
    db.close();
  });

  it('rotates the folder after each backup, leaving snapshots and pre-migration copies alone', () => {
    const { dataDir, db } = storeWithRows(5);
    let clock = Date.UTC(2026, 10, 20, 3); // Friday 20 November
    const backups = backupsOver(db, dataDir, { now: () => clock });
    const snapshot = backups.snapshotBeforeRestore().name;
    const dir = path.join(dataDir, 'backups');
    fs.writeFileSync(path.join(dir, 'permanence-v8-2026-01-01T00-00-00-000Z.sqlite3'), 'x');
    const rotated: string[] = [];
    for (let day = 0; day < 10; day += 1) {
      clock = Date.UTC(2026, 10, 20 + day, 3);
      rotated.push(...backups.backupNow('daily').rotated);
    }
    // 7 days (23–29), week 47's newest (Sunday 22); November's newest is the 29th: 20 and 21 go.
    expect(rotated).toEqual(['permanence-20261120-030000.sqlite3', 'permanence-20261121-030000.sqlite3']);
    const left = fs.readdirSync(dir).sort();
    expect(left.filter((n) => n.endsWith('.sqlite3'))).toEqual([
      'permanence-20261120-030000-avant-restauration.sqlite3',
      'permanence-20261122-030000.sqlite3',
      'permanence-20261123-030000.sqlite3',
      'permanence-20261124-030000.sqlite3',
      'permanence-20261125-030000.sqlite3',
      'permanence-20261126-030000.sqlite3',
      'permanence-20261127-030000.sqlite3',
      'permanence-20261128-030000.sqlite3',
      'permanence-20261129-030000.sqlite3',
      'permanence-v8-2026-01-01T00-00-00-000Z.sqlite3',
    ]);
    expect(snapshot).toBe('permanence-20261120-030000-avant-restauration.sqlite3');
    expect(left.filter((n) => n.endsWith('.manifest.json'))).toHaveLength(9);
    db.close();
  });

  it('names two backups of the same second apart', () => {
    const { dataDir, db } = storeWithRows(5);
    const backups = backupsOver(db, dataDir);
    const names = [backups.backupNow().backup.name, backups.backupNow().backup.name];
    expect(names).toEqual(['permanence-20261203-140509.sqlite3', 'permanence-20261203-140509-2.sqlite3']);
    db.close();
  });

  it('refuses a backup whose bytes were flipped, or whose manifest is missing', () => {
    const { dataDir, db } = storeWithRows(50);
    const { backup } = backupsOver(db, dataDir).backupNow();
    db.close();
    const file = path.join(dataDir, 'backups', backup.name);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    expect(verifyBackupFile(file)).toEqual(['empreinte SHA-256 différente de celle du manifeste (fichier altéré)']);
    fs.rmSync(manifestPath(file));
    expect(verifyBackupFile(file)[0]).toMatch(/aucun manifeste/);
  });

  it('reports wrong row counts and a broken FTS index on a copy', () => {
    const { dataDir, db } = storeWithRows(30);
    const { backup } = backupsOver(db, dataDir).backupNow();
    db.close();
    const scratch = path.join(tempDir(), 'copy.sqlite3');
    fs.copyFileSync(path.join(dataDir, 'backups', backup.name), scratch);
    expect(checkDatabaseFile(scratch, { counts: { messages: 31 } })).toEqual([
      'table messages : 30 lignes au lieu de 31',
    ]);
    // This SQLite runs FTS5's check inside integrity_check; the explicit command (older builds) passes too.
    expect(integrityCheckCoversFts()).toBe(true);
    expect(checkDatabaseFile(scratch, { counts: { messages: 30 } }, { explicitFts: true })).toEqual([]);
    const raw = new Database(scratch);
    raw.unsafeMode(true); // lifts SQLite's defensive mode, which protects the FTS shadow tables
    // A damaged segment of the search index: integrity_check sees a sound b-tree, FTS5's check does not.
    raw.prepare("UPDATE messages_fts_data SET block = x'00' WHERE id = (SELECT max(id) FROM messages_fts_data)").run();
    raw.close();
    // SQLite ≥ 3.44 runs FTS5's own check inside integrity_check too: either way the copy is refused.
    expect(checkDatabaseFile(scratch, {}).join()).toMatch(/fts5: corrupt|index de recherche messages_fts/);
  });

  it('copies each backup to the chosen folder and checks the copy', () => {
    const { dataDir, db } = storeWithRows(20);
    const usb = path.join(tempDir(), 'usb', 'Permanence');
    const outcome = backupsOver(db, dataDir, { folder: usb }).backupNow('daily');
    expect(outcome.copy).toEqual({ ok: true, file: path.join(usb, outcome.backup.name) });
    expect(verifyBackupFile(path.join(usb, outcome.backup.name))).toEqual([]);
    db.close();
  });

  it('says why the copy to the chosen folder failed, and keeps the backup', () => {
    const { dataDir, db } = storeWithRows(5);
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const outcome = backupsOver(db, dataDir, { folder: path.join(blocker, 'sub') }).backupNow();
    expect(outcome.copy).toMatchObject({ ok: false });
    expect(fs.existsSync(path.join(dataDir, 'backups', outcome.backup.name))).toBe(true);
    db.close();
  });
});
