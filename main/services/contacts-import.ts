import { parse } from 'csv-parse/sync';
import { PermanenceError } from '../../shared/api';
import {
  contactFromRow,
  guessMapping,
  type ContactColumn,
  type ContactImportReport,
  type ImportLine,
} from '../../shared/domain/contacts-import';
import type { ContactInput } from '../../shared/domain/firm/contact';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import { decodeImport, type ImportContent } from './import-file';

const MAX_ROWS = 50_000;

/** CRM exports use ";" in France, "," elsewhere, sometimes tabs: the first line tells. */
export function detectDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length }));
  return counts.sort((a, b) => b.n - a.n)[0]!.d;
}

function parseCsv(text: string): { headers: string[]; rows: Array<Record<string, string>> } {
  const delimiter = detectDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    throw new PermanenceError('VALIDATION', `Fichier CSV illisible : ${(error as Error).message}`);
  }
  const [headerRow, ...body] = records;
  if (!headerRow || headerRow.length === 0) throw new PermanenceError('VALIDATION', 'Le fichier est vide.');
  if (body.length > MAX_ROWS)
    throw new PermanenceError('VALIDATION', `Le fichier dépasse ${MAX_ROWS} lignes ; découpez-le.`);
  const headers = headerRow.map((h) => h.trim());
  const rows = body.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])));
  return { headers, rows };
}

/**
 * Imports a firm's contacts from a CRM export: every line is checked and reported; the file is written in one
 * transaction only if every line is valid. A number already known for the firm updates that contact.
 */
export function createContactsImportService(ctx: ServiceContext, firms: FirmsService) {
  return {
    importCsv(input: {
      firmId: string;
      /** The file's bytes (decoded here: UTF-8, UTF-16 with BOM, Windows-1252) or text already decoded. */
      csv: ImportContent;
      mapping?: Partial<Record<ContactColumn, string>> | undefined;
      dryRun: boolean;
    }): ContactImportReport {
      firms.get(input.firmId);
      const { text, encoding } = decodeImport(input.csv);
      const { headers, rows } = parseCsv(text);
      const mapping = input.mapping ?? guessMapping(headers);
      const unknown = Object.values(mapping).filter((h) => !headers.includes(h));
      if (unknown.length > 0)
        throw new PermanenceError('VALIDATION', `Colonne absente du fichier : ${unknown.join(', ')}.`);
      if (!mapping.name && !mapping.lastName && !mapping.firstName && !mapping.company) {
        throw new PermanenceError('VALIDATION', 'Indiquez quelle colonne contient le nom des contacts.');
      }
      const seenPhones = new Map<string, number>();
      const planned: Array<{ contact: ContactInput; existingId: string | null }> = [];
      const lines: ImportLine[] = rows.map((row, index) => {
        const line = index + 2;
        const { contact, problems } = contactFromRow(row, mapping);
        for (const phone of contact?.phones ?? []) {
          const other = seenPhones.get(phone);
          if (other !== undefined) problems.push(`même numéro que la ligne ${other}`);
          else seenPhones.set(phone, line);
        }
        if (!contact || problems.length > 0)
          return { line, name: contact?.name ?? '', ok: false, action: null, problems };
        const existing =
          contact.phones.map((p) => ctx.repos.contacts.findByPhone(input.firmId, p)[0]).find(Boolean) ?? null;
        planned.push({ contact, existingId: existing?.id ?? null });
        return { line, name: contact.name, ok: true, action: existing ? 'update' : 'create', problems: [] };
      });
      const valid = lines.filter((l) => l.ok).length;
      const mapped = new Set(Object.values(mapping));
      const report: ContactImportReport = {
        encoding,
        headers,
        ignoredHeaders: headers.filter((h) => h !== '' && !mapped.has(h)),
        mapping,
        total: rows.length,
        valid,
        applied: false,
        created: 0,
        updated: 0,
        lines,
      };
      if (valid !== rows.length || input.dryRun || rows.length === 0) return report;
      ctx.db.transaction(() => {
        const now = ctx.now();
        for (const { contact, existingId } of planned) {
          const merged = existingId ? mergeInto(ctx.repos.contacts.get(input.firmId, existingId)!, contact) : contact;
          ctx.repos.contacts.upsert(input.firmId, existingId ?? ctx.newId(), merged, now);
        }
      })();
      return {
        ...report,
        applied: true,
        created: planned.filter((p) => !p.existingId).length,
        updated: planned.filter((p) => p.existingId).length,
      };
    },
  };
}

/** An update never loses what the firm's record knew: numbers are added, empty cells keep the old value. */
export function mergeInto(existing: ContactInput, incoming: ContactInput): ContactInput {
  return {
    name: incoming.name || existing.name,
    company: incoming.company || existing.company,
    phones: [...new Set([...existing.phones, ...incoming.phones])].slice(0, 10),
    email: incoming.email || existing.email,
    notes: incoming.notes
      ? existing.notes && existing.notes !== incoming.notes
        ? `${existing.notes}\n${incoming.notes}`
        : incoming.notes
      : existing.notes,
    vip: existing.vip || incoming.vip,
    doNotTransfer: existing.doNotTransfer || incoming.doNotTransfer,
  };
}
export type ContactsImportService = ReturnType<typeof createContactsImportService>;
