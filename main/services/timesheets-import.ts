import type { TaskType } from '../../shared/domain/billing';
import type { FileEncoding } from '../../shared/domain/file-encoding';
import type { TimeEntry } from '../../shared/domain/timesheet';
import type { ImportedEntry, ImportLineError, ImportOptions } from '../../shared/domain/timesheet-import';
import { createWallClock } from '../../shared/domain/wall-clock';
import { createTimeEntryImportsRepository, entrySignature } from '../store/repositories/time-entry-imports';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import type { ImportContent } from './import-file';
import { inSlices, yieldToEventLoop } from './import-slices';
import { createValidatedFileReader, REPORTED_LINES } from './timesheets-import-file';
import type { TimesheetsService } from './timesheets';

const PREVIEW_ROWS = 50;
/**
 * Entries per write transaction: each commit is an fsync (synchronous = FULL), so slices sized by time alone
 * shrink to a few rows on a busy disk and the import never ends; 500 rows is about 5 ms of work on an idle machine.
 */
const WRITE_SLICE_ROWS = 500;

export interface ImportReport {
  fileName: string;
  /** How the file's bytes were read. */
  encoding: FileEncoding;
  header: string[];
  /** Column index per recognised field. */
  mapping: Record<string, number>;
  rows: number;
  /** The first line errors (REPORTED_LINES at most), in line order; `errorCount` counts them all. */
  errors: ImportLineError[];
  errorCount: number;
  /** Valid lines identical to an entry already stored (firm, start, duration, task type, quantity). */
  duplicates: number;
  duplicateLines: number[];
  /** Whether duplicates are imported too (she ticked « importer aussi les doublons »). */
  includeDuplicates: boolean;
  /** Entries an import writes: the valid lines, less the duplicates unless they are included. */
  toImport: number;
  /** Entries written (0 on a preview or when any line is wrong: the import is all-or-nothing). */
  imported: number;
  preview: Array<{
    line: number;
    taskType: TaskType;
    startedAt: number;
    durationSeconds: number;
    quantity: number;
    label: string;
    duplicate: boolean;
  }>;
}

export type TimesheetImportOptions = ImportOptions & { includeDuplicates?: boolean };

/**
 * CSV import of past entries: read, checked line by line (locked months, duplicates of stored entries) and
 * written all-or-nothing. Every step runs in slices of main-thread time with yields between them, so a
 * 200,000-line file never freezes calls or drafts; the write goes in short transactions under a pending batch
 * that is finished last, or removed (now on failure, at the next start after a crash).
 */
