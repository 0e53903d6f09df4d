import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { readManifest } from '../../main/services/privacy/manifest';
import { restoreFromBackup } from '../../main/services/privacy/restore';
import { createDevFileSecretStore } from '../../main/services/secrets';
import { DATABASE_FILE, openStore } from '../../main/store/open';
import { round } from './stats';

/**
 * Verified backups on a copy of the ten-year seed (the seed is copied read-only, never opened by the store:
 * opening it would migrate it).
 * - backups.backup_ten_years: one backup now: VACUUM INTO, integrity_check, FTS5 integrity-check, row counts,
 *   fsync, sha256, rename, manifest, audit entry.
 * - backups.restore_drill_100k: the restore drill of issue 12 (goal ≤ 10 s): the backup's sha256, integrity,
 *   FTS and counts verified, the current store saved as a verified backup, the swap, the restored store opened
 *   and its 100,000 messages counted against the manifest.
 */
export async function run(
  report: (name: string, value: number, unit: string) => void,
  options: { seedDir?: string } = {},
): Promise<void> {
  const seedFile = options.seedDir ? path.join(options.seedDir, DATABASE_FILE) : '';
  if (!seedFile || !fs.existsSync(seedFile)) throw new Error('backups bench needs the ten-year seed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-backups-'));
  const seed = new Database(seedFile, { readonly: true, fileMustExist: true });
  seed.prepare('VACUUM INTO ?').run(path.join(dataDir, DATABASE_FILE));
  seed.close();
  try {
    const db = openStore({ dataDir });
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'bench',
      transport: 'harness',
    });
    const messages = db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
    if (messages < 100_000) throw new Error(`the seed holds ${messages} messages, the drill needs 100,000`);
    const started = performance.now();
    const backupCpu = process.cpuUsage();
    const { backup } = services.privacy.backupNow();
    report('backups.backup_ten_years', round(performance.now() - started), 'ms');
    const usedByBackup = process.cpuUsage(backupCpu);
    report('backups.backup_ten_years.cpu', round((usedByBackup.user + usedByBackup.system) / 1000), 'ms');
    // Written after the backup: the restore must take them away again.
    db.prepare('DELETE FROM messages WHERE rowid IN (SELECT rowid FROM messages ORDER BY rowid LIMIT 1000)').run();
    db.close();

    const file = path.join(dataDir, 'backups', backup.name);
    const manifest = readManifest(file)!;
    const drill = performance.now();
    const cpu = process.cpuUsage();
    restoreFromBackup({
      dataDir,
      file: backup.name,
      now: Date.now,
      appVersion: 'bench',
      secrets: createDevFileSecretStore(dataDir),
    });
    const restored = openStore({ dataDir });
    const count = restored.prepare('SELECT count(*) FROM messages').pluck().get() as number;
    restored.close();
    const elapsed = performance.now() - drill;
    const used = process.cpuUsage(cpu);
    if (count !== manifest.counts.messages || count < 100_000) {
      throw new Error(`restore drill: ${count} messages restored, the manifest says ${manifest.counts.messages}`);
    }
    report('backups.restore_drill_100k', round(elapsed), 'ms');
    // On the shared 2-core machine the wall time also measures the neighbours; the process's CPU time does not.
    report('backups.restore_drill_100k.cpu', round((used.user + used.system) / 1000), 'ms');
    report('backups.ten_years_size', round(backup.sizeBytes / (1024 * 1024)), 'MB');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
