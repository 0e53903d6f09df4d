import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PermanenceError } from '../../../shared/api';
import type { BackupOutcome, BackupSettings } from '../../../shared/domain/privacy';
import type { Db } from '../../store/open';
import { createSettingsRepository } from '../../store/repositories/settings';
import type { SecretStore } from '../secrets';
import { createAuditLog } from './audit';
import { backupsDir, createBackupsService } from './backups';
import { createBackupScheduler } from './scheduler';

const SETTINGS_KEY = 'privacy.backups';
const storedSettings = z.object({ folder: z.string().nullable() }).catch({ folder: null });

export interface PrivacyOptions {
  dataDir: string;
  appVersion: string;
  now: () => number;
  secrets: SecretStore;
  nativeBinding?: string;
  log?: (message: string, detail?: unknown) => void;
}

/** Issue 12's parts that exist so far: the audit log and verified backups (with their daily scheduler). */
export function createPrivacyService(db: Db, options: PrivacyOptions) {
  const audit = createAuditLog(db, options.secrets, options.now);
  const settingsRepo = createSettingsRepository(db);

  function settings(): BackupSettings {
    return storedSettings.parse(settingsRepo.readAll()[SETTINGS_KEY] ?? {});
  }

  const backups = createBackupsService({
    db,
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    now: options.now,
    audit,
    folder: () => settings().folder,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });

  const scheduler = createBackupScheduler({
    run: () => {
      const outcome = backups.backupNow('daily');
      options.log?.('daily backup', { name: outcome.backup.name, rotated: outcome.rotated, copy: outcome.copy });
    },
    lastBackupAt: () => backups.lastBackupAt(),
    now: options.now,
    ...(options.log ? { log: options.log } : {}),
  });

  return {
    audit,
    backups,
    scheduler,
    backupNow: (): BackupOutcome => backups.backupNow('manual'),
    backupSettings: (): BackupSettings & { backupsDir: string } => ({
      ...settings(),
      backupsDir: backupsDir(options.dataDir),
    }),
    saveBackupSettings(input: BackupSettings): BackupSettings & { backupsDir: string } {
      const folder = input.folder?.trim() || null;
      if (folder !== null) checkFolder(folder, options.dataDir);
      settingsRepo.write({ [SETTINGS_KEY]: { folder } });
      return { folder, backupsDir: backupsDir(options.dataDir) };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;

/** The second folder must be absolute, outside the data directory, and writable now. */
function checkFolder(folder: string, dataDir: string): void {
  const invalid = (message: string, key: string) =>
    new PermanenceError('VALIDATION', message, [{ path: 'folder', message }], { key, values: { folder } });
  if (!path.isAbsolute(folder)) {
    throw invalid(`Indiquez un chemin complet (${folder} n’en est pas un).`, 'privacy.errors.folderNotAbsolute');
  }
  const relative = path.relative(path.resolve(dataDir), path.resolve(folder));
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw invalid(
      'Choisissez un dossier hors du dossier de données (un disque USB par exemple).',
      'privacy.errors.folderInsideData',
    );
  }
  try {
    // Created private when missing; an existing folder (a USB disk's) keeps its modes.
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const probe = path.join(folder, `.permanence-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    throw invalid(
      `Impossible d’écrire dans ${folder} : ${(error as Error).message}`,
      'privacy.errors.folderNotWritable',
    );
  }
}
