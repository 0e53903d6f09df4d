/**
 * The CalDAV sync as the settings screen and the agenda views see it (issue 11). The password never crosses:
 * `hasPassword` says whether the secret store holds one.
 */
export const SYNC_STATUSES = ['never', 'ok', 'error', 'server_empty', 'paused'] as const;
export type SyncStatusName = (typeof SYNC_STATUSES)[number];

/** Why a sync failed, as the UI words it (agendaSync.errors.<code> in the locales). */
export const SYNC_ERROR_CODES = [
  'network',
  'auth',
  'forbidden',
  'not_found',
  'precondition',
  'token_invalid',
  'server',
  'unsupported',
  'server_empty',
  'internal',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface AgendaSyncView {
  agendaId: string;
  serverUrl: string;
  username: string;
  hasPassword: boolean;
  calendarUrl: string | null;
  calendarName: string;
  enabled: boolean;
  status: SyncStatusName;
  errorCode: SyncErrorCode | null;
  /** For the log line under the status (technical, not translated). */
  errorDetail: string;
  lastSyncAt: number | null;
  lastAttemptAt: number | null;
  /** Appointment writes waiting for the server (« en attente de synchronisation »). */
  pending: number;
  /** Appointments waiting for her choice (conflict or deleted on the server). */
  issues: number;
}

export interface DiscoveredCalendarView {
  url: string;
  displayName: string;
  color: string | null;
}

/** An appointment the sync cannot settle alone. */
export interface AppointmentSyncIssue {
  appointmentId: string;
  agendaId: string;
  /** conflict: both sides changed (a 412); cancelled_remote: « annulé côté cabinet » (deleted on the server). */
  kind: 'conflict' | 'cancelled_remote';
  /** Permanence's version. */
  local: { startsAt: number; endsAt: number; callerName: string; status: string };
  /** The server's version of a conflict: its times, whether it is cancelled, and whether that slot is free here. */
  server: { startsAt: number; endsAt: number; cancelled: boolean; slotFree: boolean } | null;
}

/** Per appointment, what the agenda views show beside it. */
export type AppointmentSyncState = 'pending' | 'synced' | 'conflict' | 'cancelled_remote';
