import { DateTime } from 'luxon';
import { PermanenceError } from '../../shared/api';
import type { BillingSettings } from '../../shared/domain/billing';
import { callDurations, type CallRecord } from '../../shared/domain/call';
import {
  monthOf,
  type CreateTimeEntry,
  type EntryAuditAction,
  type RunningTimer,
  type TimeEntry,
  type TimeEntryPatch,
} from '../../shared/domain/timesheet';
import { createTimeEntriesRepository, type EntryFilter } from '../store/repositories/time-entries';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import type { SettingsService } from './settings';

/** What other features tell the timesheets about a call's work; see docs/timesheets.md. */
export interface CallWorkObserver {
  /** A call changed (answered, held, transferred, ended): its time entry is created or refreshed once it ended. */
  callChanged(call: CallRecord): void;
  /** The message taken during this call was delivered at `at`: ends the measured after-call work. */
  messageDelivered(callId: string, at: number): void;
}

const MAX_AFTER_CALL_SECONDS = 4 * 3600;
const AFTER_LOCK_NOTE =
  'Appel terminé après le verrouillage du mois : non facturable tant que le mois reste verrouillé.';

export function monthLabel(month: string): string {
  return DateTime.fromISO(`${month}-01`).setLocale('fr').toFormat('LLLL yyyy');
}

/** Entries, timers, call-derived work, edits audited and refused in a locked month. */
export function createTimesheetsService(
  ctx: ServiceContext,
  deps: {
    firms: FirmsService;
    settings: SettingsService;
    getCall: (id: string) => CallRecord | null;
    /** Who the call was with, in words (the message's caller name first); see CallsService.describe. */
    describeCall?: (call: CallRecord) => { counterpart: string };
  },
) {
  const repo = createTimeEntriesRepository(ctx.db);
  const who = () => deps.settings.get().secretaryName.trim() || 'secrétaire';
  const firmOf = (firmId: string) => deps.firms.get(firmId);

  function lockedMonthError(firmId: string, startedAt: number): PermanenceError | null {
    const firm = firmOf(firmId);
    const month = monthOf(startedAt, firm.profile.timeZone);
    if (!repo.lockFor(firmId, month)) return null;
    return new PermanenceError(
      'LOCKED',
      `Le mois de ${monthLabel(month)} est verrouillé pour « ${firm.profile.name} ». Déverrouillez-le dans Facturation pour le modifier.`,
    );
  }
  function assertUnlocked(firmId: string, startedAt: number): void {
    const error = lockedMonthError(firmId, startedAt);
    if (error) throw error;
  }
  function requireEntry(id: string): TimeEntry {
    const entry = repo.get(id);
    if (!entry) throw new PermanenceError('NOT_FOUND', 'Cette saisie de temps n’existe plus.');
    return entry;
  }
  function audit(action: EntryAuditAction, before: TimeEntry | null, after: TimeEntry | null): void {
    const entry = (after ?? before)!;
    repo.audit({ entryId: entry.id, firmId: entry.firmId, action, at: ctx.now(), by: who(), before, after });
  }
  function changed(firmIds: string[]): void {
    ctx.emit('timesheets:changed', { firmIds: [...new Set(firmIds)] });
  }

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

  function create(input: CreateTimeEntry, source: 'manual' | 'timer' = 'manual'): TimeEntry {
    firmOf(input.firmId);
    assertUnlocked(input.firmId, input.startedAt);
    const now = ctx.now();
    const entry: TimeEntry = {
      ...input,
      id: ctx.newId(),
      source,
      callId: null,
      afterCallSeconds: 0,
      importBatchId: null,
      createdAt: now,
      updatedAt: now,
    };
    ctx.db.transaction(() => {
      repo.insert(entry);
      audit('create', null, entry);
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

  function update(id: string, patch: TimeEntryPatch): TimeEntry {
    const before = requireEntry(id);
    assertUnlocked(before.firmId, before.startedAt);
    const after: TimeEntry = { ...before, ...patch, updatedAt: ctx.now() };
    if (patch.firmId) firmOf(patch.firmId);
    assertUnlocked(after.firmId, after.startedAt);
    if (before.source === 'call' && patch.durationSeconds !== undefined) {
      // She corrected a call's time by hand: the correction is the after-call share, the measured talk stays.
      after.afterCallSeconds = Math.max(0, before.afterCallSeconds + patch.durationSeconds - before.durationSeconds);
    }
    ctx.db.transaction(() => {
      repo.update(after);
      audit('update', before, after);
    })();
    changed([before.firmId, after.firmId]);
    return after;
  }

  function remove(id: string): { removed: true } {
    const before = requireEntry(id);
    assertUnlocked(before.firmId, before.startedAt);
    ctx.db.transaction(() => {
      repo.remove(id);
      audit('delete', before, null);
    })();
    changed([before.firmId]);
    return { removed: true };
  }

  function emitTimer(): RunningTimer | null {
    const timer = repo.timer();
    ctx.emit('timesheets:timer', { timer });
    return timer;
  }

  /** Stops the running timer and logs its time as an entry (nothing is logged under one second). */
  function stopTimer(): { entry: TimeEntry | null } {
    const timer = repo.timer();
    if (!timer) return { entry: null };
    const seconds = Math.round((ctx.now() - timer.startedAt) / 1000);
    const { firmId, taskType, startedAt, label, note, urgent, billable } = timer;
    let entry: TimeEntry | null = null;
    if (seconds >= 1) {
      entry = create(
        {
          firmId,
          taskType,
          startedAt,
          label,
          note,
          urgent,
          billable,
          durationSeconds: Math.min(seconds, 24 * 3600),
          quantity: 1,
        },
        'timer',
      );
    }
    ctx.db.transaction(() => repo.clearTimer())();
    emitTimer();
    return { entry };
  }

  return {
    repository: repo,
    who,
    assertUnlocked,
    create: (input: CreateTimeEntry) => create(input, 'manual'),
    update,
    remove,
    get: requireEntry,
    list(filter: EntryFilter) {
      return repo.list(filter);
    },
    auditOf(entryId: string) {
      return repo.auditOf(entryId);
    },
    recordCall,
    recordMessageTaken,
    extendAfterCallWork,
    /** The observer the softphone and messages features use (CallWorkObserver). */
    observer: {
      callChanged: (call: CallRecord) => void recordCall(call),
      messageDelivered: (callId: string, at: number) => void extendAfterCallWork(callId, at),
    } satisfies CallWorkObserver,
    timer: () => repo.timer(),
    /** One timer at a time: starting one stops (and logs) the one running. */
    startTimer(input: Omit<RunningTimer, 'startedAt'>): { timer: RunningTimer; stopped: TimeEntry | null } {
      firmOf(input.firmId);
      const stopped = repo.timer() ? stopTimer().entry : null;
      const timer: RunningTimer = { ...input, startedAt: ctx.now() };
      ctx.db.transaction(() => repo.setTimer(timer))();
      emitTimer();
      return { timer, stopped };
    },
    stopTimer,
    discardTimer(): { timer: null } {
      ctx.db.transaction(() => repo.clearTimer())();
      emitTimer();
      return { timer: null };
    },
  };
}
export type TimesheetsService = ReturnType<typeof createTimesheetsService>;
