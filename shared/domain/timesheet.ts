import { DateTime } from 'luxon';
import { z } from 'zod';
import { taskTypeSchema, type TaskType } from './billing/billing-settings';
import { ENTRY_SOURCES, type BillableEntry, type EntrySource } from './billing/entries';
import { idSchema } from './ids';

/**
 * Time entries: every piece of work she does for a firm. Raw durations are kept untouched (seconds); billed
 * figures are derived from them by the firm's billing rules (shared/domain/billing) and shown side by side.
 */

/** Task types she logs by hand or with a timer; 'call' and 'message' come from the call log itself. */
export const MANUAL_TASK_TYPES = [
  'outgoing-call',
  'mail',
  'typing-page',
  'data-entry',
  'filing',
  'reminder',
  'admin',
  'appointment',
  'other',
] as const satisfies readonly TaskType[];

/** Task types whose unit is not time: the quantity is what gets billed (pages typed, letters, appointments). */
export const COUNTED_TASK_TYPES: readonly TaskType[] = ['typing-page', 'mail', 'appointment', 'message'];

export interface TimeEntry {
  id: string;
  firmId: string;
  source: EntrySource;
  /** The call this entry was derived from (source 'call'); unique. */
  callId: string | null;
  taskType: TaskType;
  startedAt: number;
  /** Raw seconds: talk + hold + after-call work for a call, measured or typed otherwise. */
  durationSeconds: number;
  /** Part of durationSeconds that is after-call work (calls only). */
  afterCallSeconds: number;
  quantity: number;
  billable: boolean;
  urgent: boolean;
  /** Caller name or object of the work, shown on the relevé. */
  label: string;
  note: string;
  importBatchId: string | null;
  createdAt: number;
  updatedAt: number;
  /**
   * Work of a demo or simulated call (or of a message taken on one): listed, marked « démo », never billed,
   * counted in the KPIs or exported. Always set when read from the store; absent means false.
   */
  demo?: boolean;
}

const MAX_ENTRY_SECONDS = 24 * 3600;
const text = (max: number) => z.string().max(max).default('');

export const timeEntryFieldsSchema = z.object({
  taskType: taskTypeSchema,
  startedAt: z.number().int().positive(),
  durationSeconds: z.number().int().nonnegative().max(MAX_ENTRY_SECONDS),
  quantity: z.number().int().nonnegative().max(100_000).default(1),
  billable: z.boolean().default(true),
  urgent: z.boolean().default(false),
  label: text(200),
  note: text(2000),
});

export const createTimeEntrySchema = timeEntryFieldsSchema.extend({ firmId: idSchema }).strict();
export type CreateTimeEntryInput = z.input<typeof createTimeEntrySchema>;
export type CreateTimeEntry = z.output<typeof createTimeEntrySchema>;

export const updateTimeEntrySchema = z
  .object({
    id: idSchema,
    patch: z
      .object({
        firmId: idSchema,
        taskType: taskTypeSchema,
        startedAt: z.number().int().positive(),
        durationSeconds: z.number().int().nonnegative().max(MAX_ENTRY_SECONDS),
        quantity: z.number().int().nonnegative().max(100_000),
        billable: z.boolean(),
        urgent: z.boolean(),
        label: z.string().max(200),
        note: z.string().max(2000),
      })
      .partial()
      .strict(),
  })
  .strict();
export type TimeEntryPatch = z.output<typeof updateTimeEntrySchema>['patch'];

/** The one running timer; it is stored, so it survives a restart. */
export interface RunningTimer {
  firmId: string;
  taskType: TaskType;
  startedAt: number;
  label: string;
  note: string;
  urgent: boolean;
  billable: boolean;
}

export const startTimerSchema = z
  .object({
    firmId: idSchema,
    taskType: taskTypeSchema.default('other'),
    label: text(200),
    note: text(2000),
    urgent: z.boolean().default(false),
    billable: z.boolean().default(true),
  })
  .strict();

export type EntryAuditAction = 'create' | 'update' | 'delete' | 'import' | 'create-after-lock';

export interface EntryAuditRecord {
  seq: number;
  entryId: string;
  firmId: string;
  action: EntryAuditAction;
  at: number;
  by: string;
  before: Partial<TimeEntry> | null;
  after: Partial<TimeEntry> | null;
}

export interface MonthLock {
  /** null: every firm. */
  firmId: string | null;
  month: string;
  lockedAt: number;
  lockedBy: string;
}

export interface LockAuditRecord {
  seq: number;
  firmId: string | null;
  month: string;
  action: 'lock' | 'unlock';
  at: number;
  by: string;
  reason: string;
}

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mois attendu au format AAAA-MM');

/** 'YYYY-MM' of an instant, read in the firm's zone: the month an entry is billed in. */
export function monthOf(instantMs: number, timeZone: string): string {
  return DateTime.fromMillis(instantMs, { zone: timeZone }).toFormat('yyyy-MM');
}

/** The billing engine's view of an entry. */
export function toBillableEntry(entry: TimeEntry): BillableEntry {
  return {
    id: entry.id,
    startedAt: entry.startedAt,
    durationSeconds: entry.durationSeconds,
    taskType: entry.taskType,
    quantity: entry.quantity,
    billable: entry.billable,
    urgent: entry.urgent,
    label: entry.label,
    source: entry.source,
  };
}

export { ENTRY_SOURCES };

/** 3 725 s → '1:02:05'; 125 s → '0:02:05'. */
export function formatHms(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}`;
}

/** 3 725 s → '01:02' (hh:mm, rounded down to the minute, as a relevé shows it). */
export function formatHhMm(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

/** French names of the task types, for files written by main (the UI goes through i18next). */
export const TASK_TYPE_LABELS_FR: Record<TaskType, string> = {
  call: 'Appel traité',
  message: 'Message pris',
  appointment: 'Prise de RDV',
  'outgoing-call': 'Appel sortant',
  mail: 'Courrier',
  'typing-page': 'Frappe (pages)',
  'data-entry': 'Saisie',
  filing: 'Classement',
  reminder: 'Relances',
  admin: 'Démarches administratives',
  other: 'Autre',
};
