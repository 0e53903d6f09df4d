import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createAuditLog } from '../../main/services/privacy/audit';
import {
  confirmEncryptionAndDeletePlainCopy,
  encryptPlainStore,
  PLAIN_COPY_DIR,
} from '../../main/services/privacy/encryption';
import { verifyBackupFile } from '../../main/services/privacy/backups';
import { restoreFromBackup } from '../../main/services/privacy/restore';
import { createImportsWorker } from '../../main/services/imports-worker/client';
import { countRows } from '../../main/services/privacy/verify';
import { createDevFileSecretStore } from '../../main/services/secrets';
import { isEncryptedStoreFile, isPlainStoreFile } from '../../main/store/cipher';
import { StoreDamagedError } from '../../main/store/integrity';
import { DATABASE_FILE, openStore, openStoreOrRecovery } from '../../main/store/open';
import { createRecoveryService } from '../../main/services/recovery';
import { verifyBackup } from '../../main/services/recovery/backups';
import { tempDir } from '../fixtures/factories';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { backupsOver, storeWithRows } from '../unit/main/privacy/store-with-rows';

const key = () => crypto.randomBytes(32);

describe('a plain store encrypted once (encryptPlainStore)', () => {
  it('keeps every row, verifies the copy, keeps the plain store and its plain backups until she confirms', () => {
    const { dataDir, db } = storeWithRows(300);
    const plainBackup = backupsOver(db, dataDir).backupNow('manual').backup.name;
    db.prepare('DELETE FROM messages WHERE rowid IN (SELECT rowid FROM messages LIMIT 10)').run(); // in the WAL
    const before = countRows(db);
    db.close();
    const store = path.join(dataDir, DATABASE_FILE);
    const k = key();
    const secrets = createDevFileSecretStore(dataDir);

    const outcome = encryptPlainStore(dataDir, k, { secrets });
    expect(outcome).toMatchObject({ migrated: true, plainBackups: 1 });
    expect(isEncryptedStoreFile(store)).toBe(true);
    const aside = path.join(dataDir, PLAIN_COPY_DIR);
    expect(isPlainStoreFile(path.join(aside, DATABASE_FILE))).toBe(true);
    expect(fs.existsSync(path.join(aside, 'backups', plainBackup))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'backups', plainBackup))).toBe(false);
    expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('.encrypting-'))).toEqual([]);

    const encrypted = openStore({ dataDir, key: k });
    try {
      expect(countRows(encrypted)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
      const audit = createAuditLog(encrypted, secrets);
      expect(audit.verify()).toMatchObject({ ok: true });
      const last = encrypted.prepare('SELECT kind, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
        kind: string;
        detail: string;
      };
      expect(last.kind).toBe('store.encrypted');
      expect(JSON.parse(last.detail)).toMatchObject({ tables: Object.keys(before).length, plainBackups: 1 });
      // Nothing to do a second time.
      expect(encryptPlainStore(tempDir(), k, { secrets })).toEqual({ migrated: false, reason: 'no-store' });

      expect(confirmEncryptionAndDeletePlainCopy(encrypted, dataDir, { secrets })).toEqual({
        deleted: true,
        files: 3, // the store, the backup and its manifest
      });
      expect(fs.existsSync(aside)).toBe(false);
      expect(encrypted.prepare('SELECT kind FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get()).toBe(
        'store.plain-copy-deleted',
      );
    } finally {
      encrypted.close();
    }
    expect(encryptPlainStore(dataDir, k, { secrets })).toEqual({ migrated: false, reason: 'already-encrypted' });
    // Without the key the file is nothing SQLite can read: the app would start in recovery, never empty.
    expect(() => openStore({ dataDir })).toThrow(StoreDamagedError);
  });

  it('drops from the search index the words of rows deleted before secure-delete was on', () => {
    const { dataDir, db } = storeWithRows(20);
    db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 0)").run(); // as before
    const canary = `qzoubli${crypto.randomBytes(4).toString('hex')}`;
    const firmId = db.prepare('SELECT id FROM firms LIMIT 1').pluck().get() as string;
    const services = servicesOver(db, dataDir);
    const draft = services.messages.saveDraft({ firmId, content: { callerName: 'Mme Test', body: `Texte ${canary}` } });
    services.messages.discardDraft(draft.id);
    const segments = (d: typeof db) =>
      (d.prepare('SELECT block FROM messages_fts_data').pluck().all() as Buffer[])
        .map((b) => b.toString('latin1'))
        .join('');
    expect(segments(db)).toContain(canary); // still in the plain store's segments
    db.close();
    const k = key();
    encryptPlainStore(dataDir, k, { secrets: createDevFileSecretStore(dataDir) });
    const encrypted = openStore({ dataDir, key: k });
    try {
      expect(segments(encrypted)).not.toContain(canary);
      expect(encrypted.prepare("SELECT v FROM messages_fts_config WHERE k = 'secure-delete'").pluck().get()).toBe(1);
    } finally {
      encrypted.close();
    }
  });

  it('leaves a damaged plain store in place and says why', () => {
    const { dataDir, db } = storeWithRows(50);
    db.close();
    const store = path.join(dataDir, DATABASE_FILE);
    const bytes = fs.readFileSync(store);
    bytes.fill(0x55, 4096 * 3, 4096 * 5); // two pages of junk past the header
    fs.writeFileSync(store, bytes);
    const hash = crypto.createHash('sha256').update(bytes).digest('hex');
    expect(() => encryptPlainStore(dataDir, key(), { secrets: createDevFileSecretStore(dataDir) })).toThrow(
      /Le chiffrement de la base a échoué/,
    );
    expect(crypto.createHash('sha256').update(fs.readFileSync(store)).digest('hex')).toBe(hash);
    expect(fs.existsSync(path.join(dataDir, PLAIN_COPY_DIR))).toBe(false);
  });
});

