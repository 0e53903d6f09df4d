import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAuditLog } from '../../../../main/services/privacy/audit';
import { restoreFromBackup } from '../../../../main/services/privacy/restore';
import { sha256FileSync } from '../../../../main/services/privacy/manifest';
import { verifyBackupFile } from '../../../../main/services/privacy/backups';
import { restoreBackup, verifyBackup } from '../../../../main/services/recovery/backups';
import { createDevFileSecretStore } from '../../../../main/services/secrets';
import { DATABASE_FILE, openStore } from '../../../../main/store/open';
import { seedMessages } from '../../../bench/messages.bench';
import { backupsOver, count, storeWithRows } from './store-with-rows';

const NOW = Date.UTC(2026, 11, 3, 15, 0, 0);

describe('restore from a backup', () => {
  it('brings back the rows of the backup, keeps a verified snapshot of the replaced store and audits it', () => {
    const { dataDir, db } = storeWithRows(120);
    const { backup } = backupsOver(db, dataDir).backupNow();
    seedMessages(db, 30, { seed: 11 }); // written after the backup: the restore takes them away
    expect(count(db, 'messages')).toBe(150);
    db.close();

    const secrets = createDevFileSecretStore(dataDir);
    const outcome = restoreFromBackup({ dataDir, file: backup.name, now: () => NOW, appVersion: 't', secrets });
    expect(outcome).toMatchObject({
      backup: backup.name,
      snapshot: 'permanence-20261203-150000-avant-restauration.sqlite3',
    });
    expect(outcome.replaced).toContain(path.join(dataDir, 'replaced'));

    const restored = openStore({ dataDir });
    expect(count(restored, 'messages')).toBe(120);
    const audit = createAuditLog(restored, secrets);
    // The backup's own log (written before its 'backup.created' row), then the restore and the erasures
    // re-applied (none here), chained on it.
    expect(audit.verify()).toEqual({ ok: true, count: 2 });
    expect(restored.prepare('SELECT kind, subject FROM audit_log ORDER BY seq').all()).toEqual([
      { kind: 'backup.restored', subject: backup.name },
      { kind: 'erasures.reapplied', subject: backup.name },
    ]);
    restored.close();

    // The snapshot holds the 150 messages of the replaced store and is itself verified.
    const snapshot = path.join(dataDir, 'backups', outcome.snapshot!);
    expect(verifyBackupFile(snapshot)).toEqual([]);
    const again = restoreFromBackup({
      dataDir,
      file: outcome.snapshot!,
      now: () => NOW + 60_000,
      appVersion: 't',
      secrets,
    });
    expect(again.backup).toBe(outcome.snapshot);
    const back = openStore({ dataDir });
    expect(count(back, 'messages')).toBe(150);
    back.close();
  });

  it('refuses a corrupted backup with a French message and changes nothing', () => {
    const { dataDir, db } = storeWithRows(40);
    const { backup } = backupsOver(db, dataDir).backupNow();
    seedMessages(db, 5, { seed: 3 });
    db.close();
    const file = path.join(dataDir, 'backups', backup.name);
    const bytes = fs.readFileSync(file);
    for (let i = 4096; i < 4196; i += 1) bytes[i] = bytes[i]! ^ 0x5a;
    fs.writeFileSync(file, bytes);
    const store = path.join(dataDir, DATABASE_FILE);
    const before = sha256FileSync(store);
    const listing = fs.readdirSync(path.join(dataDir, 'backups')).sort();

    expect(() =>
      restoreFromBackup({
        dataDir,
        file: backup.name,
        now: () => NOW,
        appVersion: 't',
        secrets: createDevFileSecretStore(dataDir),
      }),
    ).toThrow(
      `Sauvegarde refusée, rien n’a été modifié : ${backup.name} (empreinte SHA-256 différente de celle du manifeste (fichier altéré)).`,
    );
    expect(sha256FileSync(store)).toBe(before);
    expect(fs.readdirSync(path.join(dataDir, 'backups')).sort()).toEqual(listing);
    expect(fs.existsSync(path.join(dataDir, 'replaced'))).toBe(false);
    const still = openStore({ dataDir });
    expect(count(still, 'messages')).toBe(45);
    still.close();
  });

  it('refuses while another holder has the data directory open', () => {
    const { dataDir, db } = storeWithRows(3);
    const { backup } = backupsOver(db, dataDir).backupNow();
    // Same process: the lock is counted, so simulate another process's lock file instead.
    db.close();
    fs.writeFileSync(
      path.join(dataDir, 'permanence.lock'),
      JSON.stringify({ pid: process.ppid, hostname: os.hostname(), since: Date.now() }),
    );
    expect(() =>
      restoreFromBackup({
        dataDir,
        file: backup.name,
        now: () => NOW,
        appVersion: 't',
        secrets: createDevFileSecretStore(dataDir),
      }),
    ).toThrow(/déjà ouvert/);
    fs.rmSync(path.join(dataDir, 'permanence.lock'));
  });
});

describe('recovery screen restore (damaged store) with verified backups', () => {
  it('skips a backup whose manifest sha256 no longer matches, though quick_check would pass it', () => {
    const { dataDir, db } = storeWithRows(20);
    let clock = Date.UTC(2026, 11, 1, 3);
    const backups = backupsOver(db, dataDir, { now: () => clock });
    const older = backups.backupNow('daily').backup;
    clock += 86_400_000;
    const newer = backups.backupNow('daily').backup;
    db.close();
    // One letter of a firm's name changed: the b-tree is intact, only the sha256 tells.
    const file = path.join(dataDir, 'backups', newer.name);
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from('Cabinet'));
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'K'.charCodeAt(0);
    fs.writeFileSync(file, bytes);
    expect(verifyBackup(file)).toEqual({
      ok: false,
      reason: 'empreinte SHA-256 différente de celle du manifeste (fichier altéré)',
    });
    fs.rmSync(path.join(dataDir, DATABASE_FILE)); // the store is lost: recovery restores the newest good backup
    expect(restoreBackup(dataDir, { now: new Date(clock) })).toMatchObject({ backup: older.name });
  });
});
