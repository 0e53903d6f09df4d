import { DateTime } from 'luxon';
import { PermanenceError } from '../../shared/api';
import type { CallRecord } from '../../shared/domain/call';
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
import { createCallWork } from './timesheets-calls';
import type { FirmsService } from './firms';
import type { SettingsService } from './settings';

/** What other features tell the timesheets about a call's work; see docs/timesheets.md. */
export interface CallWorkObserver {
  /** A call changed (answered, held, transferred, ended): its time entry is created or refreshed once it ended. */
  callChanged(call: CallRecord): void;
  /** The message taken during this call was delivered at `at`: ends the measured after-call work. */
  messageDelivered(callId: string, at: number): void;
}

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
  const callWork = createCallWork(ctx, {
    repo,
    firmOf,
    getCall: deps.getCall,
    describeCall: deps.describeCall,
    lockedMonthError,
    assertUnlocked,
    audit,
    changed,
  });
  const { recordMessageTaken, recordAppointmentTaken, recordCall, extendAfterCallWork } = callWork;

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
    recordAppointmentTaken,
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