describe('backups of an encrypted store', () => {
  it('are encrypted with the store key, verify with it only, and restore', () => {
    const k = key();
    const dataDir = tempDir();
    const { db } = storeWithRows(200, dataDir, k);
    const { backup } = backupsOver(db, dataDir).backupNow('manual');
    db.close();
    const file = path.join(dataDir, 'backups', backup.name);
    expect(isEncryptedStoreFile(file)).toBe(true);
    expect(verifyBackupFile(file, { key: k })).toEqual([]);
    expect(verifyBackupFile(file, { key: key() })[0]).toMatch(/Mot de passe ou clé incorrect/);
    expect(verifyBackupFile(file)[0]).toMatch(/illisible/);

    const restored = restoreFromBackup({
      dataDir,
      file: backup.name,
      now: () => Date.UTC(2026, 11, 4),
      appVersion: 'test',
      secrets: createDevFileSecretStore(dataDir),
      key: k,
    });
    expect(restored.snapshot).not.toBeNull();
    expect(isEncryptedStoreFile(path.join(dataDir, 'backups', restored.snapshot!))).toBe(true);
    const reopened = openStore({ dataDir, key: k });
    try {
      expect(reopened.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(200);
    } finally {
      reopened.close();
    }
  });
});

describe('recovery of a damaged encrypted store', () => {
  it('sees the damage past the first page, exports what the key still reads and restores an encrypted backup', () => {
    const k = key();
    const dataDir = tempDir();
    const { db } = storeWithRows(300, dataDir, k);
    const { backup } = backupsOver(db, dataDir).backupNow('manual');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const store = path.join(dataDir, DATABASE_FILE);
    const bytes = fs.readFileSync(store);
    bytes.fill(0x55, 4096 * 6, 4096 * 6 + 512); // one page's ciphertext altered: its Poly1305 tag fails
    fs.writeFileSync(store, bytes);

    const opened = openStoreOrRecovery({ dataDir, key: k });
    opened.db.close();
    expect(opened.damage).toMatchObject({ kind: 'corrupt', file: store });
    const recovery = createRecoveryService({ dataDir, damage: opened.damage, key: k });
    expect(recovery.status()).toMatchObject({ mode: 'recovery', readable: true });
    const exported = recovery.exportReadable();
    expect(exported.rows).toBeGreaterThan(0);
    // Without the key the backup cannot be vouched for: nothing would be restored.
    const backupFile = path.join(dataDir, 'backups', backup.name);
    expect(verifyBackup(backupFile)).toMatchObject({ ok: false });
    expect(verifyBackup(backupFile, undefined, k)).toEqual({ ok: true });
    expect(recovery.restore(backup.name)).toMatchObject({ backup: backup.name });
    const restored = openStore({ dataDir, key: k });
    try {
      expect(restored.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(300);
    } finally {
      restored.close();
    }
  });
});

describe('the imports worker on an encrypted store', () => {
  it('reads the store over its own connection with the key it is given, and cannot without it', async () => {
    const k = key();
    const { dataDir, db } = storeWithRows(5, tempDir(), k);
    const firmId = db.prepare('SELECT id FROM firms LIMIT 1').pluck().get() as string;
    const job = {
      kind: 'preview' as const,
      firmId,
      timeZone: 'Europe/Paris',
      lockedMonths: {},
      content: 'Date;Heure;Durée;Type;Quantité;Objet\n03/11/2026;09:00;0:30;frappe;4;Compte rendu\n',
      options: {},
      fileName: 'heures.csv',
    };
    const file = path.join(dataDir, DATABASE_FILE);
    const keyed = createImportsWorker({ file, keyHex: k.toString('hex') });
    const keyless = createImportsWorker({ file });
    try {
      expect((await keyed.check(job)).report).toMatchObject({ errorCount: 0, toImport: 1 });
      await expect(keyless.check(job)).rejects.toMatchObject({ message: expect.stringMatching(/not a database/) });
    } finally {
      await keyed.stop();
      await keyless.stop();
      db.close();
    }
  });
});

function servicesOver(db: ReturnType<typeof openStore>, dataDir: string) {
  return createServices(db, {
    assetsDir: path.join(sourceRoot(), 'assets'),
    dataDir,
    appVersion: 'test',
    transport: 'harness',
  });
}
