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
import { createBackupScheduler, DAY_MS } from '../scheduler';
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

  let running: Promise<PurgeReport> | null = null;
  let failedAt: number | null = null;

  /** One purge at a time: a second call while one runs gets the same answer (the scheduler, the CLI, the UI). */
  function purge(dryRun: boolean): Promise<PurgeReport> {
    if (dryRun) return runPurge(db, repo, options.audit, options.now(), true);
    running ??= runPurge(db, repo, options.audit, options.now(), false)
      .then((report) => {
        settings.write({ [LAST_PURGE_KEY]: report.at });
        failedAt = null;
        return report;
      })
      .catch((error: unknown) => {
        failedAt = options.now();
        throw error;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  // The backup scheduler, whose job is synchronous: the purge runs on in the background and the next check
  // (a minute later at the earliest) sees it done, or still running (no second one), or failed an hour ago.
  const scheduler = createBackupScheduler({
    name: 'daily purge',
    run: () => {
      purge(false).then(
        (report) => options.log?.('daily purge', { firms: report.firms.length, auditRows: report.auditRows }),
        (error: unknown) => options.log?.('daily purge failed; retried in an hour', error),
      );
    },
    lastBackupAt: () => {
      if (running) return options.now() - DAY_MS + 60_000; // checked again in a minute, never started twice
      const last = lastPurgeAt();
      // After a failure, the next attempt an hour later (the check sees a purge 23 hours old).
      const retry = failedAt === null ? null : failedAt - DAY_MS + DAY_MS / 24;
      return last === null && retry === null ? null : Math.max(last ?? -Infinity, retry ?? -Infinity);
    },
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
