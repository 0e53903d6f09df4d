import type { Db } from '../open';

/** Statements of the CalDAV sync (migration 0013); busy blocks are the agenda's table (0010). */

export type SyncStatus = 'never' | 'ok' | 'error' | 'server_empty' | 'paused';
export type LinkState = 'pending' | 'synced' | 'conflict' | 'cancelled_remote';

export interface SyncAccountRow {
  agendaId: string;
  serverUrl: string;
  username: string;
  calendarUrl: string | null;
  calendarName: string;
  syncToken: string | null;
  enabled: boolean;
  status: SyncStatus;
  errorCode: string | null;
  errorDetail: string;
  lastAttemptAt: number | null;
  lastSyncAt: number | null;
  windowFrom: number | null;
  windowTo: number | null;
}

export interface LinkRow {
  appointmentId: string;
  agendaId: string;
  href: string | null;
  etag: string | null;
  state: LinkState;
  sendingRevision: string | null;
  sentRevision: string | null;
  sequence: number;
  remoteStart: number | null;
  remoteEnd: number | null;
  conflict: { etag: string; start: number; end: number; cancelled: boolean; slotFree: boolean } | null;
  detail: string;
}

export interface QueueRow {
  id: string;
  seq: number;
  appointmentId: string;
  agendaId: string;
  state: 'pending' | 'sending' | 'done';
  attempts: number;
  nextAttemptAt: number;
}

type R = Record<string, unknown>;

const toAccount = (r: R): SyncAccountRow => ({
  agendaId: r.id as string,
  serverUrl: r.server_url as string,
  username: r.username as string,
  calendarUrl: (r.calendar_url as string | null) ?? null,
  calendarName: r.calendar_name as string,
  syncToken: (r.sync_token as string | null) ?? null,
  enabled: r.enabled === 1,
  status: r.status as SyncStatus,
  errorCode: (r.error_code as string | null) ?? null,
  errorDetail: r.error_detail as string,
  lastAttemptAt: (r.last_attempt_at as number | null) ?? null,
  lastSyncAt: (r.last_sync_at as number | null) ?? null,
  windowFrom: (r.window_from as number | null) ?? null,
  windowTo: (r.window_to as number | null) ?? null,
});

const toLink = (r: R): LinkRow => ({
  appointmentId: r.id as string,
  agendaId: r.agenda_id as string,
  href: (r.href as string | null) ?? null,
  etag: (r.etag as string | null) ?? null,
  state: r.state as LinkState,
  sendingRevision: (r.sending_revision as string | null) ?? null,
  sentRevision: (r.sent_revision as string | null) ?? null,
  sequence: r.sequence as number,
  remoteStart: (r.remote_start as number | null) ?? null,
  remoteEnd: (r.remote_end as number | null) ?? null,
  conflict:
    r.conflict_etag === null || r.conflict_etag === undefined
      ? null
      : {
          etag: r.conflict_etag as string,
          start: r.conflict_start as number,
          end: r.conflict_end as number,
          cancelled: r.conflict_cancelled === 1,
          slotFree: r.conflict_slot_free === 1,
        },
  detail: r.detail as string,
});

const toQueue = (r: R): QueueRow => ({
  id: r.id as string,
  seq: r.seq as number,
  appointmentId: r.appointment_id as string,
  agendaId: r.agenda_id as string,
  state: r.state as QueueRow['state'],
  attempts: r.attempts as number,
  nextAttemptAt: r.next_attempt_at as number,
});

