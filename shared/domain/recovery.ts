/** Why the store could not be opened; the recovery screen says it in the user's language. */
export const STORE_DAMAGE_KINDS = ['missing', 'empty', 'not-sqlite', 'corrupt'] as const;
export type StoreDamageKind = (typeof STORE_DAMAGE_KINDS)[number];

export interface StoreDamage {
  kind: StoreDamageKind;
  /** Absolute path of the store file. */
  file: string;
  /** What the check found (first integrity problems, header bytes), for the log and the details panel. */
  detail: string | null;
}

export interface BackupInfo {
  /** File name inside the backups folder. */
  name: string;
  sizeBytes: number;
  /** When the copy was written (epoch ms, UTC). */
  at: number;
}

export type RecoveryStatus =
  | { mode: 'normal' }
  | {
      mode: 'recovery';
      damage: StoreDamage;
      dataDir: string;
      backupsDir: string;
      /** Newest first. */
      backups: BackupInfo[];
      /** False when there is nothing to read (missing or zero-byte store). */
      readable: boolean;
      /** Set once a backup was restored: Permanence must restart on it. */
      restored: { backup: string; damagedCopy: string | null } | null;
    };

export interface RestoreResult {
  backup: string;
  /** Where the damaged store was moved (never deleted); null when there was no file. */
  damagedCopy: string | null;
  /** 'automatic': recovery:restart starts the app again; 'manual': the harness must be restarted by hand. */
  restart: 'automatic' | 'manual';
}

export interface ReadableExport {
  file: string;
  tablesRead: string[];
  tablesFailed: string[];
  rows: number;
}
