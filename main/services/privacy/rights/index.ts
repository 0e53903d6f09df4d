import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../../../shared/api';
import { toE164 } from '../../../../shared/domain/phone';
import {
  ITEMS_SHOWN,
  PERSON_DATA_KINDS,
  type PersonErasure,
  type PersonExport,
  type PersonFindings,
  type PersonQuery,
} from '../../../../shared/domain/privacy-rights';
import { searchWords } from '../../../../shared/domain/text';
import { ensurePrivateDir, FILE_MODE, type Db } from '../../../store/open';
import { createPersonDataRepository, type FoundIds, type PersonRow } from '../../../store/repositories/person-data';
import { createTombstonesRepository } from '../../../store/repositories/tombstones';
import type { SecretStore } from '../../secrets';
import type { AuditRecorder } from '../audit';
import { clearMatcher, type PersonIdentifiers } from './identity';
import { renderReportPdf } from './report-pdf';
import { reportJson, type PersonReport } from './report';
import { summaryOf } from './summary';
import { scrubbed } from './scrub';
import { buildTombstone, erasureKey, zeroCounts } from './tombstones';

export interface RightsOptions {
  db: Db;
  dataDir: string;
  secrets: SecretStore;
  now: () => number;
  audit: AuditRecorder;
  firms: { name(id: string): string | null; all(): { id: string; name: string }[] };
  contact(firmId: string, id: string): { name: string; phones: string[] } | null;
}

const refused = (code: 'VALIDATION' | 'NOT_FOUND', message: string, key: string, field?: string) =>
  new PermanenceError(code, message, field ? [{ path: field, message }] : undefined, { key });

/**
 * Rights requests about one person, on a firm's instruction (RGPD art. 15, 17, 20): find everything about her
 * in that firm (or every firm, when chosen), export it (JSON + readable French PDF), or erase it, leaving a
 * tombstone without personal data that a restore re-applies (tombstones.ts).
 */
