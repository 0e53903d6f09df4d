import { z } from 'zod';
import { contentEncodingSchema, type FileEncoding } from './file-encoding';
import { idSchema } from './ids';
import { importFileSchema } from './limits';
import type { ContactInput } from './firm/contact';
import { toE164 } from './phone';
import { foldAccents, stripBidiControls } from './text';

/** The contact fields a CRM export's columns can be mapped to. */
export const CONTACT_COLUMNS = [
  'name',
  'firstName',
  'lastName',
  'company',
  'phone',
  'phone2',
  'email',
  'notes',
  'vip',
  'doNotTransfer',
] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

export const contactImportSchema = z
  .object({
    firmId: idSchema,
    csv: importFileSchema.min(1),
    /** 'base64': the file's bytes, decoded in main (UTF-8, UTF-16 with BOM, Windows-1252); 'text': already text. */
    csvEncoding: contentEncodingSchema,
    /** Contact field → the file's column header; guessed from the headers when absent. */
    mapping: z.partialRecord(z.enum(CONTACT_COLUMNS), z.string().max(200)).optional(),
    /** Check only: report what would happen, write nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export interface ImportLine {
  /** Line number in the file as a spreadsheet shows it (the header is line 1). */
  line: number;
  name: string;
  ok: boolean;
  action: 'create' | 'update' | null;
  problems: string[];
}

export interface ContactImportReport {
  /** How the file's bytes were read. */
  encoding: FileEncoding;
  headers: string[];
  /** Headers mapped to no contact field: their cells are not imported (the preview says so). */
  ignoredHeaders: string[];
  mapping: Partial<Record<ContactColumn, string>>;
  total: number;
  valid: number;
  /** True only when every line was valid and the whole file was written in one transaction. */
  applied: boolean;
  created: number;
  updated: number;
  lines: ImportLine[];
}

const HEADER_HINTS: Record<ContactColumn, string[]> = {
  name: ['nom complet', 'name', 'full name', 'contact', 'nom et prenom', 'nom prenom'],
  lastName: ['nom', 'last name', 'lastname', 'nom de famille', 'surname'],
  firstName: ['prenom', 'first name', 'firstname', 'given name'],
  company: ['societe', 'entreprise', 'company', 'organisation', 'organization', 'raison sociale'],
  phone: ['telephone', 'tel', 'phone', 'mobile', 'portable', 'numero', 'tel mobile'],
  phone2: ['telephone 2', 'tel 2', 'fixe', 'phone 2', 'autre telephone', 'tel fixe'],
  email: ['email', 'e-mail', 'mail', 'courriel', 'adresse e-mail', 'adresse email'],
  notes: ['notes', 'note', 'commentaire', 'commentaires', 'remarques'],
  vip: ['vip', 'important', 'prioritaire'],
  doNotTransfer: ['ne pas transferer', 'do not transfer', 'pas de transfert'],
};

function fold(text: string): string {
  return foldAccents(text).replace(/[_.]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Maps the file's headers to contact fields by their usual French and English names. */
export function guessMapping(headers: readonly string[]): Partial<Record<ContactColumn, string>> {
  const mapping: Partial<Record<ContactColumn, string>> = {};
  const used = new Set<string>();
  for (const column of CONTACT_COLUMNS) {
    const header = headers.find((h) => !used.has(h) && HEADER_HINTS[column].includes(fold(h)));
    if (header) {
      mapping[column] = header;
      used.add(header);
    }
  }
  return mapping;
}

const YES = new Set(['oui', 'o', 'yes', 'y', 'x', '1', 'vrai', 'true']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One row of the file as a contact, or the reasons it cannot be one, in French. */
export function contactFromRow(
  row: Readonly<Record<string, string>>,
  mapping: Partial<Record<ContactColumn, string>>,
): { contact: ContactInput | null; problems: string[] } {
  // Bidirectional controls could disguise a name (« Cabinet \u202Egnp.exe »): gone, as in the contact form.
  const cell = (column: ContactColumn) =>
    mapping[column] ? stripBidiControls(row[mapping[column]!] ?? '').trim() : '';
  const problems: string[] = [];
  const name = cell('name') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ') || cell('company');
  if (!name) problems.push('nom manquant');
  if (name.length > 160) problems.push('nom trop long (160 caractères au plus)');
  const phones: string[] = [];
  for (const column of ['phone', 'phone2'] as const) {
    const raw = cell(column);
    if (!raw) continue;
    const e164 = toE164(raw);
    if (!e164) problems.push(`numéro invalide « ${raw} »`);
    else if (!phones.includes(e164)) phones.push(e164);
  }
  const email = cell('email');
  if (email && !EMAIL.test(email)) problems.push(`adresse e-mail invalide « ${email} »`);
  if (problems.length > 0) return { contact: null, problems };
  return {
    contact: {
      name,
      company: cell('company').slice(0, 160),
      phones,
      email,
      notes: cell('notes').slice(0, 10_000),
      vip: YES.has(fold(cell('vip'))),
      doNotTransfer: YES.has(fold(cell('doNotTransfer'))),
    },
    problems,
  };
}
