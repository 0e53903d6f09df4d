import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import type { BackupInfo } from '../../../shared/domain/recovery';
import { openDatabaseFile, type Db } from '../../store/cipher';
import { quickCheck } from '../../store/integrity';
import { readManifest, sha256FileSync } from '../privacy/manifest';
import { BACKUPS_DIR, DATABASE_FILE, FILE_MODE } from '../../store/open';

/** Where a damaged store is moved before a backup takes its place; nothing in it is ever deleted. */
export const DAMAGED_DIR = 'damaged';

const BACKUP_NAME = /^[\w.-]+\.sqlite3$/;

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = path.join(dataDir, BACKUPS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .flatMap((name) => {
      const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
      return stat?.isFile() ? [{ name, sizeBytes: stat.size, at: stat.mtimeMs }] : [];
    })
    .sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

/**
 * A backup is good when its manifest's sha256 matches (verified backups, main/services/privacy; older copies have
 * none) and SQLite opens it read-only and quick_check says ok.
 */
export function verifyBackup(
  file: string,
  nativeBinding?: string,
  key?: Buffer,
): { ok: true } | { ok: false; reason: string } {
  const manifest = readManifest(file);
  if (manifest && sha256FileSync(file) !== manifest.sha256) {
    return { ok: false, reason: 'empreinte SHA-256 différente de celle du manifeste (fichier altéré)' };
  }
  let db: Db | null = null;
  try {
    db = openDatabaseFile(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
      ...(key ? { key } : {}),
    });
    const problems = quickCheck(db);
    return problems.length === 0 ? { ok: true } : { ok: false, reason: problems.join(' ; ') };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    db?.close();
  }
}

/**
 * Puts a verified backup in place of the store: the damaged store (and its WAL/SHM) is moved to damaged/ first,
 * the backup is copied beside the store and renamed over it, so a crash in between leaves either file whole.
 * Without a name, the most recent backup that passes the check is used.
 */
export function restoreBackup(
  dataDir: string,
  options: { backup?: string; now: Date; nativeBinding?: string; key?: Buffer },
): { backup: string; damagedCopy: string | null } {
  const candidates = listBackups(dataDir).filter((b) => options.backup === undefined || b.name === options.backup);
  if (candidates.length === 0) {
    throw new PermanenceError(
      'NOT_FOUND',
      options.backup ? `Sauvegarde introuvable : ${options.backup}.` : 'Aucune sauvegarde dans ce dossier de données.',
    );
  }
  const failures: string[] = [];
  for (const candidate of candidates) {
    const source = path.join(dataDir, BACKUPS_DIR, candidate.name);
    const verdict = verifyBackup(source, options.nativeBinding, options.key);
    if (!verdict.ok) {
      failures.push(`${candidate.name} : ${verdict.reason}`);
      continue;
    }
    const damagedCopy = putBackupInPlace(dataDir, source, { now: options.now });
    return { backup: candidate.name, damagedCopy };
  }
  throw new PermanenceError(
    'STORE_DAMAGED',
    `Aucune sauvegarde n’a passé la vérification d’intégrité (${failures.join(' ; ')}).`,
  );
}

/**
 * The swap itself, shared with the CLI's restore of a sound store (main/services/privacy/restore.ts); the store
 * must be closed. The backup is copied beside the store (`check` may refuse the copy: nothing is moved then),
 * the store and its WAL/SHM go to `asideDir` (default damaged/), and the copy is renamed over the store.
 * Returns where the replaced store went.
 */
export function putBackupInPlace(
  dataDir: string,
  source: string,
  options: { now: Date; asideDir?: string; check?: (incoming: string) => void },
): string | null {
  const store = path.join(dataDir, DATABASE_FILE);
  const incoming = `${store}.restoring`;
  fs.copyFileSync(source, incoming);
  fs.chmodSync(incoming, FILE_MODE);
  try {
    options.check?.(incoming);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  const aside = moveAside(dataDir, store, options.now, options.asideDir ?? DAMAGED_DIR);
  fs.renameSync(incoming, store);
  return aside;
}

function moveAside(dataDir: string, store: string, now: Date, asideDir: string): string | null {
  if (!fs.existsSync(store)) return null;
  const dir = path.join(dataDir, asideDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `permanence-${stamp}.sqlite3`);
  fs.renameSync(store, target);
  // The WAL belongs to the damaged file: replayed onto the backup it would corrupt it.
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(store + suffix)) fs.renameSync(store + suffix, target + suffix);
  }
  return target;
}
