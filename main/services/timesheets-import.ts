import { parse } from 'csv-parse/sync';
import { PermanenceError } from '../../shared/api';
import type { TaskType } from '../../shared/domain/billing';
import type { FileEncoding } from '../../shared/domain/file-encoding';
import type { TimeEntry } from '../../shared/domain/timesheet';
import { validateImport, type ImportLineError, type ImportOptions } from '../../shared/domain/timesheet-import';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import { decodeImport, type ImportContent } from './import-file';
import type { TimesheetsService } from './timesheets';

export interface ImportReport {
  fileName: string;
  /** How the file's bytes were read. */
  encoding: FileEncoding;
  header: string[];
  /** Column index per recognised field. */
  mapping: Record<string, number>;
  rows: number;
  errors: ImportLineError[];
  /** Entries written (0 on a preview or when any line is wrong: the import is all-or-nothing). */
  imported: number;
  preview: Array<{
    line: number;
    taskType: TaskType;
    startedAt: number;
    durationSeconds: number;
    quantity: number;
    label: string;
  }>;
}

/** Her spreadsheet may be saved with ';' (Excel FR), ',' or tabs; the header line tells. */
function detectDelimiter(content: string): string {
  const firstLine = content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export function parseCsvRows(content: string): string[][] {
  try {
    return parse(content, {
      bom: true,
      delimiter: detectDelimiter(content),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new PermanenceError('VALIDATION', `Fichier CSV illisible : ${(error as Error).message}`);
  }
}

/** CSV import of past entries: validated line by line, written all-or-nothing in one transaction. */
export function createTimesheetImport(
  ctx: ServiceContext,
  deps: { firms: FirmsService; timesheets: TimesheetsService },
) {
  const repo = deps.timesheets.repository;

  function check(firmId: string, content: ImportContent, options: ImportOptions, fileName: string) {
    const firm = deps.firms.get(firmId);
    const { text, encoding } = decodeImport(content);
    const rows = parseCsvRows(text);
    const validation = validateImport(rows, firm.profile.timeZone, options);
    const errors = [...validation.errors];
    for (const entry of validation.entries) {
      try {
        deps.timesheets.assertUnlocked(firmId, entry.startedAt);
      } catch (error) {
        errors.push({ line: entry.line, column: 'date', message: (error as Error).message });
      }
    }
    errors.sort((a, b) => a.line - b.line);
    const report: ImportReport = {
      fileName,
      encoding,
      header: validation.header,
      mapping: validation.mapping as Record<string, number>,
      rows: Math.max(0, rows.length - 1),
      errors,
      imported: 0,
      preview: validation.entries.slice(0, 50).map((e) => ({
        line: e.line,
        taskType: e.taskType,
        startedAt: e.startedAt,
        durationSeconds: e.durationSeconds,
        quantity: e.quantity,
        label: e.label,
      })),
    };
    return { report, entries: validation.entries };
  }

  return {
    preview(firmId: string, content: ImportContent, options: ImportOptions = {}, fileName = ''): ImportReport {
      return check(firmId, content, options, fileName).report;
    },
    /** Writes every entry or none; a file with any bad line is refused with the line-by-line report. */
    run(firmId: string, content: ImportContent, options: ImportOptions = {}, fileName = ''): ImportReport {
      const { report, entries } = check(firmId, content, options, fileName);
      if (report.errors.length > 0) return report;
      const now = ctx.now();
      const by = deps.timesheets.who();
      const batchId = ctx.newId();
      ctx.db.transaction(() => {
        repo.insertBatch(batchId, firmId, fileName, now, by, entries.length);
        for (const e of entries) {
          const entry: TimeEntry = {
            id: ctx.newId(),
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
          };
          repo.insert(entry);
          repo.audit({ entryId: entry.id, firmId, action: 'import', at: now, by, before: null, after: entry });
        }
      })();
      ctx.emit('timesheets:changed', { firmIds: [firmId] });
      return { ...report, imported: entries.length };
    },
  };
}
export type TimesheetImport = ReturnType<typeof createTimesheetImport>;
