import { z } from 'zod';
import { method } from '../define';
import { TASK_TYPES } from '../../domain/billing/billing-settings';
import type { MonthStatement } from '../../domain/billing/statement';
import { contentEncodingSchema, type FileEncoding } from '../../domain/file-encoding';
import { idSchema } from '../../domain/ids';
import { importFileSchema } from '../../domain/limits';
import type { KpiReport } from '../../domain/kpi';
import {
  createTimeEntrySchema,
  monthSchema,
  startTimerSchema,
  updateTimeEntrySchema,
  type EntryAuditRecord,
  type LockAuditRecord,
  type MonthLock,
  type RunningTimer,
  type TimeEntry,
} from '../../domain/timesheet';
import { IMPORT_FIELDS, type ImportLineError } from '../../domain/timesheet-import';

export const EXPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  jobId: string;
  outDir: string;
  files: string[];
}

export interface MonthOverviewRow {
  firmId: string;
  firmName: string;
  color: string;
  timeZone: string;
  totalCents: number;
  lineCount: number;
  actualSeconds: number;
  billedSeconds: number;
  entryCount: number;
  /** Entries of demo or simulated calls this month: listed in Temps, never billed (said when the month is empty). */
  demoEntryCount: number;
  callsOffered: number;
  answerRate: number | null;
  lock: MonthLock | null;
}

export interface FirmMonthView {
  firmId: string;
  firmName: string;
  timeZone: string;
  month: string;
  statement: MonthStatement;
  kpi: KpiReport;
  lock: MonthLock | null;
  /** Notes of the entries behind the lines, by entry id. */
  notes: Record<string, string>;
}

export interface ImportReportView {
  fileName: string;
  /** How the file's bytes were read. */
  encoding: FileEncoding;
  header: string[];
  mapping: Record<string, number>;
  rows: number;
  /** The first line errors, in line order; `errorCount` counts them all. */
  errors: ImportLineError[];
  errorCount: number;
  /** Valid lines identical to a stored entry (firm, start, duration, task type, quantity), and the first ones. */
  duplicates: number;
  duplicateLines: number[];
  includeDuplicates: boolean;
  /** Entries an import writes: the valid lines, less the duplicates unless they are included. */
  toImport: number;
  imported: number;
  preview: Array<{
    line: number;
    taskType: string;
    startedAt: number;
    durationSeconds: number;
    quantity: number;
    label: string;
    duplicate: boolean;
  }>;
}

const lockScope = z
  .object({ firmId: idSchema.nullable(), month: monthSchema, reason: z.string().max(500).default('') })
  .strict();

const importInput = z
  .object({
    firmId: idSchema,
    content: importFileSchema,
    /** 'base64': the file's bytes, decoded in main (UTF-8, UTF-16 with BOM, Windows-1252); 'text': already text. */
    contentEncoding: contentEncodingSchema,
    fileName: z.string().max(300).default(''),
    /** Field → column index; null: ignore the field (not guessed from the header). */
    mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().nonnegative().nullable()).default({}),
    defaultTaskType: z.enum(TASK_TYPES).default('other'),
    /** Lines identical to a stored entry are skipped unless she asks for them too. */
    includeDuplicates: z.boolean().default(false),
  })
  .strict();

export const timesheetsMethods = {
  'timesheets:list': method<{ items: TimeEntry[]; total: number }>()(
    z
      .object({
        firmId: idSchema.optional(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'timesheets:create': method<TimeEntry>()(createTimeEntrySchema),
  'timesheets:update': method<TimeEntry>()(updateTimeEntrySchema),
  'timesheets:remove': method<{ removed: true }>()(z.object({ id: idSchema }).strict()),
  'timesheets:audit': method<EntryAuditRecord[]>()(z.object({ id: idSchema }).strict()),
  'timesheets:timer': method<RunningTimer | null>()(z.object({}).strict()),
  'timesheets:startTimer': method<{ timer: RunningTimer; stopped: TimeEntry | null }>()(startTimerSchema),
  'timesheets:stopTimer': method<{ entry: TimeEntry | null }>()(z.object({}).strict()),
  'timesheets:discardTimer': method<{ timer: null }>()(z.object({}).strict()),
  /** Ends 'until-delivered' after-call work: the message taken during this call was delivered at `at`. */
  'timesheets:extendAfterCallWork': method<TimeEntry>()(
    z.object({ callId: idSchema, at: z.number().int().positive() }).strict(),
  ),
  'timesheets:previewImport': method<ImportReportView>()(importInput),
  'timesheets:import': method<ImportReportView>()(importInput),
  'billing:overview': method<MonthOverviewRow[]>()(z.object({ month: monthSchema }).strict()),
  'billing:firmMonth': method<FirmMonthView>()(z.object({ firmId: idSchema, month: monthSchema }).strict()),
  'billing:lock': method<MonthLock>()(lockScope),
  'billing:unlock': method<{ unlocked: true }>()(lockScope),
  'billing:lockAudit': method<LockAuditRecord[]>()(z.object({ month: monthSchema }).strict()),
  'exports:run': method<ExportResult>()(
    z
      .object({
        month: monthSchema,
        firmId: idSchema.optional(),
        formats: z.array(z.enum(EXPORT_FORMATS)).min(1).max(EXPORT_FORMATS.length).default(['pdf', 'xlsx', 'csv']),
        csvPreset: z.enum(['excel-fr', 'standard']).default('excel-fr'),
        jobId: idSchema.optional(),
      })
      .strict(),
  ),
};
