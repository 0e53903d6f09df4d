import fs from 'node:fs';
import path from 'node:path';
import type { BackupEntry } from '../../../shared/domain/privacy';
import { FILE_MODE } from '../../store/open';
import { manifestPath, readManifest, type BackupManifest } from './manifest';
import { backupsToDelete } from './rotation';

/** Backups written by this service: the UTC instant, then an optional `-2` and a kind. */
export const BACKUP_FILE = /^permanence-(\d{8})-(\d{6})(?:-[\w-]+)?\.sqlite3$/;

export function backupName(at: number, suffix = ''): string {
  const iso = new Date(at).toISOString(); // 2026-12-03T14:05:09.123Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `permanence-${stamp}${suffix}.sqlite3`;
}

/** A name not yet taken in `dir` (two backups within one second get `-2`, `-3`…). */
export function freeBackupName(dir: string, at: number, kind?: string): string {
  const base = kind ? `-${kind}` : '';
  for (let n = 1; ; n += 1) {
    const name = backupName(at, n === 1 ? base : `-${n}${base}`);
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

/** Every .sqlite3 in the folder, newest first, with what its manifest says. */
export function listBackupFiles(dir: string): Array<BackupEntry & { manifest: BackupManifest | null }> {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.sqlite3') && !name.startsWith('.'))
    .flatMap((name) => {
      const file = path.join(dir, name);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) return [];
      const manifest = readManifest(file);
      const matches = manifest !== null && manifest.file === name && manifest.sizeBytes === stat.size;
      return [
        {
          name,
          createdAt: matches ? manifest.createdAt : Math.round(stat.mtimeMs),
          sizeBytes: stat.size,
          verified: matches,
          reason: matches ? manifest.reason : ('migration' as const),
          manifest: matches ? manifest : null,
        },
      ];
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/**
 * Applies the rotation to the daily and manual backups of a folder (with their manifests); snapshots taken
 * before a restore and the store's pre-migration copies are left alone. Returns the names removed.
 */
export function rotateFolder(dir: string): string[] {
  const rotating = listBackupFiles(dir).filter(
    (b) => b.manifest && (b.reason === 'daily' || b.reason === 'manual') && BACKUP_FILE.test(b.name),
  );
  const doomed = new Set(backupsToDelete(rotating.map((b) => b.createdAt)));
  const removed: string[] = [];
  for (const backup of rotating) {
    if (!doomed.has(backup.createdAt)) continue;
    fs.rmSync(path.join(dir, backup.name), { force: true });
    fs.rmSync(manifestPath(path.join(dir, backup.name)), { force: true });
    removed.push(backup.name);
  }
  return removed;
}

/** Writes a small file atomically and privately (temp, fsync, rename). */
export function writePrivateFile(file: string, content: string): void {
  const temp = `${file}.tmp`;
  const fd = fs.openSync(temp, 'w', FILE_MODE);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (process.platform !== 'win32') fs.chmodSync(temp, FILE_MODE);
  fs.renameSync(temp, file);
}
