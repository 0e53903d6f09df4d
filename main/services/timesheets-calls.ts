import { PermanenceError } from '../../shared/api';
import type { BillingSettings } from '../../shared/domain/billing';
import { callDurations, type CallRecord } from '../../shared/domain/call';
import type { EntryAuditAction, TimeEntry } from '../../shared/domain/timesheet';
import type { TimeEntriesRepository } from '../store/repositories/time-entries';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';

const MAX_AFTER_CALL_SECONDS = 4 * 3600;
const AFTER_LOCK_NOTE =
  'Appel terminé après le verrouillage du mois : non facturable tant que le mois reste verrouillé.';

export interface CallWorkDeps {
  repo: TimeEntriesRepository;
  firmOf: FirmsService['get'];
  getCall(id: string): CallRecord | null;
  /** Who the call was with, in words (the message's caller name first); see CallsService.describe. */
  describeCall?: ((call: CallRecord) => { counterpart: string }) | undefined;
  lockedMonthError(firmId: string, startedAt: number): PermanenceError | null;
  assertUnlocked(firmId: string, startedAt: number): void;
  audit(action: EntryAuditAction, before: TimeEntry | null, after: TimeEntry | null): void;
  changed(firmIds: string[]): void;
}

/**
 * The time entries that come from the phone: a call's handled time and after-call work, its label (who it was
 * with), and the "message pris" task of a message taken on it; demo calls' work is marked demo. See
 * docs/timesheets.md.
 */
