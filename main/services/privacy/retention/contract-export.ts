import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { ContractExport } from '../../../../shared/domain/retention';
import type { Db } from '../../../store/open';
import { ensurePrivateDir, FILE_MODE } from '../../../store/open';
import { KEPT_TABLES, type FirmDataRepository } from '../../../store/repositories/firm-data';
import { slug } from '../../exports/model';
import type { ExportsService } from '../../exports';
import { fileStem, writeAtomically } from '../../invoices/register';
import type { RegisterService } from '../register';

export const CONTRACT_EXPORTS_DIR = path.join('exports', 'fin-de-contrat');
export const MANIFEST_FILE = 'manifeste.json';

/** What the export folder's manifest says; the purge checks it before anything is removed. */
export interface ContractManifest {
  format: 1;
  firmId: string;
  firmName: string;
  exportedAt: number;
  counts: Record<string, number>;
  files: Array<{ file: string; sha256: string; sizeBytes: number }>;
  notes: string[];
}

export interface ContractExportDeps {
  db: Db;
  dataDir: string;
  firmData: FirmDataRepository;
  exports: Pick<ExportsService, 'exportMonth'>;
  invoices: { list(): Array<{ id: string; number: string; firmId: string }>; pdf(id: string): Promise<Buffer> };
  register: Pick<RegisterService, 'write'>;
  /** False for an archived firm: its relevés cannot be computed any more (its rows are in donnees.json). */
  firmActive: (firmId: string) => boolean;
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function stamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** Buffers (an invoice's PDF) are written as base64 so the JSON is complete and still JSON. */
function jsonValue(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer') {
    return { base64: Buffer.from((value as { data: number[] }).data).toString('base64') };
  }
  return value;
}

/** donnees.json: every table's rows for the firm, written table by table and row by row. */
function writeData(file: string, deps: ContractExportDeps, firm: { id: string; name: string }, at: number) {
  const counts: Record<string, number> = {};
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w', FILE_MODE);
  try {
    const write = (text: string) => fs.writeSync(fd, text);
    write(`{"format":1,"cabinet":${JSON.stringify({ id: firm.id, nom: firm.name })},"exporteLe":${at},"tables":{`);
    deps.firmData.scopes().forEach((scope, index) => {
      write(`${index > 0 ? ',' : ''}\n${JSON.stringify(scope.table)}:[`);
      let n = 0;
      for (const row of deps.firmData.rows(scope, firm.id)) {
        write(`${n > 0 ? ',' : ''}\n${JSON.stringify(row, jsonValue)}`);
        n += 1;
      }
      write(']');
      counts[scope.table] = n;
    });
    write('\n}}\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  return counts;
}

/** The firm's months with time entries, in its zone (a month is the firm's month). */
function entryMonths(db: Db, firmId: string, timeZone: string): string[] {
  const instants = db
    .prepare<[string], number>('SELECT started_at FROM time_entries WHERE firm_id = ? AND demo = 0')
    .pluck()
    .all(firmId) as number[];
  const months = new Set(instants.map((at) => DateTime.fromMillis(at, { zone: timeZone }).toFormat('yyyy-MM')));
  return [...months].sort();
}

/**
 * The first step of an end of contract: everything the firm's data is, in one private folder
 * DATA_DIR/exports/fin-de-contrat/<firm>-<UTC stamp>/: donnees.json (every table's rows for the firm), the
 * monthly relevés (CSV and XLSX) in releves/, the invoices' PDFs in factures/, the register of processing
 * activities, and manifeste.json (sha256 of every file, rows per table) written last.
 */
export async function exportFirmData(
  deps: ContractExportDeps,
  firm: { id: string; name: string; timeZone: string },
  at: number,
): Promise<ContractExport & { manifest: ContractManifest }> {
  const dir = path.join(deps.dataDir, CONTRACT_EXPORTS_DIR, `${slug(firm.name)}-${stamp(at)}`);
  ensurePrivateDir(path.dirname(dir));
  ensurePrivateDir(dir);
  const files: string[] = [];
  const notes: string[] = [];
  const data = path.join(dir, 'donnees.json');
  const counts = writeData(data, deps, firm, at);
  files.push(data);

  const months = entryMonths(deps.db, firm.id, firm.timeZone);
  if (months.length > 0 && !deps.firmActive(firm.id)) {
    notes.push('Cabinet archivé : les relevés mensuels ne sont pas recalculés ; ses heures sont dans donnees.json.');
  } else if (months.length > 0) {
    const releves = path.join(dir, 'releves');
    for (const month of months) {
      const result = await deps.exports.exportMonth({
        month,
        firmId: firm.id,
        formats: ['csv', 'xlsx'],
        csvPreset: 'excel-fr',
        outDir: releves,
      });
      files.push(...result.files);
    }
  }

  const invoices = deps.invoices.list().filter((invoice) => invoice.firmId === firm.id);
  if (invoices.length > 0) {
    const factures = path.join(dir, 'factures');
    ensurePrivateDir(factures);
    for (const invoice of invoices) {
      const file = path.join(factures, `${fileStem(invoice.number)}.pdf`);
      writeAtomically(file, await deps.invoices.pdf(invoice.id));
      files.push(file);
    }
  }

  files.push(...(await deps.register.write(firm.id, dir)).files);

  const manifest: ContractManifest = {
    format: 1,
    firmId: firm.id,
    firmName: firm.name,
    exportedAt: at,
    counts,
    files: files.map((file) => ({
      file: path.relative(dir, file),
      sha256: sha256(file),
      sizeBytes: fs.statSync(file).size,
    })),
    notes,
  };
  const manifestFile = path.join(dir, MANIFEST_FILE);
  writeAtomically(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    firmId: firm.id,
    firmName: firm.name,
    dir,
    files: [...files, manifestFile],
    counts,
    exportedAt: at,
    manifest,
  };
}

/** The newest export of the firm whose manifest can be read, or null. */
export function latestContractExport(
  dataDir: string,
  firmId: string,
): { dir: string; manifest: ContractManifest } | null {
  const root = path.join(dataDir, CONTRACT_EXPORTS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return null;
  }
  const found = names.flatMap((name) => {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, name, MANIFEST_FILE), 'utf8')) as ContractManifest;
      return manifest.format === 1 && manifest.firmId === firmId ? [{ dir: path.join(root, name), manifest }] : [];
    } catch {
      return [];
    }
  });
  return found.sort((a, b) => b.manifest.exportedAt - a.manifest.exportedAt)[0] ?? null;
}

/**
 * Why an export may not stand for the data any more (empty: it does): a file missing or changed since, or rows
 * added or removed since (tables kept after the purge — invoices, the audit log — aside: the export itself is
 * audited).
 */
export function exportProblems(
  found: { dir: string; manifest: ContractManifest },
  current: Record<string, number>,
): string[] {
  const problems: string[] = [];
  for (const entry of found.manifest.files) {
    const file = path.join(found.dir, entry.file);
    if (!fs.existsSync(file)) problems.push(`${entry.file} manquant`);
    else if (sha256(file) !== entry.sha256) problems.push(`${entry.file} modifié`);
  }
  for (const table of new Set([...Object.keys(current), ...Object.keys(found.manifest.counts)])) {
    if (KEPT_TABLES.has(table)) continue;
    if ((current[table] ?? 0) !== (found.manifest.counts[table] ?? 0)) problems.push(`${table} a changé`);
  }
  return problems;
}
