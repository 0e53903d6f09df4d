import fs from 'node:fs';
import path from 'node:path';
import type { RetentionPolicy } from '../../../../shared/domain/retention';
import { DATABASE_FILE, ensurePrivateDir } from '../../../store/open';
import { slug } from '../../exports/model';
import { writeAtomically } from '../../invoices/register';
import type { AuditRecorder } from '../audit';
import { buildRegister, type ProcessingRegister, type RegisterInput } from './model';
import { renderRegisterPdf } from './pdf';

export interface RegisterDeps {
  dataDir: string;
  now: () => number;
  audit: AuditRecorder;
  firm: (firmId: string) => { id: string; name: string; sector: string };
  policy: (firmId: string) => RetentionPolicy;
  counts: (firmId: string) => Record<string, number>;
  firmInvoicing: (firmId: string) => RegisterInput['firmInvoicing'];
  processor: () => RegisterInput['processor'];
  smtp: () => RegisterInput['smtp'];
  backupsDir: () => string;
  backupsCopyDir: () => string | null;
}

/** An encrypted store does not start with SQLite's plain header. */
export function storeIsEncrypted(dataDir: string): boolean {
  try {
    const fd = fs.openSync(path.join(dataDir, DATABASE_FILE), 'r');
    try {
      const header = Buffer.alloc(16);
      fs.readSync(fd, header, 0, 16, 0);
      return header.toString('latin1') !== 'SQLite format 3\0';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** The register of processing activities of one firm (RGPD art. 30.2), as JSON and as a PDF. */
export function createRegisterService(deps: RegisterDeps) {
  function build(firmId: string): ProcessingRegister {
    const firm = deps.firm(firmId);
    return buildRegister({
      now: deps.now(),
      firm,
      firmInvoicing: deps.firmInvoicing(firmId),
      processor: deps.processor(),
      policy: deps.policy(firmId),
      counts: deps.counts(firmId),
      dataDir: deps.dataDir,
      backupsDir: deps.backupsDir(),
      backupsCopyDir: deps.backupsCopyDir(),
      smtp: deps.smtp(),
      storeEncrypted: storeIsEncrypted(deps.dataDir),
    });
  }

  /** Writes registre-des-traitements.json and .pdf into `dir` (default DATA_DIR/exports/registre/<firm>). */
  async function write(firmId: string, dir?: string): Promise<{ dir: string; files: string[] }> {
    const register = build(firmId);
    const outDir = dir ?? path.join(deps.dataDir, 'exports', 'registre', slug(register.controller.name));
    ensurePrivateDir(outDir);
    const json = path.join(outDir, 'registre-des-traitements.json');
    const pdf = path.join(outDir, 'registre-des-traitements.pdf');
    writeAtomically(json, `${JSON.stringify(register, null, 2)}\n`);
    writeAtomically(pdf, await renderRegisterPdf(register));
    return { dir: outDir, files: [json, pdf] };
  }

  return {
    build,
    write,
    /** The export button: written to DATA_DIR/exports/registre/<firm>/, and in the audit log. */
    async export(firmId: string): Promise<{ dir: string; files: string[] }> {
      const result = await write(firmId);
      deps.audit.record({ kind: 'register.exported', firmId, detail: { files: result.files.length } });
      return result;
    },
  };
}
export type RegisterService = ReturnType<typeof createRegisterService>;
