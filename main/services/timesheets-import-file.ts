import { createHash } from 'node:crypto';
import { PermanenceError } from '../../shared/api';
import type { FileEncoding } from '../../shared/domain/file-encoding';
import { LIMITS } from '../../shared/domain/limits';
import {
  createImportValidator,
  type ColumnMapping,
  type ImportedEntry,
  type ImportLineError,
  type ImportOptions,
} from '../../shared/domain/timesheet-import';
import { decodeImportInSlices, type ImportContent } from './import-file';
import { inSlices, parseCsvInSlices, yieldToEventLoop } from './import-slices';

/** The report lists this many line errors and duplicate lines; the counts are always complete. */
export const REPORTED_LINES = 200;

/** A time-entry file read and validated line by line; nothing here depends on what the store holds. */
export interface ValidatedFile {
  encoding: FileEncoding;
  header: string[];
  mapping: ColumnMapping;
  /** Data lines in the file. */
  rows: number;
  /** True when the header maps a date and a duration (or start and end times): lines were then checked. */
  headerOk: boolean;
  entries: ImportedEntry[];
  /** The first REPORTED_LINES errors in line order; `errorCount` counts them all. */
  errors: ImportLineError[];
  errorCount: number;
}

async function digest(content: ImportContent): Promise<string> {
  const hash = createHash('sha256');
  const size = 1 << 20;
  for (let at = 0; at < content.length; at += size) {
    hash.update(content.slice(at, at + size));
    if (content.length > size) await yieldToEventLoop();
  }
  return `${typeof content}:${hash.digest('hex')}`;
}

/**
 * Reads and validates a file in slices. The last file read is kept (one at most): « Importer » after the preview
 * of the same file, mapping and zone then skips decoding, parsing and validating again, half of a 200,000-line
 * import. Locks and duplicates depend on the store and are checked by the caller every time.
 */
export function createValidatedFileReader() {
  let last: { key: string; file: ValidatedFile } | null = null;
  return {
    async read(content: ImportContent, timeZone: string, options: ImportOptions): Promise<ValidatedFile> {
      const key = `${await digest(content)}|${timeZone}|${JSON.stringify(options)}`;
      if (last?.key === key) return last.file;
      last = null;
      const file = await readAndValidate(content, timeZone, options);
      last = { key, file };
      return file;
    },
    forget(): void {
      last = null;
    },
  };
}

async function readAndValidate(content: ImportContent, timeZone: string, options: ImportOptions) {
  const { text, encoding } = await decodeImportInSlices(content, yieldToEventLoop);
  const records = await parseCsvInSlices(text);
  if (records.length - 1 > LIMITS.importFileLines) {
    throw new PermanenceError(
      'VALIDATION',
      `Le fichier dépasse ${LIMITS.importFileLines.toLocaleString('fr-FR')} lignes ; découpez-le.`,
    );
  }
  const validator = createImportValidator(records[0] ?? [], timeZone, options);
  const file: ValidatedFile = {
    encoding,
    header: validator.header,
    mapping: validator.mapping,
    rows: Math.max(0, records.length - 1),
    headerOk: validator.headerErrors.length === 0,
    entries: [],
    errors: validator.headerErrors.slice(),
    errorCount: validator.headerErrors.length,
  };
  if (!file.headerOk) return file;
  await inSlices(records, (row, index) => {
    if (index === 0) return;
    const result = validator.validateRow(row, index + 1);
    if (!result) return;
    if (result.entry) return void file.entries.push(result.entry);
    file.errorCount += result.errors.length;
    for (const error of result.errors) if (file.errors.length < REPORTED_LINES) file.errors.push(error);
  });
  return file;
}
