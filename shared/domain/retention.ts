import { z } from 'zod';

/**
 * How long a firm's data is kept (issue 12). The firm, as data controller, decides; these defaults are what a
 * firm gets until she changes them in the firm editor. Whole months, counted back from now (UTC instants).
 */
export interface RetentionPolicy {
  /** Messages, counted from their delivery: a message never delivered is never purged. */
  messagesMonths: number;
  /** The call log, from the call's start. */
  callsMonths: number;
  /** Time entries, from the work's start; a locked or invoiced month is kept 10 years whatever this says. */
  timeEntriesMonths: number;
  /** The audit log's entries about this firm. */
  auditMonths: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  messagesMonths: 3,
  callsMonths: 12,
  timeEntriesMonths: 120,
  auditMonths: 12,
};

/** Accounting (Code de commerce, art. L123-22): locked and invoiced months are kept this long at least. */
export const ACCOUNTING_MONTHS = 120;

/** Bounds of each duration, the same as migration 0011's CHECKs. */
export const RETENTION_BOUNDS = {
  messagesMonths: { min: 1, max: 120 },
  callsMonths: { min: 1, max: 120 },
  timeEntriesMonths: { min: 12, max: 240 },
  auditMonths: { min: 6, max: 120 },
} as const satisfies Record<keyof RetentionPolicy, { min: number; max: number }>;

const months = (key: keyof RetentionPolicy) =>
  z.number().int().min(RETENTION_BOUNDS[key].min).max(RETENTION_BOUNDS[key].max);

export const retentionPolicySchema = z
  .object({
    messagesMonths: months('messagesMonths'),
    callsMonths: months('callsMonths'),
    timeEntriesMonths: months('timeEntriesMonths'),
    auditMonths: months('auditMonths'),
  })
  .strict();

export interface FirmRetention {
  firmId: string;
  policy: RetentionPolicy;
  /** False while the firm has the defaults (never saved). */
  custom: boolean;
  /** The last daily purge, whatever it removed (epoch ms), or null. */
  lastPurgeAt: number | null;
}

/** What one purge removed (or would remove, dry run), per firm. Counts only: never a name or a text. */
export interface PurgeCounts {
  messages: number;
  outbox: number;
  calls: number;
  timeEntries: number;
  entryAudit: number;
  importBatches: number;
}

export interface PurgeReport {
  at: number;
  dryRun: boolean;
  /** Firms where something went (firmId '' : calls that matched no firm, under the default durations). */
  firms: Array<{ firmId: string; counts: PurgeCounts }>;
  /** Audit log rows removed from the start of the chain (a checkpoint entry then anchors it). */
  auditRows: number;
}

/** A backup that still holds a firm's data after its end of contract. */
export interface BackupHolding {
  name: string;
  /** 'data': DATA_DIR/backups; 'copy': the second folder chosen in settings (a USB disk). */
  folder: 'data' | 'copy';
  path: string;
  createdAt: number;
  /** When the rotation removes it if the daily backup goes on; null: it never rotates (remove it by hand). */
  leavesRotationAt: number | null;
}

/** The first step of an end of contract: everything of the firm written to one folder. */
export interface ContractExport {
  firmId: string;
  firmName: string;
  dir: string;
  files: string[];
  /** Rows per table in the export (tables without rows at 0). */
  counts: Record<string, number>;
  exportedAt: number;
}

/** The second step: the firm purged, and where its data still lies until rotation. */
export interface ContractEnd {
  firmId: string;
  exportDir: string;
  /** Rows removed per table (invoices and the audit log stay: accounting, and ids and counts only). */
  removed: Record<string, number>;
  backups: BackupHolding[];
}
