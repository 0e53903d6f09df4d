// Canary scan (issue 12): twenty strings written through the real services, some deleted again, the WAL
// checkpointed, a backup made; then none of them may appear in any byte the app left on disk (store, WAL, SHM,
// backups, logs, secrets, temporary files), read like `strings` would (ASCII and UTF-16). The same strings are
// read back through the key, so the scan is not passing on a store that never held them.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileLogger } from '../../main/platform/logger';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { resolveStoreKey } from '../../main/services/privacy/keys/dev-key';
import { isEncryptedStoreFile } from '../../main/store/cipher';
import { DATABASE_FILE, openStore, type Db } from '../../main/store/open';
import { createMartin, dupont } from '../integration/messaging-context';
import { tempDir } from '../fixtures/factories';

const CANARIES = Array.from(
  { length: 20 },
  (_, i) => `qzcanari${String(i).padStart(2, '0')}${crypto.randomBytes(3).toString('hex')}`,
);
const [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19] = CANARIES as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

/** Every file under `dir` (recursively), with its bytes. */
function filesUnder(dir: string, keep: (file: string) => boolean = () => true): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(file, keep));
    else if (entry.isFile() && keep(file)) found.push(file);
  }
  return found;
}

/** The canaries found in a file's bytes, as ASCII/UTF-8 or as UTF-16LE, any case. */
function canariesIn(file: string): string[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []; // another process's file, gone since
    throw error;
  }
  const ascii = bytes.toString('latin1').toLowerCase();
  const utf16 = bytes.toString('utf16le').toLowerCase();
  const utf16odd = bytes.subarray(1).toString('utf16le').toLowerCase();
  return CANARIES.filter((c) => ascii.includes(c) || utf16.includes(c) || utf16odd.includes(c));
}

/** Everything the store holds, read through the key: every table's rows, FTS segments (blobs) included. */
function decryptedDump(db: Db): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")
    .pluck()
    .all() as string[];
  return tables
    .map((table) =>
      JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all(), (_k, v: unknown) =>
        Buffer.isBuffer(v) ? v.toString('latin1') : v,
      ),
    )
    .join('\n')
    .toLowerCase();
}

function stockSqlite3(file: string): string {
  try {
    return execFileSync('sqlite3', [file, 'SELECT count(*) FROM sqlite_master'], { stdio: 'pipe' }).toString();
  } catch (error) {
    const { stderr, code } = error as { stderr?: Buffer; code?: string };
    if (code === 'ENOENT') throw new Error('the sqlite3 CLI is needed (apt-get install sqlite3)');
    return String(stderr);
  }
}

