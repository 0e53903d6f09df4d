import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import { PermanenceError } from '../../shared/api';

/**
 * Encryption at rest (issue 12): the store, its WAL and its backups are encrypted by SQLite3MultipleCiphers
 * (better-sqlite3-multiple-ciphers: better-sqlite3's code and API over that SQLite build), cipher ChaCha20 with
 * Poly1305 (each page authenticated). The key is 32 random bytes used raw (`x'…'`: no key derivation at each
 * open); the key slots that wrap it (keychain, passphrase, recovery code) live in main/services/privacy/keys/.
 *
 * Every connection to a store file goes through `openDatabaseFile` (the store itself through openStore), so no
 * code path can open it without the key or with a build that would ignore the key.
 */
export type Db = Database.Database;

export const STORE_CIPHER = 'chacha20';
export const STORE_KEY_BYTES = 32;

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface DatabaseFileOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** better-sqlite3-multiple-ciphers built for Electron's ABI (see main/electron/native.ts). */
  nativeBinding?: string;
  /** The store's 32-byte key; none for a plain file (a plain store before its migration, a test fixture). */
  key?: Buffer;
}

/** The error a wrong key (or a first page that no longer decrypts) gives: the file is left as it was. */
export function storeKeyInvalid(detail?: string): PermanenceError {
  return new PermanenceError(
    'STORE_KEY_INVALID',
    `Mot de passe ou clé incorrect : la base de données ne s’ouvre pas avec cette clé${detail ? ` (${detail})` : ''}.`,
    undefined,
    { key: 'errors.STORE_KEY_INVALID' },
  );
}

/**
 * Plain better-sqlite3 (or a build without the codec) answers `PRAGMA key` with nothing and writes plaintext:
 * refuse to go on unless this connection runs SQLite3MultipleCiphers. `PRAGMA cipher` is answered by the codec
 * without reading the file (a plain build returns no row); the version is asked of an in-memory connection of
 * the same build, because any statement on the file would read its schema before the key is given.
 */
export function assertCipherBuild(db: Db, nativeBinding?: string): string {
  const cipher = db.pragma('cipher', { simple: true }) as unknown;
  if (typeof cipher !== 'string' || cipher === '') throw cipherBuildMissing('PRAGMA cipher ne répond pas');
  return cipherVersion(nativeBinding);
}

const versions = new Map<string, string>();

function cipherVersion(nativeBinding: string | undefined): string {
  const known = versions.get(nativeBinding ?? '');
  if (known) return known;
  const memory = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    const version = memory.prepare('SELECT sqlite3mc_version()').pluck().get() as string;
    versions.set(nativeBinding ?? '', version);
    return version;
  } catch {
    throw cipherBuildMissing('sqlite3mc_version() est inconnue');
  } finally {
    memory.close();
  }
}

function cipherBuildMissing(detail: string): PermanenceError {
  return new PermanenceError(
    'INTERNAL',
    `Le moteur SQLite chargé ne sait pas chiffrer (${detail}) : la base ne sera pas ouverte en clair. ` +
      'Réinstallez Permanence (better-sqlite3-multiple-ciphers).',
  );
}

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== STORE_KEY_BYTES) {
    throw new PermanenceError('INTERNAL', `La clé de la base doit faire ${STORE_KEY_BYTES} octets.`);
  }
}

/** `PRAGMA key` for a raw key: a hex blob literal, so no KDF runs (the key is already 256 random bits). */
function keyPragma(verb: 'key' | 'rekey', key: Buffer): string {
  checkKey(key);
  return `${verb}="x'${key.toString('hex')}'"`;
}

/**
 * Keys a fresh connection, before anything else touches the file: the cipher, the raw key, then a real read,
 * because `PRAGMA key` answers ok whatever the key. A wrong key fails that read (page 1's Poly1305 tag does
 * not match) with SQLITE_NOTADB, before any write: the file keeps its bytes.
 */
export function applyKey(db: Db, key: Buffer, nativeBinding?: string): void {
  assertCipherBuild(db, nativeBinding);
  db.pragma(`cipher='${STORE_CIPHER}'`);
  db.pragma(keyPragma('key', key));
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw storeKeyInvalid();
    throw error;
  }
  // Temporary tables and sort spills are not encrypted by the codec: keep them in memory.
  db.pragma('temp_store = MEMORY');
}

/** Encrypts an open plain database in place (it must not be in WAL mode: SQLite3MultipleCiphers refuses). */
export function rekeyPlain(db: Db, key: Buffer, nativeBinding?: string): void {
  assertCipherBuild(db, nativeBinding);
  db.pragma(`cipher='${STORE_CIPHER}'`);
  db.pragma(keyPragma('rekey', key));
}

/** Opens any database file with the cipher driver, keyed when a key is given (see applyKey). */
export function openDatabaseFile(file: string, options: DatabaseFileOptions = {}): Db {
  const db = new Database(file, {
    ...(options.readonly ? { readonly: true } : {}),
    ...(options.fileMustExist ? { fileMustExist: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    if (options.key) applyKey(db, options.key, options.nativeBinding);
    else assertCipherBuild(db, options.nativeBinding);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The first 16 bytes of the file, or null when it is shorter (missing, empty, being created). */
function header(file: string): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const bytes = Buffer.alloc(PLAIN_HEADER.length);
    const read = fs.readSync(fd, bytes, 0, bytes.length, 0);
    return read === bytes.length ? bytes : null;
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the file starts with SQLite's plaintext header (« SQLite format 3 »). */
export function isPlainStoreFile(file: string): boolean {
  return header(file)?.equals(PLAIN_HEADER) ?? false;
}

/** True for a file whose header is not SQLite's plaintext one (an encrypted store: a random salt there). */
export function isEncryptedStoreFile(file: string): boolean {
  const bytes = header(file);
  return bytes !== null && !bytes.equals(PLAIN_HEADER);
}

/** After keying and writing: the file on disk must not be readable as plain SQLite. */
export function assertEncryptedOnDisk(file: string): void {
  if (isPlainStoreFile(file)) {
    throw new PermanenceError(
      'INTERNAL',
      'La base de données a été écrite en clair malgré la clé : elle ne sera pas utilisée (moteur sans chiffrement ?).',
    );
  }
}

/** The key a connection opened by openStore was keyed with: backups, checks and the imports worker reuse it. */
const keys = new WeakMap<Db, Buffer>();

export function rememberStoreKey(db: Db, key: Buffer | undefined): void {
  if (key) keys.set(db, key);
}

export function storeKeyOf(db: Db): Buffer | undefined {
  return keys.get(db);
}