export function createAgendaSyncRepository(db: Db) {
  const s = {
    account: db.prepare('SELECT * FROM agenda_caldav_accounts WHERE id = ?'),
    accounts: db.prepare('SELECT * FROM agenda_caldav_accounts ORDER BY id'),
    upsertAccount: db.prepare(
      `INSERT INTO agenda_caldav_accounts (id, server_url, username, calendar_url, calendar_name, enabled, created_at, updated_at)
       VALUES (@agendaId, @serverUrl, @username, @calendarUrl, @calendarName, @enabled, @now, @now)
       ON CONFLICT (id) DO UPDATE SET server_url = @serverUrl, username = @username, calendar_url = @calendarUrl,
         calendar_name = @calendarName, enabled = @enabled, updated_at = @now`,
    ),
    resetSync: db.prepare(
      `UPDATE agenda_caldav_accounts SET sync_token = NULL, status = 'never', error_code = NULL, error_detail = '',
         last_sync_at = NULL, window_from = NULL, window_to = NULL WHERE id = ?`,
    ),
    deleteAccount: db.prepare('DELETE FROM agenda_caldav_accounts WHERE id = ?'),
    outcome: db.prepare(
      `UPDATE agenda_caldav_accounts SET status = @status, error_code = @errorCode, error_detail = @errorDetail,
         last_attempt_at = @at, last_sync_at = CASE WHEN @status = 'ok' THEN @at ELSE last_sync_at END WHERE id = @agendaId`,
    ),
    token: db.prepare('UPDATE agenda_caldav_accounts SET sync_token = ?, window_from = ?, window_to = ? WHERE id = ?'),
    objects: db.prepare('SELECT href, etag, uid FROM agenda_caldav_objects WHERE agenda_id = ?'),
    objectByHref: db.prepare('SELECT uid FROM agenda_caldav_objects WHERE agenda_id = ? AND href = ?'),
    series: db.prepare('SELECT href, series FROM agenda_caldav_objects WHERE agenda_id = ? AND series IS NOT NULL'),
    upsertObject: db.prepare(
      `INSERT INTO agenda_caldav_objects (id, agenda_id, href, etag, uid, series, updated_at)
       VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?)
       ON CONFLICT (agenda_id, href) DO UPDATE SET etag = excluded.etag, uid = excluded.uid, series = excluded.series,
         updated_at = excluded.updated_at`,
    ),
    deleteObject: db.prepare('DELETE FROM agenda_caldav_objects WHERE agenda_id = ? AND href = ?'),
    deleteObjects: db.prepare('DELETE FROM agenda_caldav_objects WHERE agenda_id = ?'),
    uidStillUsed: db.prepare('SELECT 1 FROM agenda_caldav_objects WHERE agenda_id = ? AND uid = ? LIMIT 1'),
    clearBlocks: db.prepare('DELETE FROM agenda_busy_blocks WHERE agenda_id = ? AND source_uid = ?'),
    clearAllBlocks: db.prepare('DELETE FROM agenda_busy_blocks WHERE agenda_id = ?'),
    insertBlock: db.prepare(
      `INSERT INTO agenda_busy_blocks (id, agenda_id, start_utc, end_utc, transparent, source_uid, recurrence_id, updated_at)
       VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?)`,
    ),
    link: db.prepare('SELECT * FROM agenda_caldav_links WHERE id = ?'),
    links: db.prepare('SELECT * FROM agenda_caldav_links WHERE agenda_id = ? AND href IS NOT NULL'),
    linkByHref: db.prepare('SELECT * FROM agenda_caldav_links WHERE agenda_id = ? AND href = ?'),
    openLinks: db.prepare(
      `SELECT l.* FROM agenda_caldav_links l JOIN appointments a ON a.id = l.id
       WHERE l.state <> 'synced' AND a.firm_id = ? ORDER BY a.start_utc`,
    ),
    saveLink: db.prepare(
      `INSERT INTO agenda_caldav_links (id, agenda_id, href, etag, state, sending_revision, sent_revision, sequence,
         remote_start, remote_end, conflict_etag, conflict_start, conflict_end, conflict_cancelled, conflict_slot_free,
         detail, updated_at)
       VALUES (@appointmentId, @agendaId, @href, @etag, @state, @sendingRevision, @sentRevision, @sequence,
         @remoteStart, @remoteEnd, @conflictEtag, @conflictStart, @conflictEnd, @conflictCancelled, @conflictSlotFree,
         @detail, @now)
       ON CONFLICT (id) DO UPDATE SET agenda_id = @agendaId, href = @href, etag = @etag, state = @state,
         sending_revision = @sendingRevision, sent_revision = @sentRevision, sequence = @sequence,
         remote_start = @remoteStart, remote_end = @remoteEnd, conflict_etag = @conflictEtag,
         conflict_start = @conflictStart, conflict_end = @conflictEnd, conflict_cancelled = @conflictCancelled,
         conflict_slot_free = @conflictSlotFree, detail = @detail, updated_at = @now`,
    ),
    deleteLink: db.prepare('DELETE FROM agenda_caldav_links WHERE id = ?'),
    queueHeads: db.prepare(
      `SELECT q.* FROM agenda_caldav_queue q
       WHERE q.state <> 'done' AND q.seq = (SELECT min(seq) FROM agenda_caldav_queue p WHERE p.agenda_id = q.agenda_id AND p.state <> 'done')
       ORDER BY q.seq`,
    ),
    queueOpenFor: db.prepare(
      "SELECT count(*) AS n FROM agenda_caldav_queue WHERE appointment_id = ? AND state <> 'done'",
    ),
    queueSending: db.prepare("UPDATE agenda_caldav_queue SET state = 'sending', attempts = attempts + 1 WHERE id = ?"),
    queueDone: db.prepare(
      "UPDATE agenda_caldav_queue SET state = 'done', done_at = ? WHERE appointment_id = ? AND state <> 'done' AND seq <= ?",
    ),
    queueRetry: db.prepare(
      "UPDATE agenda_caldav_queue SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?",
    ),
    queueEarliest: db.prepare("SELECT min(next_attempt_at) AS at FROM agenda_caldav_queue WHERE state <> 'done'"),
    queueCount: db.prepare("SELECT count(*) AS n FROM agenda_caldav_queue WHERE state <> 'done' AND agenda_id = ?"),
    enqueue: db.prepare(
      `INSERT INTO agenda_caldav_queue (id, seq, appointment_id, agenda_id, next_attempt_at, created_at)
       VALUES (lower(hex(randomblob(16))), (SELECT coalesce(max(seq), 0) + 1 FROM agenda_caldav_queue), ?, ?, ?, ?)`,
    ),
    futureAppointments: db.prepare(
      "SELECT id FROM appointments WHERE agenda_id = ? AND end_utc > ? AND status IN ('booked', 'moved') ORDER BY start_utc",
    ),
    // Read-only look at the calls table (0002): the sync pauses while a call rings or is on. Rows older than
    // a few hours left open by a crash do not count.
    callOpen: db.prepare('SELECT EXISTS (SELECT 1 FROM calls WHERE offered_at > ? AND ended_at IS NULL) AS open'),
  };

  return {
    account: (agendaId: string) => {
      const r = s.account.get(agendaId) as R | undefined;
      return r ? toAccount(r) : null;
    },
    accounts: () => (s.accounts.all() as R[]).map(toAccount),
    saveAccount(
      a: {
        agendaId: string;
        serverUrl: string;
        username: string;
        calendarUrl: string | null;
        calendarName: string;
        enabled: boolean;
      },
      now: number,
    ) {
      s.upsertAccount.run({ ...a, enabled: a.enabled ? 1 : 0, now });
    },
    resetSync: (agendaId: string) => void s.resetSync.run(agendaId),
    deleteAccount: (agendaId: string) => void s.deleteAccount.run(agendaId),
    setOutcome(
      agendaId: string,
      status: SyncStatus,
      at: number,
      error: { code: string; detail: string } | null = null,
    ) {
      s.outcome.run({ agendaId, status, at, errorCode: error?.code ?? null, errorDetail: error?.detail ?? '' });
    },
    setToken: (agendaId: string, token: string | null, window: { from: number; to: number }) =>
      void s.token.run(token, window.from, window.to, agendaId),
    objects: (agendaId: string) => s.objects.all(agendaId) as Array<{ href: string; etag: string; uid: string }>,
    objectUid: (agendaId: string, href: string) =>
      (s.objectByHref.get(agendaId, href) as { uid: string } | undefined)?.uid ?? null,
    series: (agendaId: string) => s.series.all(agendaId) as Array<{ href: string; series: string }>,
    saveObject: (
      agendaId: string,
      o: { href: string; etag: string; uid: string; series: string | null },
      now: number,
    ) => void s.upsertObject.run(agendaId, o.href, o.etag, o.uid, o.series, now),
    deleteObject: (agendaId: string, href: string) => void s.deleteObject.run(agendaId, href),
    forgetObjects(agendaId: string) {
      s.deleteObjects.run(agendaId);
      s.clearAllBlocks.run(agendaId);
    },
    uidStillUsed: (agendaId: string, uid: string) => s.uidStillUsed.get(agendaId, uid) !== undefined,
    clearBlocks: (agendaId: string, uid: string) => void s.clearBlocks.run(agendaId, uid),
    insertBlock: (
      agendaId: string,
      b: { start: number; end: number; transparent: boolean; uid: string; recurrenceId: string | null },
      now: number,
    ) => void s.insertBlock.run(agendaId, b.start, b.end, b.transparent ? 1 : 0, b.uid, b.recurrenceId, now),
    link: (appointmentId: string) => {
      const r = s.link.get(appointmentId) as R | undefined;
      return r ? toLink(r) : null;
    },
    links: (agendaId: string) => (s.links.all(agendaId) as R[]).map(toLink),
    linkByHref: (agendaId: string, href: string) => {
      const r = s.linkByHref.get(agendaId, href) as R | undefined;
      return r ? toLink(r) : null;
    },
    openLinks: (firmId: string) => (s.openLinks.all(firmId) as R[]).map(toLink),
    saveLink(link: LinkRow, now: number) {
      const c = link.conflict;
      s.saveLink.run({
        ...link,
        conflictEtag: c?.etag ?? null,
        conflictStart: c?.start ?? null,
        conflictEnd: c?.end ?? null,
        conflictCancelled: c ? (c.cancelled ? 1 : 0) : null,
        conflictSlotFree: c ? (c.slotFree ? 1 : 0) : null,
        conflict: undefined,
        now,
      });
    },
    deleteLink: (appointmentId: string) => void s.deleteLink.run(appointmentId),
    queueHeads: () => (s.queueHeads.all() as R[]).map(toQueue),
    queueOpenFor: (appointmentId: string) => (s.queueOpenFor.get(appointmentId) as { n: number }).n,
    markSending: (id: string) => void s.queueSending.run(id),
    markDone: (appointmentId: string, uptoSeq: number, at: number) => void s.queueDone.run(at, appointmentId, uptoSeq),
    retryAt: (id: string, at: number, error: string) => void s.queueRetry.run(at, error, id),
    earliestDue: () => (s.queueEarliest.get() as { at: number | null }).at,
    pendingCount: (agendaId: string) => (s.queueCount.get(agendaId) as { n: number }).n,
    enqueue: (appointmentId: string, agendaId: string, now: number) =>
      void s.enqueue.run(appointmentId, agendaId, now, now),
    futureAppointments: (agendaId: string, now: number) =>
      (s.futureAppointments.all(agendaId, now) as Array<{ id: string }>).map((r) => r.id),
    callOpen: (since: number) => (s.callOpen.get(since) as { open: number }).open === 1,
  };
}
export type AgendaSyncRepository = ReturnType<typeof createAgendaSyncRepository>;
