import { DateTime } from 'luxon';
import { z } from 'zod';
import { TASK_TYPES, type TaskType } from './billing/billing-settings';
import { foldAccents } from './text';

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

const normalise = (s: string) =>
  foldAccents(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

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

/**
 * Seconds from a duration cell: '1:30' (hh:mm), '1:30:15' (hh:mm:ss), '1,5' or '1.5' (decimal hours),
 * '1h30', '45 min'. Null when unreadable.
 */
export function parseDuration(raw: string): number | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (s === '') return null;
  let m = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60;
  m = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(s);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  m = /^(\d{1,3})h(?:([0-5]?\d)(?:min|m)?)?$/.exec(s);
  if (m) return Number(m[1]) * 3600 + Number(m[2] ?? 0) * 60;
  m = /^(\d{1,4})(?:min|mn|m)$/.exec(s);
  if (m) return Number(m[1]) * 60;
  m = /^(\d{1,3})(?:[.,](\d{1,6}))?$/.exec(s);
  if (m) {
    // Decimal hours, exact to the second: integer arithmetic on the digits avoids 0.1-style float errors.
    const fraction = m[2] ?? '';
    const scale = 10 ** fraction.length;
    const hundredths = Number(m[1]) * scale + Number(fraction || 0);
    return Math.round((hundredths * 3600) / scale);
  }
  return null;
}

