import type { TaskType } from '../../../shared/domain/billing';
import type { FileEncoding } from '../../../shared/domain/file-encoding';
import type { ImportedEntry, ImportLineError, ImportOptions } from '../../../shared/domain/timesheet-import';
import { createWallClock } from '../../../shared/domain/wall-clock';
import type { Db } from '../../store/open';
import { createTimeEntryImportsRepository, entrySignature } from '../../store/repositories/time-entry-imports';
import type { ImportContent } from '../import-file';
import { toColumns, type EntryColumns } from './columns';
import { inSlices, yieldToEventLoop } from '../import-slices';
import { createValidatedFileReader, REPORTED_LINES } from '../timesheets-import-file';

const PREVIEW_ROWS = 50;

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

/** One preview or import, as the main thread asks it: everything that is not in the store file comes with it. */
export interface ImportJob {
  kind: 'preview' | 'run';
  firmId: string;
  timeZone: string;
  /** The firm's locked months ('yyyy-MM') and the message a line in one of them gets; other months are open. */
  lockedMonths: Record<string, string>;
  content: ImportContent;
  options: TimesheetImportOptions;
  fileName: string;
}

export interface CheckedFile {
  report: ImportReport;
  /** What a run writes; null for a preview or a file that cannot be imported. */
  rows: EntryColumns | null;
}

/**
 * The reading side of a time-entry CSV import, over one connection: the file decoded, parsed and checked line by
 * line (locked months, duplicates of stored entries). It runs in the imports worker (see client.ts), so none of
 * it holds the main thread; the yields between slices keep it usable on the main thread too. It only reads the
 * store: the main connection writes (timesheets-import.ts), since a second writer would make the main thread's
 * transactions fail with SQLITE_BUSY or wait on its locks.
 */
export function createImportChecks() {
  const reader = createValidatedFileReader();

  async function check(db: Db, job: ImportJob) {
    const imports = createTimeEntryImportsRepository(db);
    const { includeDuplicates = false, ...validation } = job.options;
    const clock = createWallClock(job.timeZone);
    const file = await reader.read(job.content, job.timeZone, validation);
    const lockErrors: ImportLineError[] = [];
    let errorCount = file.errorCount;
    const entries: ImportedEntry[] = [];
    if (file.headerOk) {
      await inSlices(file.entries, (entry) => {
        const locked = job.lockedMonths[clock.monthAt(entry.startedAt)];
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
        after = imports.signaturesPage(job.firmId, after, to, stored);
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
      fileName: job.fileName,
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

  /**
   * The entries in day order (within a day, in file order): the started_at indexes and the table then grow at a few
   * places per slice instead of one page per row, which made each commit write megabytes.
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
    /**
     * A preview's report, or a run's with the entries to write (in day order) when every line is right: the
     * import is all-or-nothing, so a file with any bad line gets its report only.
     */
    async check(db: Db, job: ImportJob): Promise<CheckedFile> {
      const { report, entries } = await check(db, job);
      if (job.kind === 'preview' || report.errorCount > 0 || entries.length === 0) return { report, rows: null };
      reader.forget();
      return { report, rows: toColumns(await byDay(entries)) };
    },
  };
}
