import {
  DEFAULT_RETENTION,
  type FirmRetention,
  type PurgeReport,
  type RetentionPolicy,
} from '../../../../shared/domain/retention';
import type { Db } from '../../../store/open';
import { createRetentionRepository } from '../../../store/repositories/retention';
import { createSettingsRepository } from '../../../store/repositories/settings';
import type { AuditRecorder } from '../audit';
import { createBackupScheduler } from '../scheduler';
import { createRegisterService, type RegisterDeps } from '../register';
import { createContractEndService, type ContractEndDeps } from './contract-end';
import { firmNotFound } from './errors';
import { runPurge } from './purge';

const LAST_PURGE_KEY = 'privacy.retention.lastPurgeAt';

export interface RetentionOptions {
  now: () => number;
  audit: AuditRecorder;
  log?: (message: string, detail?: unknown) => void;
  dataDir: string;
  /** What the end of a contract exports besides the rows: relevés, invoices' PDFs. */
  exports: ContractEndDeps['exports'];
  invoices: ContractEndDeps['invoices'];
  /** What the register says of the firm, of her, of the SMTP provider and of the backup folders. */
  firmActive: (firmId: string) => boolean;
  firmInvoicing: RegisterDeps['firmInvoicing'];
  processor: RegisterDeps['processor'];
  smtp: RegisterDeps['smtp'];
  backupsDir: () => string;
  backupsCopyDir: () => string | null;
  onFirmRemoved: (firmId: string) => void;
}

/**
 * Per-firm retention and the daily purge (issue 12). The durations are the firm's decision (its processor keeps
 * them): a firm without a saved policy has DEFAULT_RETENTION. The purge runs once a day in the app (the same
 * scheduler as the daily backup: a check after start, then when the last purge is a day old) and on demand from
 * the CLI, `npm run cli -- privacy purge [--dry-run]`.
 */
export function createRetentionService(db: Db, options: RetentionOptions) {
  const repo = createRetentionRepository(db);
  const settings = createSettingsRepository(db);

  function lastPurgeAt(): number | null {
    const value = settings.readAll()[LAST_PURGE_KEY];
    return typeof value === 'number' ? value : null;
  }

  function requireFirm(firmId: string) {
    const firm = repo.firm(firmId);
    if (!firm) throw firmNotFound(firmId);
    return firm;
  }

  function policyOf(firmId: string): FirmRetention {
    requireFirm(firmId);
    const saved = repo.get(firmId);
    return { firmId, policy: saved ?? { ...DEFAULT_RETENTION }, custom: saved !== null, lastPurgeAt: lastPurgeAt() };
  }

  function purge(dryRun: boolean): PurgeReport {
    const at = options.now();
    const report = runPurge(db, repo, options.audit, at, dryRun);
    if (!dryRun) settings.write({ [LAST_PURGE_KEY]: at });
    return report;
  }

  const scheduler = createBackupScheduler({
    name: 'daily purge',
    run: () => {
      const report = purge(false);
      options.log?.('daily purge', { firms: report.firms.length, auditRows: report.auditRows });
    },
    lastBackupAt: lastPurgeAt,
    now: options.now,
    firstDelayMs: 10 * 60_000, // after the first backup check: a purge never precedes the day's backup
    ...(options.log ? { log: options.log } : {}),
  });

  const register = createRegisterService({
    ...options,
    firm: requireFirm,
    policy: (firmId) => policyOf(firmId).policy,
    counts: (firmId) => contract.firmData.counts(firmId),
  });
  const contract = createContractEndService({ ...options, db, retention: repo, register });

  return {
    repo,
    register,
    contract,
    get: policyOf,
    save(firmId: string, policy: RetentionPolicy): FirmRetention {
      requireFirm(firmId);
      db.transaction(() => {
        repo.save(firmId, policy, options.now());
        options.audit.record({ kind: 'retention.changed', firmId, detail: { ...policy } });
      })();
      return policyOf(firmId);
    },
    /** What the purge removes now (dryRun: counts only, nothing changes, no audit entry). */
    purge,
    lastPurgeAt,
    scheduler,
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
