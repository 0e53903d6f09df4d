import { z } from 'zod';

/**
 * A rights request about one person (RGPD art. 15 to 17), on a firm's instruction: who the person is (a number,
 * a name, a contact of the firm) and where to look. The firm that instructs is always named; other firms are
 * searched only when she ticks « tous les cabinets » on purpose.
 */
export const personQuerySchema = z
  .object({
    /** The firm that asks (the data controller). */
    firmId: z.string().trim().min(1).max(64),
    /** Also every other firm: an explicit choice, never the default. */
    allFirms: z.boolean().default(false),
    phone: z.string().trim().max(40).optional(),
    name: z.string().trim().max(120).optional(),
    contactId: z.string().trim().max(64).optional(),
  })
  .strict()
  .refine((q) => Boolean(q.phone || q.name || q.contactId), {
    message: 'Indiquez un numéro, un nom ou un contact.',
    path: ['phone'],
  });
export type PersonQuery = z.infer<typeof personQuerySchema>;

/** Where a person's data lives, in the order they are looked for (a contact's calls, a call's messages…). */
export const PERSON_DATA_KINDS = ['contacts', 'calls', 'messages', 'appointments', 'outbox', 'timeEntries'] as const;
export type PersonDataKind = (typeof PERSON_DATA_KINDS)[number];

/**
 * What an erasure does to a row of each kind: calls, appointments and time entries stay (the firm's agenda,
 * billing, accounting) without her name, number or note.
 */
export const ERASURE_ACTION: Record<PersonDataKind, 'delete' | 'anonymise'> = {
  contacts: 'delete',
  messages: 'delete',
  calls: 'anonymise',
  appointments: 'anonymise',
  outbox: 'delete',
  timeEntries: 'anonymise',
};

export type PersonCounts = Record<PersonDataKind, number> & {
  /** Rows of the search index (messages and contacts) that hold her: purged with their rows. */
  searchIndex: number;
};

/** One row found, as the findings list shows it (the export holds every field). */
export interface PersonFinding {
  kind: PersonDataKind;
  id: string;
  firmId: string;
  /** When it happened (epoch ms), null when the row has no date. */
  at: number | null;
  /** A one-line reminder of the row: a contact's name, a message's motif, a call's number… */
  summary: string;
}

export interface PersonFindings {
  /** The firms searched: the one that asks, or every firm when chosen. */
  firms: { id: string; name: string }[];
  /** The identifiers looked for, normalised (E.164 numbers, names). */
  identifiers: { phones: string[]; names: string[] };
  counts: PersonCounts;
  /** At most ITEMS_SHOWN per kind (the counts are complete; the export holds everything). */
  items: PersonFinding[];
  truncated: boolean;
}

export const ITEMS_SHOWN = 200;

export interface PersonExport {
  /** Absolute paths of the written files (DATA_DIR/exports/droits/…), private to her. */
  json: string;
  pdf: string;
  counts: PersonCounts;
}

export interface PersonErasure {
  /** One tombstone per firm whose data was erased (ids only). */
  tombstones: string[];
  counts: PersonCounts;
  /** False when a reader kept the WAL from being emptied: it is emptied at the next checkpoint. */
  walTruncated: boolean;
}

/** What a restore re-applied: tombstones recorded after the backup was made. */
export interface ErasuresReapplied {
  tombstones: number;
  /** Rows erased or anonymised again, per kind. */
  counts: PersonCounts;
}

export interface AppRestoreResult {
  backup: string;
  /** The verified copy of the replaced store in backups/ (« avant-restauration »). */
  snapshot: string | null;
  reapplied: ErasuresReapplied;
}
