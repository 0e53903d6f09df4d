import { z } from 'zod';
import { method } from '../define';
import { rightsMethods } from './privacy-rights';
import { retentionMethods } from './privacy-retention';
import type { BackupEntry, BackupOutcome, BackupSettings } from '../../domain/privacy';

export type BackupSettingsView = BackupSettings & {
  /** DATA_DIR/backups, shown so she knows where the daily backups are. */
  backupsDir: string;
};

/** Issue 12 (confidentiality), the parts that exist: verified backups. The settings dialog's « Sauvegardes ». */
export const privacyMethods = {
  ...rightsMethods,
  ...retentionMethods,
  /** A verified backup now (then rotation, and the copy to the chosen folder if any). */
  'privacy:backupNow': method<BackupOutcome>()(z.object({}).strict()),
  /** Newest first. */
  'privacy:listBackups': method<BackupEntry[]>()(z.object({}).strict()),
  'privacy:backupSettings': method<BackupSettingsView>()(z.object({}).strict()),
  'privacy:saveBackupSettings': method<BackupSettingsView>()(
    z.object({ folder: z.string().trim().max(1000).nullable() }).strict(),
  ),
};