describe('canary scan of an encrypted data directory', () => {
  it('the scan itself finds a canary in a plain store, its WAL or as UTF-16 (so zero hits below mean something)', () => {
    const dataDir = tempDir();
    const db = openStore({ dataDir });
    try {
      db.prepare("INSERT INTO settings (key, value) VALUES ('scan', ?)").run(JSON.stringify(CANARIES[0]));
      const inWal = canariesIn(path.join(dataDir, `${DATABASE_FILE}-wal`));
      expect(inWal).toEqual([CANARIES[0]]);
    } finally {
      db.close();
    }
    expect(canariesIn(path.join(dataDir, DATABASE_FILE))).toEqual([CANARIES[0]]);
    const utf16 = path.join(dataDir, 'utf16.txt');
    fs.writeFileSync(utf16, Buffer.from(`x${CANARIES[1]!.toUpperCase()}`, 'utf16le'));
    expect(canariesIn(utf16)).toEqual([CANARIES[1]]);
  });

  it('finds none of 20 canaries written through the services in any file, and all of them through the key', () => {
    const startedAt = Date.now();
    const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
    const dataDir = tempDir();
    const key = resolveStoreKey(dataDir, { create: true })!; // the harness's dev-only key file
    const db = openStore({ dataDir, key });
    const logger = createFileLogger(dataDir);
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'test',
      transport: 'harness',
      log: (message, detail) => logger.info(message, detail),
    });
    let open = true;
    try {
      const firmId = createMartin(services, { consignes: { body: `Demander le dossier ${c0}.`, rules: {} } });
      const contact = services.contacts.save({
        firmId,
        contact: {
          name: `Hélène ${c1}`,
          company: c2,
          phones: ['+33611223344'],
          email: `${c3}@exemple.test`,
          notes: `Préfère le matin ${c4}`,
          vip: false,
          doNotTransfer: false,
        },
      });
      const doomedContact = services.contacts.save({
        firmId,
        contact: {
          name: `Paul ${c5}`,
          company: '',
          phones: [],
          email: '',
          notes: c6,
          vip: false,
          doNotTransfer: false,
        },
      });
      services.messages.send({
        firmId,
        content: dupont({
          callerName: `Mme ${c7}`,
          callerCompany: c8,
          callerEmail: `${c9}@exemple.test`,
          motif: `Résultats ${c10}`,
          callBack: `avant midi ${c11}`,
          body: `Elle attend ses résultats d’analyse ${c12}.`,
          recipients: ['claire'],
        }),
      });
      services.messages.saveDraft({ firmId, content: dupont({ body: `Brouillon gardé ${c13}` }) });
      const doomedDraft = services.messages.saveDraft({
        firmId,
        content: dupont({ callerName: `M. ${c14}`, body: `Brouillon abandonné ${c15}` }),
      });
      const entry = {
        firmId,
        taskType: 'call' as const,
        startedAt: Date.UTC(2026, 10, 24, 10),
        durationSeconds: 300,
        quantity: 1,
        billable: true,
        urgent: false,
      };
      services.timesheets.create({ ...entry, label: `Rappel ${c16}`, note: c17 });
      const doomedEntry = services.timesheets.create({ ...entry, label: `Rappel ${c18}`, note: c19 });

      // Some are deleted again: the deleted text must not stay readable in the FTS segments either.
      services.messages.discardDraft(doomedDraft.id);
      services.contacts.delete(firmId, doomedContact.id);
      services.timesheets.remove(doomedEntry.id);
      logger.info('canary scan: writes done', { firmId, contactId: contact.id });

      const walFile = path.join(dataDir, `${DATABASE_FILE}-wal`);
      expect(fs.statSync(walFile).size).toBeGreaterThan(0);
      const beforeCheckpoint = filesUnder(dataDir).flatMap((file) => canariesIn(file).map((c) => `${file}: ${c}`));
      expect(beforeCheckpoint).toEqual([]);
      db.pragma('wal_checkpoint(PASSIVE)');
      const { backup } = services.privacy.backupNow();

      // Positive control: through the key, what was kept is there, and what was deleted is gone from every
      // table, the FTS segments included (secure-delete).
      const dump = decryptedDump(db);
      const deleted = [c5, c6, c14, c15];
      const kept = [c0, c1, c2, c3, c4, c7, c8, c9, c10, c11, c12, c13, c16, c17];
      expect(kept.filter((c) => !dump.includes(c))).toEqual([]);
      expect(deleted.filter((c) => dump.includes(c))).toEqual([]);
      expect(dump.includes(c18) || dump.includes(c19)).toBe(true); // the time entry's audit trail keeps them

      db.close();
      open = false;
      const files = filesUnder(dataDir);
      expect(files.map((f) => path.relative(dataDir, f))).toEqual(
        expect.arrayContaining([DATABASE_FILE, path.join('backups', backup.name), path.join('logs', 'permanence.log')]),
      );
      // Temporary files: SQLite's own (etilqs_*, none with temp_store = MEMORY) and any file that appeared in
      // the temporary folders during the test (other processes' too: they cannot hold these random strings).
      const tmpFiles = [os.tmpdir(), '/var/tmp'].flatMap((dir) =>
        (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
          .filter((name) => name.startsWith('etilqs_') || !tmpBefore.has(name))
          .map((name) => path.join(dir, name))
          .filter((entry) => {
            const stat = fs.statSync(entry, { throwIfNoEntry: false });
            return stat?.isFile() && stat.mtimeMs >= startedAt - 1000 && stat.size < 64 << 20;
          }),
      );
      const hits = [...files, ...tmpFiles].flatMap((file) => canariesIn(file).map((c) => `${file}: ${c}`));
      expect(hits).toEqual([]);

      for (const file of [path.join(dataDir, DATABASE_FILE), path.join(dataDir, 'backups', backup.name)]) {
        expect(isEncryptedStoreFile(file)).toBe(true);
        expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
        expect(stockSqlite3(file)).toMatch(/file is not a database/);
      }
      // The key opens them again (the scan above did not pass on unreadable junk).
      const reopened = openStore({ dataDir, key });
      try {
        expect(reopened.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2);
      } finally {
        reopened.close();
      }
      expect(services.privacy.backups.verify(backup.name)).toEqual([]);
    } finally {
      if (open) db.close();
    }
  });
});