export function createCallWork(ctx: ServiceContext, deps: CallWorkDeps) {
  const { repo, firmOf, lockedMonthError, assertUnlocked, audit, changed } = deps;

  /**
   * A message taken becomes a "message pris" task when the firm bills messages as tasks (a unit price, or a
   * forfait counting them). Its time is already in the call's after-call work, so the entry lasts 0 s; for a firm
   * billed only by time it would be a 0 € line, so none is made. Corrections and re-sends never add a second one.
   */
  function recordMessageTaken(message: {
    id: string;
    firmId: string;
    callId: string | null;
    at: number;
    label: string;
    urgent: boolean;
  }): TimeEntry | null {
    if (message.callId) refreshCallLabel(message.callId);
    const existing = repo.getByMessage(message.id);
    if (existing) return existing;
    const billing = firmOf(message.firmId).billing as BillingSettings;
    const countsAsTask =
      billing.perTask.unitPriceCents.message !== undefined ||
      (billing.forfait.enabled && billing.forfait.taskTypes.includes('message'));
    if (!countsAsTask) return null;
    const locked = lockedMonthError(message.firmId, message.at) !== null;
    const now = ctx.now();
    const entry: TimeEntry = {
      id: ctx.newId(),
      firmId: message.firmId,
      source: 'manual',
      callId: null,
      taskType: 'message',
      startedAt: message.at,
      durationSeconds: 0,
      afterCallSeconds: 0,
      quantity: 1,
      billable: !locked,
      urgent: message.urgent,
      label: message.label,
      note: locked ? AFTER_LOCK_NOTE : '',
      importBatchId: null,
      createdAt: now,
      updatedAt: now,
      // A message taken on a demo call is demo work too.
      demo: message.callId ? (deps.getCall(message.callId)?.demo ?? false) : false,
    };
    ctx.db.transaction(() => {
      repo.insert(entry);
      repo.linkMessage(message.id, entry.id);
      audit(locked ? 'create-after-lock' : 'create', null, entry);
    })();
    changed([entry.firmId]);
    return entry;
  }

  /** After-call work of a call for this firm's rules, keeping a measured value already recorded. */
  function afterCallSecondsFor(billing: BillingSettings, existing: TimeEntry | null): number {
    switch (billing.afterCallWork.mode) {
      case 'fixed':
        return billing.afterCallWork.fixedSeconds;
      case 'until-delivered':
        return existing?.afterCallSeconds ?? 0;
      default:
        return 0;
    }
  }

  /**
   * Creates or refreshes the time entry of an ended, answered call that belongs to a firm. In a locked month
   * an existing entry is left alone; a new one is still recorded (the call happened) but not billable, with a
   * note and an audit row, so the locked totals do not move and nothing is lost. See docs/timesheets.md.
   */
  function recordCall(call: CallRecord): TimeEntry | null {
    if (call.endedAt === null || call.answeredAt === null || call.firmId === null) return null;
    const firm = firmOf(call.firmId);
    const existing = repo.getByCall(call.id);
    const locked = lockedMonthError(call.firmId, call.answeredAt) !== null;
    if (existing && locked) return existing;
    const { handledSeconds } = callDurations(call);
    const afterCall = afterCallSecondsFor(firm.billing, existing);
    const now = ctx.now();
    const base = {
      firmId: call.firmId,
      taskType: call.direction === 'outbound' ? ('outgoing-call' as const) : ('call' as const),
      startedAt: call.answeredAt,
      durationSeconds: handledSeconds + afterCall,
      afterCallSeconds: afterCall,
      label: callLabel(call),
    };
    let entry: TimeEntry;
    if (existing) {
      entry = { ...existing, ...base, updatedAt: now };
      ctx.db.transaction(() => repo.update(entry))();
    } else {
      entry = {
        ...base,
        id: ctx.newId(),
        source: 'call',
        callId: call.id,
        quantity: 1,
        billable: !locked,
        urgent: false,
        note: locked ? AFTER_LOCK_NOTE : '',
        importBatchId: null,
        createdAt: now,
        updatedAt: now,
        demo: call.demo,
      };
      ctx.db.transaction(() => {
        repo.insert(entry);
        if (locked) audit('create-after-lock', null, entry);
      })();
    }
    changed([entry.firmId]);
    return entry;
  }

  function callLabel(call: CallRecord): string {
    const named = deps.describeCall?.(call).counterpart;
    if (named) return named;
    return call.callerName || call.callerNumber || (call.anonymous ? 'Appel masqué' : 'Appel');
  }

  /**
   * A message was taken on this call: its entry takes the caller's name she typed (« Marc Delorme » instead of
   * what the network said). Left alone in a locked month, like every other change to a call's entry.
   */
  function refreshCallLabel(callId: string): void {
    const entry = repo.getByCall(callId);
    const call = deps.getCall(callId);
    if (!entry || !call || lockedMonthError(entry.firmId, entry.startedAt)) return;
    const label = callLabel(call);
    if (label === entry.label) return;
    ctx.db.transaction(() => repo.update({ ...entry, label, updatedAt: ctx.now() }))();
    changed([entry.firmId]);
  }

  /**
   * 'until-delivered' after-call work: the time from the end of the call (or its transfer) until `at`, when the
   * message taken during it was delivered. Ignored for firms with another mode. Refused in a locked month.
   */
  function extendAfterCallWork(callId: string, at: number): TimeEntry {
    const entry = repo.getByCall(callId);
    const call = deps.getCall(callId);
    if (!entry || !call) throw new PermanenceError('NOT_FOUND', 'Aucune saisie de temps pour cet appel.');
    const firm = firmOf(entry.firmId);
    if (firm.billing.afterCallWork.mode !== 'until-delivered') return entry;
    assertUnlocked(entry.firmId, entry.startedAt);
    const end = call.transferredAt ?? call.endedAt ?? at;
    const afterCall = Math.min(MAX_AFTER_CALL_SECONDS, Math.max(0, Math.round((at - end) / 1000)));
    const updated: TimeEntry = {
      ...entry,
      durationSeconds: entry.durationSeconds - entry.afterCallSeconds + afterCall,
      afterCallSeconds: afterCall,
      updatedAt: ctx.now(),
    };
    ctx.db.transaction(() => repo.update(updated))();
    changed([entry.firmId]);
    return updated;
  }

  /**
   * An appointment booked becomes an « RDV pris » task when the firm bills appointments as tasks (a unit price,
   * or a forfait counting them), on the same terms as a message taken (0 s: its time is in the call). The agenda
   * service keeps the entry's id on the appointment, so a move or a re-import never adds a second one.
   */
  function recordAppointmentTaken(appointment: {
    firmId: string;
    callId: string | null;
    at: number;
    label: string;
  }): TimeEntry | null {
    const billing = firmOf(appointment.firmId).billing as BillingSettings;
    const countsAsTask =
      billing.perTask.unitPriceCents.appointment !== undefined ||
      (billing.forfait.enabled && billing.forfait.taskTypes.includes('appointment'));
    if (!countsAsTask) return null;
    const locked = lockedMonthError(appointment.firmId, appointment.at) !== null;
    const now = ctx.now();
    const entry: TimeEntry = {
      id: ctx.newId(),
      firmId: appointment.firmId,
      source: 'manual',
      callId: null,
      taskType: 'appointment',
      startedAt: appointment.at,
      durationSeconds: 0,
      afterCallSeconds: 0,
      quantity: 1,
      billable: !locked,
      urgent: false,
      label: appointment.label,
      note: locked ? AFTER_LOCK_NOTE : '',
      importBatchId: null,
      createdAt: now,
      updatedAt: now,
      demo: appointment.callId ? (deps.getCall(appointment.callId)?.demo ?? false) : false,
    };
    ctx.db.transaction(() => {
      repo.insert(entry);
      audit(locked ? 'create-after-lock' : 'create', null, entry);
    })();
    changed([entry.firmId]);
    return entry;
  }

  return { recordMessageTaken, recordAppointmentTaken, recordCall, extendAfterCallWork };
}
