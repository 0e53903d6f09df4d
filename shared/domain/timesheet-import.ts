import { z } from 'zod';
import { TASK_TYPES, type TaskType } from './billing/billing-settings';
import {
  normalise,
  parseBoolean,
  parseDate,
  parseDuration,
  parseOffset,
  parseTaskType,
  parseTime,
} from './timesheet-import-cells';
import { createWallClock, wallClockElapsed, type LocalResolution } from './wall-clock';

export { parseBoolean, parseDate, parseDuration, parseOffset, parseTaskType, parseTime };

/**
 * Import of past time entries from a CSV file: her own spreadsheet, or a Toggl, Kimai or Clockify export.
 * Pure: the caller parses the CSV into rows of strings; this module maps columns, reads French and ISO dates,
 * durations (hh:mm, hh:mm:ss, decimal hours with a comma or a point) and reports every bad line. The import
 * is all-or-nothing: one bad line and nothing is written. Columns are documented in docs/timesheets.md.
 */

export const IMPORT_FIELDS = [
  'date',
  'time',
  'endTime',
  'duration',
  'taskType',
  'quantity',
  'billable',
  'urgent',
  'label',
  'note',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Field → column index in the file (0-based). */
export type ColumnMapping = Partial<Record<ImportField, number>>;
/** As chosen in the app: null means "ignore this field" (not guessed from the header). */
export type ColumnMappingInput = Partial<Record<ImportField, number | null>>;

export const importOptionsSchema = z.object({
  /** Explicit mapping; fields left out are guessed from the header, fields set to null are ignored. */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().nonnegative().nullable()).default({}),
  /** Used when a row has no task type column or an empty cell. */
  defaultTaskType: z.enum(TASK_TYPES).default('other'),
  /** Start time when the file only has dates. */
  defaultTime: z
    .string()
    .regex(/^\d{1,2}:\d{2}$/)
    .default('09:00'),
});
export type ImportOptions = z.input<typeof importOptionsSchema>;

/** Header names recognised per field (accents, case and punctuation ignored). Order matters: first match wins. */
const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  date: ['date', 'jour', 'start date', 'date de debut', 'debut date', 'day'],
  time: ['heure', 'heure de debut', 'debut', 'start time', 'from', 'de', 'start'],
  endTime: ['heure de fin', 'fin', 'end time', 'to', 'a', 'end'],
  duration: [
    'duree',
    'duree h',
    'duree heures',
    'duration',
    'duration h',
    'duration decimal',
    'temps',
    'heures',
    'hours',
    'time h',
  ],
  taskType: ['type', 'tache', 'type de tache', 'activite', 'activity', 'task', 'categorie', 'tags', 'tag'],
  quantity: ['quantite', 'qte', 'nombre', 'pages', 'quantity', 'qty'],
  billable: ['facturable', 'billable', 'facture'],
  urgent: ['urgent', 'urgence'],
  label: ['objet', 'libelle', 'description', 'appelant', 'client', 'sujet', 'title'],
  note: ['note', 'notes', 'commentaire', 'commentaires', 'remarque', 'comment'],
};