/** 'YYYY-MM-DD' from '03/11/2026', '3/11/26', '2026-11-03', '03.11.2026', '2026-11-03T09:15:00'. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T].*)?$/.exec(s);
  let iso: string | null = null;
  if (m) {
    const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
    iso = `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  } else {
    m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(s);
    if (m) iso = `${m[1]}-${m[2]}-${m[3]}`;
  }
  if (!iso) return null;
  return DateTime.fromISO(iso).isValid ? iso : null;
}

/** 'HH:mm:ss' from '9:05', '09:05:30', '9h05', or the time part of an ISO or French date-time. */
export function parseTime(raw: string): string | null {
  const s = raw.trim().toLowerCase();
  const m =
    /(?:^|[ T])(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?$/.exec(s) ??
    /^(\d{1,2})[:h](\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) return null;
  const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

const TASK_TYPE_WORDS: Array<[TaskType, string[]]> = [
  ['outgoing-call', ['appel sortant', 'appels sortants', 'outgoing call', 'rappel']],
  ['call', ['appel', 'appels', 'appel traite', 'call', 'telephone', 'permanence telephonique']],
  ['message', ['message', 'messages', 'message pris']],
  ['appointment', ['rdv', 'prise de rdv', 'rendez vous', 'prise de rendez vous', 'appointment']],
  ['mail', ['courrier', 'courriers', 'mail', 'e mail', 'email', 'correspondance']],
  ['typing-page', ['frappe', 'page frappee', 'pages frappees', 'dactylographie', 'typing']],
  ['data-entry', ['saisie', 'saisies', 'data entry']],
  ['filing', ['classement', 'archivage', 'filing']],
  ['reminder', ['relance', 'relances', 'reminder', 'reminders']],
  ['admin', ['demarches', 'demarches administratives', 'administratif', 'admin']],
  ['other', ['autre', 'autres', 'divers', 'other']],
];

export function parseTaskType(raw: string): TaskType | null {
  const s = normalise(raw);
  if ((TASK_TYPES as readonly string[]).includes(raw.trim())) return raw.trim() as TaskType;
  for (const [type, words] of TASK_TYPE_WORDS) if (words.includes(s)) return type;
  return null;
}

export function parseBoolean(raw: string): boolean | null {
  const s = normalise(raw);
  if (['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x'].includes(s)) return true;
  if (['non', 'n', 'no', 'false', 'faux', '0', ''].includes(s)) return false;
  return null;
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

/**
 * Validates every data row (rows[0] is the header). Dates and times are read as wall-clock time in the firm's
 * zone. A row's duration comes from the duration column, or from its start and end times.
 */
export function validateImport(
  rows: readonly string[][],
  timeZone: string,
  options: ImportOptions = {},
): ImportValidation {
  const opts = importOptionsSchema.parse(options);
  const header = (rows[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
  const mapping = guessMapping(header, opts.mapping);
  const errors: ImportLineError[] = [];
  const entries: ImportedEntry[] = [];
  if (mapping.date === undefined) errors.push({ line: 1, column: 'date', message: 'Aucune colonne de date reconnue' });
  if (mapping.duration === undefined && (mapping.time === undefined || mapping.endTime === undefined)) {
    errors.push({
      line: 1,
      column: 'duration',
      message: 'Aucune colonne de durée (ni heures de début et de fin) reconnue',
    });
  }
  if (errors.length > 0) return { mapping, header, entries, errors };

  const cell = (row: readonly string[], field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.every((c) => c.trim() === '')) return;
    const rowErrors: ImportLineError[] = [];
    const fail = (column: string, message: string) => rowErrors.push({ line, column, message });

    const dateCell = cell(row, 'date');
    const date = parseDate(dateCell);
    if (!date)
      fail(header[mapping.date!] ?? 'date', `Date illisible : « ${dateCell} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)`);
    const timeCell = cell(row, 'time') || (/[ T]\d/.test(dateCell) ? dateCell : '');
    const time = timeCell ? parseTime(timeCell) : `${opts.defaultTime.padStart(5, '0')}:00`;
    if (!time) fail(header[mapping.time!] ?? 'heure', `Heure illisible : « ${timeCell} » (attendu HH:MM)`);

    let duration: number | null = null;
    const durationCell = cell(row, 'duration');
    if (mapping.duration !== undefined && durationCell !== '') {
      duration = parseDuration(durationCell);
      if (duration === null) {
        fail(
          header[mapping.duration] ?? 'durée',
          `Durée illisible : « ${durationCell} » (attendu HH:MM, HH:MM:SS ou heures décimales comme 1,5)`,
        );
      }
    } else if (mapping.endTime !== undefined && time) {
      const end = parseTime(cell(row, 'endTime'));
      if (!end) fail(header[mapping.endTime] ?? 'fin', `Heure de fin illisible : « ${cell(row, 'endTime')} »`);
      else {
        const toSeconds = (t: string) => t.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
        duration = (toSeconds(end) - toSeconds(time) + 86_400) % 86_400;
      }
    } else {
      fail(header[mapping.duration ?? -1] ?? 'durée', 'Durée manquante');
    }
    if (duration !== null && duration > 24 * 3600)
      fail(header[mapping.duration ?? -1] ?? 'durée', 'Durée de plus de 24 heures');

    const typeCell = cell(row, 'taskType');
    const taskType = typeCell === '' ? opts.defaultTaskType : parseTaskType(typeCell);
    if (!taskType) fail(header[mapping.taskType!] ?? 'type', `Type de tâche inconnu : « ${typeCell} »`);

    const quantityCell = cell(row, 'quantity');
    let quantity = 1;
    if (quantityCell !== '') {
      if (/^\d{1,6}$/.test(quantityCell)) quantity = Number(quantityCell);
      else
        fail(
          header[mapping.quantity!] ?? 'quantité',
          `Quantité illisible : « ${quantityCell} » (nombre entier attendu)`,
        );
    }
    const billableCell = cell(row, 'billable');
    const billable = mapping.billable === undefined || billableCell === '' ? true : parseBoolean(billableCell);
    if (billable === null)
      fail(header[mapping.billable!] ?? 'facturable', `Valeur illisible : « ${billableCell} » (oui/non)`);
    const urgent = parseBoolean(cell(row, 'urgent'));
    if (urgent === null)
      fail(header[mapping.urgent!] ?? 'urgent', `Valeur illisible : « ${cell(row, 'urgent')} » (oui/non)`);
    const label = cell(row, 'label');
    const note = cell(row, 'note');
    if (label.length > 200) fail(header[mapping.label!] ?? 'objet', 'Objet trop long (200 caractères au plus)');
    if (note.length > 2000) fail(header[mapping.note!] ?? 'note', 'Note trop longue (2000 caractères au plus)');

    let startedAt: number | null = null;
    if (date && time) {
      const local = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
      if (!local.isValid) fail('date', `Date et heure invalides dans le fuseau ${timeZone}`);
      else startedAt = local.toMillis();
    }
    if (
      rowErrors.length > 0 ||
      startedAt === null ||
      duration === null ||
      !taskType ||
      billable === null ||
      urgent === null
    ) {
      errors.push(...rowErrors);
      return;
    }
    entries.push({ line, taskType, startedAt, durationSeconds: duration, quantity, billable, urgent, label, note });
  });
  if (entries.length === 0 && errors.length === 0)
    errors.push({ line: 1, column: '', message: 'Le fichier ne contient aucune ligne' });
  return { mapping, header, entries, errors };
}