export function createRightsService(options: RightsOptions) {
  const repo = createPersonDataRepository(options.db);
  const tombstones = createTombstonesRepository(options.db);

  function resolve(query: PersonQuery) {
    const firmName = options.firms.name(query.firmId);
    if (firmName === null) {
      throw refused('NOT_FOUND', 'Ce cabinet n’existe pas.', 'privacy.errors.rightsFirmUnknown', 'firmId');
    }
    const identity: PersonIdentifiers = { phones: [], names: [] };
    const shownNames: string[] = [];
    const addName = (name: string) => {
      const words = searchWords(name);
      if (words.length > 0 && !identity.names.some((n) => n.join(' ') === words.join(' '))) {
        identity.names.push(words);
        shownNames.push(name.trim());
      }
    };
    if (query.phone) {
      const e164 = toE164(query.phone);
      if (!e164) {
        throw refused(
          'VALIDATION',
          'Ce numéro n’est pas un numéro de téléphone.',
          'privacy.errors.rightsPhone',
          'phone',
        );
      }
      identity.phones.push(e164);
    }
    if (query.name) {
      addName(query.name);
      if (identity.names.length === 0) {
        throw refused('VALIDATION', 'Ce nom ne contient aucune lettre.', 'privacy.errors.rightsName', 'name');
      }
    }
    const contactIds: string[] = [];
    if (query.contactId) {
      const contact = options.contact(query.firmId, query.contactId);
      if (!contact) {
        throw refused('NOT_FOUND', 'Ce contact n’existe pas dans ce cabinet.', 'privacy.errors.rightsContact');
      }
      contactIds.push(query.contactId);
      addName(contact.name);
      for (const phone of contact.phones) if (!identity.phones.includes(phone)) identity.phones.push(phone);
    }
    const firms = query.allFirms ? options.firms.all() : [{ id: query.firmId, name: firmName }];
    return { requestedBy: { id: query.firmId, name: firmName }, firms, identity, shownNames, contactIds };
  }

  function search(query: PersonQuery) {
    const resolved = resolve(query);
    const firmIds = resolved.firms.map((f) => f.id);
    const rows = repo.find(firmIds, clearMatcher(resolved.identity, resolved.contactIds));
    const found = idsOf(rows);
    const counts = zeroCounts();
    for (const kind of PERSON_DATA_KINDS) counts[kind] = rows[kind].length;
    counts.searchIndex = repo.countSearchRows(found);
    return { ...resolved, firmIds, rows, found, counts };
  }

  return {
    find(query: PersonQuery): PersonFindings {
      const result = search(query);
      const items = PERSON_DATA_KINDS.flatMap((kind) =>
        result.rows[kind].slice(0, ITEMS_SHOWN).map((row) => ({
          kind,
          id: row.id,
          firmId: row.firm_id,
          at: row.at,
          summary: summaryOf(kind, row),
        })),
      );
      return {
        firms: result.firms,
        identifiers: { phones: result.identity.phones, names: result.shownNames },
        counts: result.counts,
        items,
        truncated: PERSON_DATA_KINDS.some((kind) => result.rows[kind].length > ITEMS_SHOWN),
      };
    },

    /** Writes DATA_DIR/exports/droits/<date>-<n>/personne.json and personne.pdf (0600), then audits the counts. */
    async export(query: PersonQuery): Promise<PersonExport> {
      const result = search(query);
      const report: PersonReport = {
        requestedBy: result.requestedBy,
        firms: result.firms,
        generatedAt: options.now(),
        identifiers: { phones: result.identity.phones, names: result.shownNames },
        counts: result.counts,
        rows: result.rows,
      };
      const dir = exportDir(options.dataDir, report.generatedAt);
      const json = path.join(dir, 'personne.json');
      const pdf = path.join(dir, 'personne.pdf');
      fs.writeFileSync(json, reportJson(report), { mode: FILE_MODE });
      fs.writeFileSync(pdf, await renderReportPdf(report), { mode: FILE_MODE });
      options.audit.record({
        kind: 'rights.exported',
        firmId: query.firmId,
        subject: path.basename(dir),
        detail: { ...result.counts, firms: result.firms.length },
      });
      return { json, pdf, counts: result.counts };
    },

    /**
     * Deletes or anonymises every row found, scrubbed out of the file (scrub.ts), with one tombstone per firm
     * touched (or for the asking firm when nothing was found, so a restore still looks for her numbers), and an
     * audit entry of counts.
     */
    erase(query: PersonQuery): PersonErasure {
      const key = erasureKey(options.secrets, true)!;
      const at = options.now();
      const { result, walTruncated } = scrubbed(options.db, () =>
        options.db.transaction(() => {
          const found = search(query);
          repo.erase(found.found, found.firmIds, clearMatcher(found.identity, found.contactIds), at);
          const touched = found.firmIds.filter(
            (id) => id === query.firmId || PERSON_DATA_KINDS.some((k) => found.rows[k].some((r) => r.firm_id === id)),
          );
          const ids = touched.map((firmId) => {
            const mine = (rows: PersonRow[]) => rows.filter((r) => r.firm_id === firmId);
            const rows = Object.fromEntries(PERSON_DATA_KINDS.map((k) => [k, mine(found.rows[k])]));
            const counts = zeroCounts();
            for (const kind of PERSON_DATA_KINDS) counts[kind] = rows[kind]!.length;
            const tombstone = buildTombstone({
              key,
              firmId,
              requestedBy: query.firmId,
              at,
              counts,
              identity: found.identity,
              found: idsOf(rows as Record<(typeof PERSON_DATA_KINDS)[number], PersonRow[]>),
            });
            tombstones.insert(tombstone);
            return tombstone.id;
          });
          options.audit.record({
            kind: 'rights.erased',
            firmId: query.firmId,
            subject: ids.join(','),
            detail: { ...found.counts, firms: touched.length },
          });
          return { tombstones: ids, counts: found.counts };
        })(),
      );
      return { ...result, walTruncated };
    },
  };
}
export type RightsService = ReturnType<typeof createRightsService>;

function idsOf(rows: Record<(typeof PERSON_DATA_KINDS)[number], PersonRow[]>): FoundIds {
  return Object.fromEntries(PERSON_DATA_KINDS.map((kind) => [kind, rows[kind].map((r) => r.id)])) as FoundIds;
}

function exportDir(dataDir: string, at: number): string {
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const root = path.join(dataDir, 'exports', 'droits');
  ensurePrivateDir(path.join(dataDir, 'exports'));
  ensurePrivateDir(root);
  for (let n = 1; ; n += 1) {
    const dir = path.join(root, n === 1 ? stamp : `${stamp}-${n}`);
    if (!fs.existsSync(dir)) {
      ensurePrivateDir(dir);
      return dir;
    }
  }
}
