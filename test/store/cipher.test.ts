import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../shared/api';
import {
  assertCipherBuild,
  isEncryptedStoreFile,
  isPlainStoreFile,
  openDatabaseFile,
  storeKeyOf,
  type Db,
} from '../../main/store/cipher';
import { DATABASE_FILE, openStore } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const key = () => crypto.randomBytes(32);

function thrown(action: () => unknown): PermanenceError {
  try {
    action();
  } catch (error) {
    return error as PermanenceError;
  }
  throw new Error('expected an error');
}

/** A store encrypted with `k`, holding one firm row written through SQL, closed. */
function encryptedStore(k: Buffer): { dataDir: string; file: string } {
  const dataDir = tempDir();
  const db = openStore({ dataDir, key: k });
  db.prepare("INSERT INTO settings (key, value) VALUES ('canari', '\"zorglub-settings\"')").run();
  db.close();
  return { dataDir, file: path.join(dataDir, DATABASE_FILE) };
}

describe('encrypted store (SQLite3MultipleCiphers, chacha20, raw 32-byte key)', () => {
  it('runs the cipher build, keys the connection, keeps temporary tables in memory', () => {
    const k = key();
    const dataDir = tempDir();
    const db = openStore({ dataDir, key: k });
    try {
      expect(assertCipherBuild(db)).toMatch(/^SQLite3 Multiple Ciphers \d/);
      expect(db.pragma('cipher', { simple: true })).toBe('chacha20');
      expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(storeKeyOf(db)).toEqual(k);
    } finally {
      db.close();
    }
    const file = path.join(dataDir, DATABASE_FILE);
    expect(isEncryptedStoreFile(file)).toBe(true);
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('reopens with the same key and reads what was written', () => {
    const k = key();
    const { dataDir } = encryptedStore(k);
    const db = openStore({ dataDir, key: k });
    try {
      expect(db.prepare("SELECT value FROM settings WHERE key = 'canari'").pluck().get()).toBe('"zorglub-settings"');
    } finally {
      db.close();
    }
  });

  it('refuses a wrong key with STORE_KEY_INVALID and leaves the file byte for byte as it was', () => {
    const k = key();
    const { dataDir, file } = encryptedStore(k);
    const before = sha256(file);
    const names = fs.readdirSync(dataDir).sort();
    const error = thrown(() => openStore({ dataDir, key: key() }));
    expect(error).toBeInstanceOf(PermanenceError);
    expect(error.code).toBe('STORE_KEY_INVALID');
    expect(error.message).toMatch(/^Mot de passe ou clé incorrect/);
    expect(error.text).toEqual({ key: 'errors.STORE_KEY_INVALID' });
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(dataDir).sort()).toEqual(names); // no WAL, no journal left behind
    // The lock was released: the right key opens it now.
    openStore({ dataDir, key: k }).close();
    expect(() => openDatabaseFile(file, { readonly: true, key: key() })).toThrow(/Mot de passe ou clé incorrect/);
  });

  it('is not a database to the stock sqlite3 nor to a connection without the key', () => {
    const { file } = encryptedStore(key());
    const stock = (() => {
      try {
        execFileSync('sqlite3', [file, 'SELECT count(*) FROM sqlite_master'], { stdio: 'pipe' });
        return 'opened';
      } catch (error) {
        const { stderr, code } = error as { stderr?: Buffer; code?: string };
        if (code === 'ENOENT') throw new Error('the sqlite3 CLI is needed (apt-get install sqlite3)');
        return String(stderr);
      }
    })();
    expect(stock).toMatch(/file is not a database/);
    const plain = openDatabaseFile(file, { readonly: true });
    try {
      expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/file is not a database/);
    } finally {
      plain.close();
    }
  });

  it('refuses to open a plain store with a key (it must be encrypted first) and changes nothing', () => {
    const dataDir = tempDir();
    openStore({ dataDir }).close();
    const file = path.join(dataDir, DATABASE_FILE);
    expect(isPlainStoreFile(file)).toBe(true);
    const before = sha256(file);
    const error = thrown(() => openStore({ dataDir, key: key() }));
    expect(error.text?.key).toBe('errors.STORE_NOT_ENCRYPTED');
    expect(sha256(file)).toBe(before);
  });

  it('refuses a driver that would ignore PRAGMA key (plain better-sqlite3 has no sqlite3mc_version())', () => {
    const plainBuild = {
      prepare: () => {
        throw new Error('no such function: sqlite3mc_version');
      },
      pragma: () => [],
    } as unknown as Db;
    expect(() => assertCipherBuild(plainBuild)).toThrow(/ne sait pas chiffrer/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => openStore({ dataDir: tempDir(), key: crypto.randomBytes(16) })).toThrow(/32 octets/);
  });

  it('writes the copy taken before a migration encrypted with the same key', () => {
    const k = key();
    const dataDir = tempDir();
    openStore({ dataDir, key: k, targetVersion: 8 }).close();
    openStore({ dataDir, key: k }).close();
    const copies = fs.readdirSync(path.join(dataDir, 'backups')).filter((n) => n.startsWith('permanence-v8-'));
    expect(copies).toHaveLength(1);
    const copy = path.join(dataDir, 'backups', copies[0]!);
    expect(isEncryptedStoreFile(copy)).toBe(true);
    const db = openDatabaseFile(copy, { readonly: true, key: k });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(8);
    } finally {
      db.close();
    }
  });

  it('turns FTS5 secure-delete on for every FTS table, once', () => {
    const dataDir = tempDir();
    const db = openStore({ dataDir, key: key() });
    try {
      for (const table of ['messages_fts', 'contacts_fts']) {
        expect(db.prepare(`SELECT v FROM ${table}_config WHERE k = 'secure-delete'`).pluck().get()).toBe(1);
      }
    } finally {
      db.close();
    }
  });
});
