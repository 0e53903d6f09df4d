import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import type { ExportFormat, ExportResult } from '../../../shared/contract/methods/timesheets';
import type { ServiceContext } from '../context';
import type { FirmsService } from '../firms';
import type { SettingsService } from '../settings';
import type { AuditRecorder } from '../privacy/audit';
import type { BillingService } from '../timesheets-billing';
import { renderCsv, type CsvPreset } from './csv';
import { buildExportModel } from './model';
import { renderPdf } from './pdf';
import { renderXlsx } from './xlsx';

export interface ExportRequest {
  month: string;
  /** One firm, or every active firm when absent. */
  firmId?: string | undefined;
  formats: ExportFormat[];
  csvPreset: CsvPreset;
  /** Defaults to DATA_DIR/exports/YYYY-MM. */
  outDir?: string | undefined;
  jobId?: string | undefined;
}

/**
 * Writes relevés (PDF, XLSX, CSV) for one firm or all of them into one folder, with sortable names
 * (`2026-11_cabinet-martin_releve.pdf`), emitting `exports:progress` after each file. Each file is written
 * to a temporary name and renamed, so a crash never leaves half a PDF under the final name.
 */
export function createExportsService(
  ctx: ServiceContext,
  deps: {
    billing: BillingService;
    firms: FirmsService;
    settings: SettingsService;
    dataDir: string;
    audit?: AuditRecorder;
  },
) {
  return {
    defaultDir: (month: string) => path.join(deps.dataDir, 'exports', month),
    async exportMonth(request: ExportRequest): Promise<ExportResult> {
      const jobId = request.jobId ?? ctx.newId();
      const outDir = path.resolve(request.outDir ?? path.join(deps.dataDir, 'exports', request.month));
      const firmIds = request.firmId ? [request.firmId] : deps.firms.list().map((f) => f.id);
      if (firmIds.length === 0) throw new PermanenceError('NOT_FOUND', 'Aucun cabinet à exporter.');
      const formats = [...new Set(request.formats)];
      try {
        // Relevés name the firms' clients: readable by their owner only (0700/0600), like the store.
        fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
      } catch (error) {
        throw new PermanenceError(
          'UNAVAILABLE',
          `Impossible de créer le dossier ${outDir} : ${(error as Error).message}`,
        );
      }
      const settings = deps.settings.get();
      const total = firmIds.length * formats.length;
      const files: string[] = [];
      const usedStems = new Set<string>();
      let done = 0;
      ctx.emit('exports:progress', { jobId, done, total, file: null, finished: false });
      for (const firmId of firmIds) {
        const model = buildExportModel(deps.billing.firmMonth(firmId, request.month), settings);
        let stem = model.fileStem;
        if (usedStems.has(stem)) stem = `${stem}-${firmId.slice(0, 8)}`;
        usedStems.add(stem);
        for (const format of formats) {
          const content =
            format === 'pdf'
              ? await renderPdf(model, { generatedAt: ctx.now() })
              : format === 'xlsx'
                ? await renderXlsx(model)
                : renderCsv(model, request.csvPreset);
          const file = path.join(outDir, `${stem}_releve.${format}`);
          const temporary = `${file}.${process.pid}.tmp`;
          try {
            fs.writeFileSync(temporary, content, { mode: 0o600 });
            fs.renameSync(temporary, file);
          } catch (error) {
            fs.rmSync(temporary, { force: true });
            throw new PermanenceError('UNAVAILABLE', `Impossible d’écrire ${file} : ${(error as Error).message}`);
          }
          files.push(file);
          done += 1;
          ctx.emit('exports:progress', { jobId, done, total, file, finished: done === total });
          // Let the event loop deliver the progress event (and other IPC) between two files.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      // Audit (issue 12): what was exported, never who is in it.
      deps.audit?.record({
        kind: 'export.releve',
        firmId: request.firmId ?? null,
        subject: request.month,
        detail: { firms: firmIds.length, files: files.length, formats: formats.join(',') },
      });
      return { jobId, outDir, files };
    },
  };
}
export type ExportsService = ReturnType<typeof createExportsService>;
