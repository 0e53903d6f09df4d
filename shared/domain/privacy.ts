/** One backup in the backups folder, as the settings dialog and the CLI list it. */
export interface BackupEntry {
  /** File name inside the backups folder. */
  name: string;
  /** When the copy was taken (epoch ms, UTC): the manifest's, else the file's time. */
  createdAt: number;
  sizeBytes: number;
  /** True when the copy passed its checks when written and has its manifest (sha256, counts). */
  verified: boolean;
  /** 'migration': written by the store before a schema change (no manifest). */
  reason: 'daily' | 'manual' | 'before-restore' | 'migration';
}

export interface BackupSettings {
  /** A second folder (a USB disk) that receives a verified copy of every automatic backup; null: none. */
  folder: string | null;
}

export interface BackupOutcome {
  backup: BackupEntry;
  /** Set when a second folder is chosen: where the copy went, or why it could not. */
  copy: { ok: true; file: string } | { ok: false; reason: string } | null;
  /** Older automatic backups removed by the 7 daily / 4 weekly / 12 monthly rotation. */
  rotated: string[];
}