/** Guesses the mapping from a header row; explicit entries win. */
export function guessMapping(header: readonly string[], explicit: ColumnMappingInput = {}): ColumnMapping {
  const names = header.map(normalise);
  const mapping: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const index = explicit[field];
    if (index !== undefined && index !== null) mapping[field] = index;
  }
  const used = new Set(Object.values(mapping));
  for (const field of IMPORT_FIELDS) {
    if (field in explicit) continue;
    for (const synonym of HEADER_SYNONYMS[field]) {
      const index = names.findIndex((n, i) => n === synonym && !used.has(i));
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}

export interface ImportedEntry {
  line: number;
  taskType: TaskType;
  startedAt: number;
  durationSeconds: number;
  quantity: number;
  billable: boolean;
  urgent: boolean;
  label: string;
  note: string;
}

export interface ImportLineError {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  column: string;
  message: string;
}

export interface ImportValidation {
  mapping: ColumnMapping;
  header: string[];
  entries: ImportedEntry[];
  errors: ImportLineError[];
}

const FR_DATE = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Why a wall-clock time cannot be placed on the time line, and what she can write instead. */
function dstProblem(
  problem: Exclude<LocalResolution['kind'], 'ok'>,
  which: 'start' | 'end',
  date: string,
  time: string,
  timeZone: string,
): string {
  const hhmm = time.slice(0, 5);
  const ask =
    which === 'start'
      ? `indiquez l’heure avec son décalage UTC (ex. ${hhmm}+01:00)`
      : `indiquez plutôt la durée, ou l’heure de fin avec son décalage UTC (ex. ${hhmm}+01:00)`;
  const what = which === 'start' ? 'Heure de début' : 'Heure de fin';
  if (problem === 'gap')
    return `${what} « ${hhmm} » inexistante le ${FR_DATE(date)} à ${timeZone} (passage à l’heure d’été) : ${ask}`;
  if (problem === 'overlap')
    return `${what} « ${hhmm} » ambiguë le ${FR_DATE(date)} à ${timeZone} (elle existe deux fois au passage à l’heure d’hiver) : ${ask}`;
  return `${what} invalide le ${FR_DATE(date)} à ${timeZone}`;
}

export type ImportRowResult = { entry: ImportedEntry; errors?: never } | { entry?: never; errors: ImportLineError[] };

/**
 * The validator for one file: mapping from its header, then one call per data row, so a caller can validate a
 * large file in slices and yield between them. Dates and times are wall-clock time in the firm's zone (through a
 * per-day offset cache: luxon per line was 20 s for 200,000 lines); a time with an explicit offset is taken as is.
 */
export function createImportValidator(headerRow: readonly string[], timeZone: string, options: ImportOptions = {}) {
  const opts = importOptionsSchema.parse(options);
  const header = headerRow.map((h) => h.replace(/^\uFEFF/, '').trim());
  const mapping = guessMapping(header, opts.mapping);
  const clock = createWallClock(timeZone);
  const headerErrors: ImportLineError[] = [];
  if (mapping.date === undefined)
    headerErrors.push({ line: 1, column: 'date', message: 'Aucune colonne de date reconnue' });
  if (mapping.duration === undefined && (mapping.time === undefined || mapping.endTime === undefined)) {
    headerErrors.push({
      line: 1,
      column: 'duration',
      message: 'Aucune colonne de durée (ni heures de début et de fin) reconnue',
    });
  }
  const defaultTime = `${opts.defaultTime.padStart(5, '0')}:00`;
  const cell = (row: readonly string[], field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  const columnOf = (field: ImportField, fallback: string) => header[mapping[field] ?? -1] ?? fallback;
  // A file repeats a handful of task words and yes/no values: read each once (accent folding is not free).
  const taskTypes = new Map<string, TaskType | null>();
  const taskTypeOf = (text: string) => {
    if (!taskTypes.has(text)) taskTypes.set(text, parseTaskType(text));
    return taskTypes.get(text)!;
  };
  const booleans = new Map<string, boolean | null>();
  const booleanOf = (text: string) => {
    if (!booleans.has(text)) booleans.set(text, parseBoolean(text));
    return booleans.get(text)!;
  };

  /** Null for a blank row (skipped). */
  function validateRow(row: readonly string[], line: number): ImportRowResult | null {
    if (row.every((c) => c.trim() === '')) return null;
    const errors: ImportLineError[] = [];
    const fail = (column: string, message: string) => errors.push({ line, column, message });

    const dateCell = cell(row, 'date');
    const date = parseDate(dateCell);
    if (!date) fail(columnOf('date', 'date'), `Date illisible : « ${dateCell} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)`);
    const timeCell = cell(row, 'time') || (/[ T]\d/.test(dateCell) ? dateCell : '');
    const time = timeCell ? parseTime(timeCell) : defaultTime;
    const offset = timeCell ? parseOffset(timeCell) : null;
    if (!time) fail(columnOf('time', 'heure'), `Heure illisible : « ${timeCell} » (attendu HH:MM)`);

    let duration: number | null = null;
    let startedAt: number | null = null;
    const durationCell = cell(row, 'duration');
    if (mapping.duration !== undefined && durationCell !== '') {
      duration = parseDuration(durationCell);
      if (duration === null) {
        fail(
          columnOf('duration', 'durée'),
          `Durée illisible : « ${durationCell} » (attendu HH:MM, HH:MM:SS ou heures décimales comme 1,5)`,
        );
      }
    } else if (mapping.endTime !== undefined && time) {
      const endCell = cell(row, 'endTime');
      const end = parseTime(endCell);
      if (!end) fail(columnOf('endTime', 'fin'), `Heure de fin illisible : « ${endCell} »`);
      else if (date) {
        // Real elapsed time between two wall-clock readings: 01:30 → 03:30 on a spring-forward night is 1 h.
        const elapsed = wallClockElapsed(clock, date, { time, offset }, { time: end, offset: parseOffset(endCell) });
        if (elapsed.kind === 'ok') {
          duration = elapsed.seconds;
          startedAt = elapsed.startMs;
        } else if (elapsed.kind === 'start') {
          fail(columnOf('time', 'heure'), dstProblem(elapsed.problem, 'start', date, time, timeZone));
        } else {
          fail(columnOf('endTime', 'fin'), dstProblem(elapsed.problem, 'end', date, end, timeZone));
        }
      }
    } else {
      fail(columnOf('duration', 'durée'), 'Durée manquante');
    }
    if (duration !== null && duration > 24 * 3600) fail(columnOf('duration', 'durée'), 'Durée de plus de 24 heures');

    const typeCell = cell(row, 'taskType');
    const taskType = typeCell === '' ? opts.defaultTaskType : taskTypeOf(typeCell);
    if (!taskType) fail(columnOf('taskType', 'type'), `Type de tâche inconnu : « ${typeCell} »`);

    const quantityCell = cell(row, 'quantity');
    let quantity = 1;
    if (quantityCell !== '') {
      if (/^\d{1,6}$/.test(quantityCell)) quantity = Number(quantityCell);
      else fail(columnOf('quantity', 'quantité'), `Quantité illisible : « ${quantityCell} » (nombre entier attendu)`);
    }
    const billableCell = cell(row, 'billable');
    const billable = mapping.billable === undefined || billableCell === '' ? true : booleanOf(billableCell);
    if (billable === null) fail(columnOf('billable', 'facturable'), `Valeur illisible : « ${billableCell} » (oui/non)`);
    const urgent = booleanOf(cell(row, 'urgent'));
    if (urgent === null) fail(columnOf('urgent', 'urgent'), `Valeur illisible : « ${cell(row, 'urgent')} » (oui/non)`);
    const label = cell(row, 'label');
    const note = cell(row, 'note');
    if (label.length > 200) fail(columnOf('label', 'objet'), 'Objet trop long (200 caractères au plus)');
    if (note.length > 2000) fail(columnOf('note', 'note'), 'Note trop longue (2000 caractères au plus)');

    if (date && time && startedAt === null && errors.length === 0) {
      const start = clock.resolve(date, time, offset);
      if (start.kind === 'ok') startedAt = start.ms;
      else fail(columnOf('time', 'heure'), dstProblem(start.kind, 'start', date, time, timeZone));
    }
    if (
      errors.length > 0 ||
      startedAt === null ||
      duration === null ||
      !taskType ||
      billable === null ||
      urgent === null
    ) {
      return { errors };
    }
    return {
      entry: { line, taskType, startedAt, durationSeconds: duration, quantity, billable, urgent, label, note },
    };
  }

  return { header, mapping, headerErrors, validateRow };
}

/**
 * Validates every data row (rows[0] is the header). Dates and times are read as wall-clock time in the firm's
 * zone. A row's duration comes from the duration column, or from its start and end times.
 */
export function validateImport(
  rows: readonly string[][],
  timeZone: string,
  options: ImportOptions = {},
): ImportValidation {
  const { header, mapping, headerErrors, validateRow } = createImportValidator(rows[0] ?? [], timeZone, options);
  const errors: ImportLineError[] = [...headerErrors];
  const entries: ImportedEntry[] = [];
  if (errors.length > 0) return { mapping, header, entries, errors };
  for (let i = 1; i < rows.length; i += 1) {
    const result = validateRow(rows[i]!, i + 1);
    if (result?.entry) entries.push(result.entry);
    else if (result) errors.push(...result.errors);
  }
  if (entries.length === 0 && errors.length === 0)
    errors.push({ line: 1, column: '', message: 'Le fichier ne contient aucune ligne' });
  return { mapping, header, entries, errors };
}
