import type { PersonCounts, PersonDataKind } from '../../../../shared/domain/privacy-rights';
import { PERSON_DATA_KINDS } from '../../../../shared/domain/privacy-rights';
import type { PersonRow } from '../../../store/repositories/person-data';

/** What a rights export holds: the firm that asked, where it was looked, her identifiers, and every row. */
export interface PersonReport {
  requestedBy: { id: string; name: string };
  firms: { id: string; name: string }[];
  generatedAt: number;
  identifiers: { phones: string[]; names: string[] };
  counts: PersonCounts;
  rows: Record<PersonDataKind, PersonRow[]>;
}

/** French headings of each kind, for the PDF and the JSON's `libelle`. */
export const KIND_TITLES: Record<PersonDataKind, string> = {
  contacts: 'Contacts',
  calls: 'Journal des appels',
  messages: 'Messages et brouillons',
  appointments: 'Rendez-vous',
  outbox: 'Courriels (file d’envoi)',
  timeEntries: 'Saisies de temps',
};

/** French names of the columns shown; a column not listed here is not shown (ids of links, internals). */
export const FIELD_LABELS: Record<string, string> = {
  at: 'Date',
  name: 'Nom',
  company: 'Société',
  email: 'Courriel',
  phones: 'Numéros',
  notes: 'Notes',
  direction: 'Sens',
  caller_number: 'Numéro',
  caller_name: 'Nom',
  caller_raw: 'Identité réseau',
  caller_company: 'Société',
  caller_phone: 'Numéro',
  caller_email: 'Courriel',
  answered_at: 'Décroché à',
  ended_at: 'Terminé à',
  outcome: 'Issue',
  status: 'État',
  urgency: 'Urgence',
  motif: 'Motif',
  call_back: 'Rappeler',
  body: 'Message',
  fields: 'Champs',
  submitted_at: 'Envoyé le',
  delivered_at: 'Transmis le',
  end_utc: 'Fin',
  note: 'Note',
  kind: 'Type',
  state: 'État',
  subject: 'Objet',
  text_body: 'Texte',
  sent_at: 'Parti le',
  task_type: 'Tâche',
  duration_seconds: 'Durée (s)',
  label: 'Libellé',
};

const INSTANT = /(^at$|_at$|_utc$)/;

/** A row as the export shows it: instants as ISO 8601 (UTC), empty values left out, internal columns dropped. */
export function readableRow(row: PersonRow): Record<string, string | number> {
  const out: Record<string, string | number> = { id: row.id };
  for (const [column, value] of Object.entries(row)) {
    if (!(column in FIELD_LABELS) || value === null || value === '' || value === '{}') continue;
    if (typeof value === 'number' && INSTANT.test(column)) out[column] = new Date(value).toISOString();
    else if (typeof value === 'number' || typeof value === 'string') out[column] = value;
  }
  return out;
}

/** The JSON file: machine-readable, every row in full, French headings beside the kinds. */
export function reportJson(report: PersonReport): string {
  const data = Object.fromEntries(
    PERSON_DATA_KINDS.map((kind) => [kind, { libelle: KIND_TITLES[kind], lignes: report.rows[kind].map(readableRow) }]),
  );
  return `${JSON.stringify(
    {
      format: 'permanence-demande-personne',
      version: 1,
      genereLe: new Date(report.generatedAt).toISOString(),
      demandePar: report.requestedBy,
      cabinets: report.firms,
      identifiants: { numeros: report.identifiers.phones, noms: report.identifiers.names },
      comptes: report.counts,
      donnees: data,
    },
    null,
    2,
  )}\n`;
}
