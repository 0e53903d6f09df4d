import { TASK_TYPES, type TaskType } from './billing/billing-settings';
import { foldAccents } from './text';
import { calendarDate } from './wall-clock';

/** The cells of an imported time-entry file: durations, French and ISO dates, times, task types, yes/no. */

export const normalise = (s: string) =>
  foldAccents(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

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
  return iso && calendarDate(iso) ? iso : null;
}

/**
 * The UTC offset written after a time ('10:00:00Z', '02:30+01:00', '2026-10-25T02:30:00+02:00'), as written; null
 * when the cell has none (the time is then wall-clock time in the firm's zone).
 */
export function parseOffset(raw: string): string | null {
  const m = /\d{1,2}[:h]\d{2}(?::\d{2})?(?:\.\d+)?(z|[+-]\d{2}:?\d{2})$/i.exec(raw.trim());
  return m ? m[1]!.toUpperCase() : null;
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