export function createTimesheetImport(
  ctx: ServiceContext,
  deps: { firms: FirmsService; timesheets: TimesheetsService },
) {
  const imports = createTimeEntryImportsRepository(ctx.db);
  const reader = createValidatedFileReader();

  async function removeBatch(batchId: string): Promise<void> {
    while (!imports.removeSlice(batchId, 5_000)) await yieldToEventLoop();
  }
  // A batch still pending here was cut by a crash or a kill: its slices never became an import.
  for (const batchId of imports.pendingBatches()) while (!imports.removeSlice(batchId, 50_000));

  async function check(firmId: string, content: ImportContent, options: TimesheetImportOptions, fileName: string) {
    const { includeDuplicates = false, ...validation } = options;
    const firm = deps.firms.get(firmId);
    const clock = createWallClock(firm.profile.timeZone);
    const file = await reader.read(content, firm.profile.timeZone, validation);
    const lockErrors: ImportLineError[] = [];
    let errorCount = file.errorCount;
    const entries: ImportedEntry[] = [];
    if (file.headerOk) {
      /** Month → why it is locked (null: open); the firm and its locks are read once per month, not per line. */
      const locks = new Map<string, string | null>();
      await inSlices(file.entries, (entry) => {
        const month = clock.monthAt(entry.startedAt);
        let locked = locks.get(month);
        if (locked === undefined) {
          try {
            deps.timesheets.assertUnlocked(firmId, entry.startedAt);
            locked = null;
          } catch (error) {
            locked = (error as Error).message;
          }
          locks.set(month, locked);
        }
        if (!locked) return void entries.push(entry);
        errorCount += 1;
        if (lockErrors.length < REPORTED_LINES) lockErrors.push({ line: entry.line, column: 'date', message: locked });
      });
    }
    const errors = [...file.errors, ...lockErrors].sort((a, b) => a.line - b.line).slice(0, REPORTED_LINES);
    if (file.headerOk && file.entries.length === 0 && errorCount === 0) {
      errors.push({ line: 1, column: '', message: 'Le fichier ne contient aucune ligne' });
      errorCount = 1;
    }
    // Duplicates: the firm's stored entries over the file's period, read by pages, against each line.
    const stored = new Set<string>();
    if (errorCount === 0 && entries.length > 0) {
      let [from, to] = [Infinity, -Infinity];
      for (const e of entries) [from, to] = [Math.min(from, e.startedAt), Math.max(to, e.startedAt)];
      for (let after: [number, number] | null = [from, 0]; after; await yieldToEventLoop())
        after = imports.signaturesPage(firmId, after, to, stored);
    }
    const duplicate: boolean[] = new Array<boolean>(entries.length);
    const duplicateLines: number[] = [];
    let duplicates = 0;
    await inSlices(entries, (entry, i) => {
      duplicate[i] = stored.has(entrySignature(entry));
      if (!duplicate[i]) return;
      duplicates += 1;
      if (duplicateLines.length < REPORTED_LINES) duplicateLines.push(entry.line);
    });
    const report: ImportReport = {
      fileName,
      encoding: file.encoding,
      header: file.header,
      mapping: file.mapping as Record<string, number>,
      rows: file.rows,
      errors,
      errorCount,
      duplicates,
      duplicateLines,
      includeDuplicates,
      toImport: errorCount > 0 ? 0 : includeDuplicates ? entries.length : entries.length - duplicates,
      imported: 0,
      preview: entries.slice(0, PREVIEW_ROWS).map((e, i) => ({
        line: e.line,
        taskType: e.taskType,
        startedAt: e.startedAt,
        durationSeconds: e.durationSeconds,
        quantity: e.quantity,
        label: e.label,
        duplicate: duplicate[i]!,
      })),
    };
    const chosen = includeDuplicates ? entries : entries.filter((_, i) => !duplicate[i]);
    return { report, entries: chosen };
  }

  /** Writes the entries in short transactions sized to SLICE_MS; nothing stays if any slice fails. */
  async function write(firmId: string, fileName: string, unordered: readonly ImportedEntry[]): Promise<void> {
    const entries = await byDay(unordered);
    const now = ctx.now();
    const by = deps.timesheets.who();
    const batchId = ctx.newId();
    imports.startBatch(batchId, firmId, fileName, now, by);
    try {
      let written = 0;
      for (let at = 0; at < entries.length;) {
        const slice: TimeEntry[] = entries.slice(at, (at += WRITE_SLICE_ROWS)).map((e) => ({
          // The batch and a counter: unique, opaque like any id, and ascending, so the inserts go to the end of the
          // id indexes instead of splitting pages all over them (random UUIDs made writes 3 times slower).
          id: `${batchId}-${String((written += 1)).padStart(6, '0')}`,
          firmId,
          source: 'import',
          callId: null,
          taskType: e.taskType,
          startedAt: e.startedAt,
          durationSeconds: e.durationSeconds,
          afterCallSeconds: 0,
          quantity: e.quantity,
          billable: e.billable,
          urgent: e.urgent,
          label: e.label,
          note: e.note,
          importBatchId: batchId,
          createdAt: now,
          updatedAt: now,
        }));
        imports.insertSlice(slice, now, by);
        await yieldToEventLoop();
      }
      imports.finishBatch(batchId, entries.length);
    } catch (error) {
      await removeBatch(batchId);
      throw error;
    }
  }

  /**
   * The entries in day order (within a day, in file order): the started_at indexes and the table then grow at a few
   * places per slice instead of one page per row, which made each commit write megabytes. A bucket per day, in
   * slices, rather than one long sort.
   */
  async function byDay(entries: readonly ImportedEntry[]): Promise<ImportedEntry[]> {
    const days = new Map<number, ImportedEntry[]>();
    await inSlices(entries, (entry) => {
      const day = Math.floor(entry.startedAt / 86_400_000);
      const bucket = days.get(day);
      if (bucket) bucket.push(entry);
      else days.set(day, [entry]);
    });
    const ordered: ImportedEntry[] = [];
    for (const day of [...days.keys()].sort((a, b) => a - b)) {
      for (const entry of days.get(day)!) ordered.push(entry);
      if (ordered.length % 20_000 < days.get(day)!.length) await yieldToEventLoop();
    }
    return ordered;
  }

  return {
    async preview(
      firmId: string,
      content: ImportContent,
      options: TimesheetImportOptions = {},
      fileName = '',
    ): Promise<ImportReport> {
      return (await check(firmId, content, options, fileName)).report;
    },
    /** Writes every entry or none; a file with any bad line is refused with the line-by-line report. */
    async run(
      firmId: string,
      content: ImportContent,
      options: TimesheetImportOptions = {},
      fileName = '',
    ): Promise<ImportReport> {
      const { report, entries } = await check(firmId, content, options, fileName);
      if (report.errorCount > 0 || entries.length === 0) return report;
      await write(firmId, fileName, entries);
      reader.forget();
      ctx.emit('timesheets:changed', { firmIds: [firmId] });
      return { ...report, imported: entries.length };
    },
  };
}
export type TimesheetImport = ReturnType<typeof createTimesheetImport>;
