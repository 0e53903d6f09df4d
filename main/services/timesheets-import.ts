import type { TimeEntry } from '../../shared/domain/timesheet';
import { storeKeyOf } from '../store/cipher';
import { createTimeEntryImportsRepository } from '../store/repositories/time-entry-imports';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import type { ImportContent } from './import-file';
import { yieldToEventLoop } from './import-slices';
import { createImportsWorker } from './imports-worker/client';
import { entriesAt, type EntryColumns } from './imports-worker/columns';
import {
  createImportChecks,
  type CheckedFile,
  type ImportJob,
  type ImportReport,
  type TimesheetImportOptions,
} from './imports-worker/job';
import type { TimesheetsService } from './timesheets';

export type { ImportReport, TimesheetImportOptions } from './imports-worker/job';

/**
 * Entries per write transaction: each commit is an fsync (synchronous = FULL), so slices sized by time alone
 * shrink to a few rows on a busy disk and the import never ends; 500 rows is about 5 ms of work on an idle machine.
 */
const WRITE_SLICE_ROWS = 500;
/**
 * Slices between two checkpoints of the WAL by the worker during an import: the main connection's commit that
 * finds the WAL over 1,000 pages checkpoints it itself, writing and syncing the store file on the main thread
 * (blocks of 100 ms and more on a busy disk). 2 slices are a few hundred pages.
 */
const CHECKPOINT_SLICES = 2;

/**
 * CSV import of past entries: read, checked line by line (locked months, duplicates of stored entries) and
 * written all-or-nothing. Reading and checking run in a worker thread over its own connection to the store file
 * (imports-worker/), so a 200,000-line file never holds the main thread; the main thread gives it what the store
 * file does not say (the firm's zone, the messages of its locked months) and writes what it returns, in short
 * transactions with yields between them under a pending batch that is finished last, or removed (now on
 * failure, at the next start after a crash). Calls and drafts are served meanwhile. A store in memory (no file
 * to share) is checked here, in slices with yields between them.
 */
export function createTimesheetImport(
  ctx: ServiceContext,
  deps: { firms: FirmsService; timesheets: TimesheetsService; nativeBinding?: string; workerBundle?: string },
) {
  const imports = createTimeEntryImportsRepository(ctx.db);
  // A batch still pending here was cut by a crash or a kill: its slices never became an import.
  for (const batchId of imports.pendingBatches()) while (!imports.removeSlice(batchId, 50_000));

  const checker: {
    check: (job: ImportJob) => Promise<CheckedFile>;
    checkpoint?: () => Promise<void>;
    stop?: () => Promise<void>;
  } = ctx.db.memory
    ? ((checks) => ({ check: (job: ImportJob) => checks.check(ctx.db, job) }))(createImportChecks())
    : createImportsWorker(
        {
          file: ctx.db.name,
          ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
          ...(storeKeyOf(ctx.db) ? { keyHex: storeKeyOf(ctx.db)!.toString('hex') } : {}),
        },
        deps.workerBundle,
      );

  /** Locked month → the message of a line in it, from the timesheets service (the same as a manual entry's). */
  function lockedMonths(firmId: string): Record<string, string> {
    const messages: Record<string, string> = {};
    for (const month of imports.lockedMonths(firmId)) {
      const [year, monthNumber] = month.split('-').map(Number);
      try {
        // The 15th at noon UTC is inside that month in every time zone.
        deps.timesheets.assertUnlocked(firmId, Date.UTC(year!, monthNumber! - 1, 15, 12));
      } catch (error) {
        messages[month] = (error as Error).message;
      }
    }
    return messages;
  }

  function check(
    kind: ImportJob['kind'],
    firmId: string,
    content: ImportContent,
    options: TimesheetImportOptions,
    fileName: string,
  ) {
    const { timeZone } = deps.firms.get(firmId).profile;
    return checker.check({ kind, firmId, timeZone, lockedMonths: lockedMonths(firmId), content, options, fileName });
  }

  async function removeBatch(batchId: string): Promise<void> {
    while (!imports.removeSlice(batchId, 5_000)) await yieldToEventLoop();
  }

  /** Writes the entries in transactions of WRITE_SLICE_ROWS; nothing stays if any of them fails. */
  async function write(firmId: string, fileName: string, rows: EntryColumns): Promise<void> {
    const now = ctx.now();
    const by = deps.timesheets.who();
    const batchId = ctx.newId();
    imports.startBatch(batchId, firmId, fileName, now, by);
    let checkpointing: Promise<void> | null = null;
    try {
      let written = 0;
      for (let at = 0, slices = 0; at < rows.count; slices += 1) {
        if (checker.checkpoint && !checkpointing && slices % CHECKPOINT_SLICES === 0)
          checkpointing = checker
            .checkpoint()
            .catch(() => undefined) // a checkpoint left undone is the main connection's to do, as without a worker
            .finally(() => (checkpointing = null));
        const slice: TimeEntry[] = entriesAt(rows, at, (at += WRITE_SLICE_ROWS)).map((e) => ({
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
      await checkpointing;
      imports.finishBatch(batchId, rows.count);
    } catch (error) {
      await removeBatch(batchId);
      throw error;
    }
  }

  return {
    async preview(
      firmId: string,
      content: ImportContent,
      options: TimesheetImportOptions = {},
      fileName = '',
    ): Promise<ImportReport> {
      return (await check('preview', firmId, content, options, fileName)).report;
    },
    /** Writes every entry or none; a file with any bad line is refused with the line-by-line report. */
    async run(
      firmId: string,
      content: ImportContent,
      options: TimesheetImportOptions = {},
      fileName = '',
    ): Promise<ImportReport> {
      const { report, rows } = await check('run', firmId, content, options, fileName);
      if (!rows) return report;
      await write(firmId, fileName, rows);
      ctx.emit('timesheets:changed', { firmIds: [firmId] });
      return { ...report, imported: rows.count };
    },
    /**
     * Stops the worker thread and its connection to the store file (a store about to be replaced by a restore);
     * a check still running fails, the next one starts a worker again.
     */
    async stop(): Promise<void> {
      await checker.stop?.();
    },
  };
}
export type TimesheetImport = ReturnType<typeof createTimesheetImport>;
