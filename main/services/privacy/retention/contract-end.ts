import path from 'node:path';
import { PermanenceError } from '../../../../shared/api';
import type { ContractEnd, ContractExport } from '../../../../shared/domain/retention';
import { createFirmDataRepository } from '../../../store/repositories/firm-data';
import type { RetentionRepository } from '../../../store/repositories/retention';
import type { AuditRecorder } from '../audit';
import { backupsHoldingData } from './backups-holding';
import { exportFirmData, exportProblems, latestContractExport, type ContractExportDeps } from './contract-export';
import { firmNotFound } from './errors';

export interface ContractEndDeps extends Omit<ContractExportDeps, 'firmData'> {
  now: () => number;
  audit: AuditRecorder;
  retention: RetentionRepository;
  backupsDir: () => string;
  backupsCopyDir: () => string | null;
  /** Tells the renderer the firm is gone (firms:changed). */
  onFirmRemoved: (firmId: string) => void;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');

/**
 * The end of a contract with a firm (RGPD art. 28.3.g: return the data, then erase it). Two steps she confirms
 * apart: the export of everything, then the purge, refused unless the newest export of the firm is intact and
 * still holds every row (nothing arrived since) and she typed the firm's name. Issued invoices and their PDFs
 * stay (accounting, 10 years), and so does the audit log (ids and counts). The backups written before the purge
 * still hold the firm until the rotation removes them: the answer lists them with that date.
 */
export function createContractEndService(deps: ContractEndDeps) {
  const firmData = createFirmDataRepository(deps.db);

  function requireFirm(firmId: string) {
    const firm = deps.retention.firm(firmId);
    if (!firm) throw firmNotFound(firmId);
    return firm;
  }

  return {
    firmData,
    async exportFirm(firmId: string): Promise<ContractExport> {
      const firm = requireFirm(firmId);
      const { manifest: _manifest, ...result } = await exportFirmData({ ...deps, firmData }, firm, deps.now());
      deps.audit.record({
        kind: 'contract.exported',
        firmId,
        subject: path.basename(result.dir),
        detail: { tables: Object.keys(result.counts).length, rows: sum(result.counts), files: result.files.length },
      });
      return result;
    },
    /** The newest export of the firm, if any (the screen shows it before offering the purge). */
    latestExport(firmId: string): { dir: string; exportedAt: number; upToDate: boolean } | null {
      const found = latestContractExport(deps.dataDir, firmId);
      if (!found) return null;
      return {
        dir: found.dir,
        exportedAt: found.manifest.exportedAt,
        upToDate: exportProblems(found, firmData.counts(firmId)).length === 0,
      };
    },
    endContract(firmId: string, confirmName: string): ContractEnd {
      const firm = requireFirm(firmId);
      if (nameKey(confirmName) !== nameKey(firm.name)) {
        throw new PermanenceError(
          'VALIDATION',
          `Tapez le nom du cabinet (« ${firm.name} ») pour confirmer.`,
          [{ path: 'confirmName', message: 'nom différent' }],
          { key: 'privacy.errors.confirmName', values: { name: firm.name } },
        );
      }
      const found = latestContractExport(deps.dataDir, firmId);
      if (!found) {
        throw new PermanenceError('CONFLICT', 'Exportez d’abord les données du cabinet.', undefined, {
          key: 'privacy.errors.exportFirst',
        });
      }
      const problems = exportProblems(found, firmData.counts(firmId));
      if (problems.length > 0) {
        throw new PermanenceError(
          'CONFLICT',
          `L’export ne correspond plus aux données (${problems.slice(0, 3).join(' ; ')}) : exportez de nouveau.`,
          undefined,
          { key: 'privacy.errors.exportStale', values: { reason: problems.slice(0, 3).join(' ; ') } },
        );
      }
      const db = deps.db;
      const previousSecureDelete = db.pragma('secure_delete', { simple: true }) as number;
      db.pragma('secure_delete = ON');
      let removed: Record<string, number>;
      try {
        removed = db.transaction(() => {
          const rows = firmData.remove(firmId);
          deps.audit.record({
            kind: 'contract.ended',
            firmId,
            subject: path.basename(found.dir),
            detail: { tables: Object.values(rows).filter((n) => n > 0).length, rows: sum(rows) },
          });
          return rows;
        })();
        deps.retention.optimizeSearch();
      } finally {
        db.pragma(`secure_delete = ${previousSecureDelete ? 'ON' : 'OFF'}`);
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
      deps.onFirmRemoved(firmId);
      const folders = [
        { dir: deps.backupsDir(), kind: 'data' as const },
        ...(deps.backupsCopyDir() ? [{ dir: deps.backupsCopyDir()!, kind: 'copy' as const }] : []),
      ];
      return { firmId, exportDir: found.dir, removed, backups: backupsHoldingData(folders, deps.now()) };
    },
  };
}
export type ContractEndService = ReturnType<typeof createContractEndService>;
