import { PermanenceError } from '../../shared/api';
import type { MonthOverviewRow } from '../../shared/contract/methods/timesheets';
import { computeMonth, monthPeriod, type MonthStatement } from '../../shared/domain/billing';
import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import { computeKpi, type KpiReport } from '../../shared/domain/kpi';
import { toBillableEntry, type MonthLock, type TimeEntry } from '../../shared/domain/timesheet';
import type { CallsRepository } from '../store/repositories/calls';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import { monthLabel, type TimesheetsService } from './timesheets';
import type { AuditRecorder } from './privacy/audit';

/** One firm's month: the statement computed with its own rules, its KPIs, and the entries behind the lines. */
export interface FirmMonth {
  firm: FirmDetail;
  month: string;
  statement: MonthStatement;
  kpi: KpiReport;
  /** The entries of the month (notes and sources for the detail); non-billable ones included, demo ones never. */
  entries: TimeEntry[];
  lock: MonthLock | null;
  /** Entries of demo calls this month, left out of everything above. */
  demoEntryCount: number;
}

export function createBillingService(
  ctx: ServiceContext,
  deps: { firms: FirmsService; timesheets: TimesheetsService; calls: CallsRepository; audit?: AuditRecorder },
) {
  const repo = deps.timesheets.repository;

  function firmMonth(firmId: string, month: string): FirmMonth {
    const firm = deps.firms.get(firmId);
    const timeZone = firm.profile.timeZone;
    const period = monthPeriod(month, timeZone);
    // Demo and simulated calls (and what was logged from them) never reach the statement, the KPIs or exports.
    const all = repo.between(firmId, period.start, period.end);
    const entries = all.filter((e) => !e.demo);
    const statement = computeMonth({ settings: firm.billing, timeZone, month, entries: entries.map(toBillableEntry) });
    const calls = deps.calls.between(period.start, period.end, firmId).filter((c) => !c.demo);
    const afterCallSeconds = new Map<string, number>();
    for (const e of entries) if (e.callId) afterCallSeconds.set(e.callId, e.afterCallSeconds);
    const kpi = computeKpi({
      calls,
      timeZone,
      serviceLevelSeconds: firm.billing.serviceLevelSeconds,
      messagesTaken: repo.messagesTaken(firmId, period.start, period.end),
      afterCallSeconds,
    });
    const demoEntryCount = all.length - entries.length;
    return { firm, month, statement, kpi, entries, lock: repo.lockFor(firmId, month), demoEntryCount };
  }

  function lockScopeName(firmId: string | null): string {
    return firmId ? `« ${deps.firms.get(firmId).profile.name} »` : 'tous les cabinets';
  }

  return {
    firmMonth,
    /** Every active firm's month, for the Facturation screen. */
    overview(month: string): MonthOverviewRow[] {
      return deps.firms.list().map((summary) => {
        const { firm, statement, kpi, entries, lock, demoEntryCount } = firmMonth(summary.id, month);
        return {
          firmId: firm.id,
          firmName: firm.profile.name,
          color: firm.profile.color,
          timeZone: firm.profile.timeZone,
          totalCents: statement.totalCents,
          lineCount: statement.lines.length,
          actualSeconds: statement.lines.reduce((sum, l) => sum + l.actualSeconds, 0),
          billedSeconds: statement.time.billedSeconds,
          entryCount: entries.length,
          demoEntryCount,
          callsOffered: kpi.offered,
          answerRate: kpi.answerRate,
          lock,
        };
      });
    },
    lock(firmId: string | null, month: string, reason: string): MonthLock {
      if (firmId) deps.firms.get(firmId);
      if (repo.isLockedExactly(firmId, month)) {
        throw new PermanenceError(
          'CONFLICT',
          `Le mois de ${monthLabel(month)} est déjà verrouillé pour ${lockScopeName(firmId)}.`,
        );
      }
      const at = ctx.now();
      ctx.db.transaction(() => repo.lock(firmId, month, at, deps.timesheets.who(), reason))();
      ctx.emit('timesheets:changed', { firmIds: firmId ? [firmId] : [] });
      return { firmId, month, lockedAt: at, lockedBy: deps.timesheets.who() };
    },
    unlock(firmId: string | null, month: string, reason: string): { unlocked: true } {
      if (!repo.isLockedExactly(firmId, month)) {
        throw new PermanenceError(
          'CONFLICT',
          `Le mois de ${monthLabel(month)} n’est pas verrouillé pour ${lockScopeName(firmId)}.`,
        );
      }
      ctx.db.transaction(() => {
        repo.unlock(firmId, month, ctx.now(), deps.timesheets.who(), reason);
        // Audit (issue 12): the month and the scope, not the reason (free text).
        deps.audit?.record({ kind: 'billing.month-unlocked', firmId, subject: month, detail: { allFirms: !firmId } });
      })();
      ctx.emit('timesheets:changed', { firmIds: firmId ? [firmId] : [] });
      return { unlocked: true };
    },
    locks: (month: string) => repo.locksOf(month),
    lockAudit: (month: string) => repo.lockAuditOf(month),
  };
}
export type BillingService = ReturnType<typeof createBillingService>;
