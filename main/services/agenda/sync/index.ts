import { PermanenceError } from '../../../../shared/api';
import type { Appointment } from '../../../../shared/domain/agenda/appointment';
import {
  SYNC_ERROR_CODES,
  type AgendaSyncView,
  type AppointmentSyncIssue,
  type AppointmentSyncState,
  type DiscoveredCalendarView,
  type SyncErrorCode,
} from '../../../../shared/domain/agenda/sync';
import { createAgendaSyncRepository, type SyncAccountRow } from '../../../store/repositories/agenda-sync';
import type { ServiceContext } from '../../context';
import type { SecretStore } from '../../secrets';
import { CalDavError, connectCalDav } from './caldav';
import { createSyncEngine, secretName, type EngineDeps } from './engine';
import { syncError } from './errors';

/**
 * The agendas' two-way CalDAV sync as the app uses it: the account of each agenda (the password in the secret
 * store), the calendar chosen from discovery, the status shown in « Réglages › Agenda › Synchronisation », the
 * appointments waiting for her choice, and the loop (engine.ts) that keeps the calendars and the store agreeing.
 */
export interface AgendaSyncDeps {
  secrets: SecretStore;
  appointments: {
    get(id: string): Appointment | null;
    update(a: Appointment): void;
    occupations(
      agendaIds: readonly string[],
      from: number,
      to: number,
      exceptId?: string,
    ): Array<{ from: number; to: number }>;
  };
  /** Summary and description written to the practitioner's calendar. */
  describe: (appointment: Appointment) => { summary: string; description: string };
  /** The firm's IANA zone (floating times in its calendars are read in it). */
  firmZone: (firmId: string) => string;
  workerBundle?: string | undefined;
  backoff?: EngineDeps['backoff'];
  pullEveryMs?: number;
}

export function createAgendaSync(ctx: ServiceContext, deps: AgendaSyncDeps) {
  const repo = createAgendaSyncRepository(ctx.db);
  const byUid = ctx.db.prepare<[string], { id: string }>('SELECT id FROM appointments WHERE uid = ?');
  const agendaExists = ctx.db.prepare<[string], { id: string }>('SELECT id FROM agendas WHERE id = ?');
  const firmStmt = ctx.db.prepare<[string], { firm_id: string }>('SELECT firm_id FROM agendas WHERE id = ?');
  const firmOfAgenda = (agendaId: string) => firmStmt.get(agendaId)?.firm_id ?? '';
  const occupied = (agendaId: string, start: number, end: number, exceptId: string) =>
    deps.appointments.occupations([agendaId], start, end, exceptId).some((o) => o.from < end && o.to > start);
  const engine = createSyncEngine({
    ctx,
    repo,
    secrets: deps.secrets,
    appointment: (id) => deps.appointments.get(id),
    appointmentByUid: (uid) => {
      const row = byUid.get(uid);
      return row ? deps.appointments.get(row.id) : null;
    },
    applyRemote: (a) => deps.appointments.update(a),
    describe: deps.describe,
    occupied,
    zoneOf: (agendaId) => deps.firmZone(firmOfAgenda(agendaId)),
    workerBundle: deps.workerBundle,
    ...(deps.backoff ? { backoff: deps.backoff } : {}),
    ...(deps.pullEveryMs ? { pullEveryMs: deps.pullEveryMs } : {}),
  });

  function view(row: SyncAccountRow): AgendaSyncView {
    const code = row.errorCode as SyncErrorCode | null;
    return {
      agendaId: row.agendaId,
      serverUrl: row.serverUrl,
      username: row.username,
      hasPassword: deps.secrets.get(secretName(row.agendaId)) !== null,
      calendarUrl: row.calendarUrl,
      calendarName: row.calendarName,
      enabled: row.enabled,
      status: row.status,
      errorCode: code && (SYNC_ERROR_CODES as readonly string[]).includes(code) ? code : code ? 'internal' : null,
      errorDetail: row.errorDetail,
      lastSyncAt: row.lastSyncAt,
      lastAttemptAt: row.lastAttemptAt,
      pending: repo.pendingCount(row.agendaId),
      issues: repo
        .openLinks(firmOfAgenda(row.agendaId))
        .filter((l) => l.state === 'conflict' || l.state === 'cancelled_remote').length,
    };
  }

  function requireAccount(agendaId: string): SyncAccountRow {
    const row = repo.account(agendaId);
    if (!row)
      throw new PermanenceError('NOT_FOUND', 'Aucun compte CalDAV pour cet agenda.', undefined, {
        key: 'agendaSync.errors.noAccount',
      });
    return row;
  }
  const get = (agendaId: string) => view(requireAccount(agendaId));

  function requireLink(appointmentId: string) {
    const link = repo.link(appointmentId);
    const a = deps.appointments.get(appointmentId);
    if (!link || !a || (link.state !== 'conflict' && link.state !== 'cancelled_remote'))
      throw new PermanenceError('NOT_FOUND', 'Aucun désaccord à régler pour ce rendez-vous.', undefined, {
        key: 'agendaSync.errors.noIssue',
      });
    return { link, a };
  }

  return {
    engine,
    repo,
    get: (agendaId: string): AgendaSyncView | null => {
      const row = repo.account(agendaId);
      return row ? view(row) : null;
    },
    save(input: {
      agendaId: string;
      serverUrl: string;
      username: string;
      password?: string | undefined;
      enabled: boolean;
    }): AgendaSyncView {
      if (!agendaExists.get(input.agendaId))
        throw new PermanenceError('NOT_FOUND', 'Agenda inconnu.', undefined, {
          key: 'agendaSync.errors.unknownAgenda',
        });
      const before = repo.account(input.agendaId);
      const sameServer = before && before.serverUrl === input.serverUrl && before.username === input.username;
      ctx.db.transaction(() => {
        repo.saveAccount(
          {
            agendaId: input.agendaId,
            serverUrl: input.serverUrl,
            username: input.username,
            calendarUrl: sameServer ? before.calendarUrl : null,
            calendarName: sameServer ? before.calendarName : '',
            enabled: input.enabled,
          },
          ctx.now(),
        );
        if (!sameServer) repo.resetSync(input.agendaId);
      })();
      if (input.password !== undefined) deps.secrets.set(secretName(input.agendaId), input.password);
      engine.forget(input.agendaId);
      engine.kick();
      return get(input.agendaId);
    },
    /** The calendars of the saved account (network; an error says why in her language). */
    async discover(agendaId: string): Promise<DiscoveredCalendarView[]> {
      const row = requireAccount(agendaId);
      const password = deps.secrets.get(secretName(agendaId));
      if (password === null) throw syncError('auth');
      try {
        const dav = await connectCalDav({ serverUrl: row.serverUrl, username: row.username, password });
        return (await dav.discover()).map(({ url, displayName, color }) => ({ url, displayName, color }));
      } catch (error) {
        if (error instanceof CalDavError) throw syncError(error.failure);
        throw error;
      }
    },
    /** The calendar she chose: busy blocks start over from it, and the agenda's coming appointments are queued. */
    chooseCalendar(agendaId: string, calendarUrl: string, calendarName: string): AgendaSyncView {
      const row = requireAccount(agendaId);
      ctx.db.transaction(() => {
        repo.saveAccount({ ...row, calendarUrl, calendarName }, ctx.now());
        repo.resetSync(agendaId);
        repo.forgetObjects(agendaId);
        for (const id of repo.futureAppointments(agendaId, ctx.now()))
          if (repo.queueOpenFor(id) === 0 && !repo.link(id)?.href) repo.enqueue(id, agendaId, ctx.now());
      })();
      engine.forget(agendaId);
      engine.kick();
      return get(agendaId);
    },
    async syncNow(agendaId: string): Promise<AgendaSyncView> {
      requireAccount(agendaId);
      await engine.push();
      await engine.pull(agendaId);
      return get(agendaId);
    },
    async confirmEmpty(agendaId: string): Promise<AgendaSyncView> {
      requireAccount(agendaId);
      await engine.pull(agendaId, { allowEmpty: true });
      return get(agendaId);
    },
    remove(agendaId: string): { ok: true } {
      ctx.db.transaction(() => {
        repo.forgetObjects(agendaId);
        repo.deleteAccount(agendaId);
      })();
      deps.secrets.delete(secretName(agendaId));
      engine.forget(agendaId);
      return { ok: true };
    },
    issues(firmId: string): AppointmentSyncIssue[] {
      return repo
        .openLinks(firmId)
        .filter((l) => l.state === 'conflict' || l.state === 'cancelled_remote')
        .flatMap((l) => {
          const a = deps.appointments.get(l.appointmentId);
          return a ? [{ link: l, a }] : [];
        })
        .map(({ link: l, a }) => ({
          appointmentId: l.appointmentId,
          agendaId: l.agendaId,
          kind: l.state as AppointmentSyncIssue['kind'],
          local: { startsAt: a.startsAt, endsAt: a.endsAt, callerName: a.callerName, status: a.status },
          server: l.conflict
            ? {
                startsAt: l.conflict.start,
                endsAt: l.conflict.end,
                cancelled: l.conflict.cancelled,
                slotFree: l.conflict.slotFree,
              }
            : null,
        }));
    },
    states(appointmentIds: readonly string[]): Record<string, AppointmentSyncState> {
      const states: Record<string, AppointmentSyncState> = {};
      for (const id of appointmentIds) {
        const link = repo.link(id);
        if (repo.queueOpenFor(id) > 0) states[id] = link?.state === 'conflict' ? 'conflict' : 'pending';
        else if (link) states[id] = link.state;
      }
      return states;
    },
    /**
     * Her choice. Permanence's version: written over the server's (If-Match its etag), or created again when the
     * server had deleted it. The server's: its times applied here (a cancellation cancels here too).
     */
    resolve(appointmentId: string, keep: 'permanence' | 'server'): { ok: true } {
      const { link, a } = requireLink(appointmentId);
      const now = ctx.now();
      ctx.db.transaction(() => {
        if (keep === 'permanence') {
          const etag = link.state === 'conflict' ? (link.conflict?.etag ?? link.etag) : null;
          const href = link.state === 'conflict' ? link.href : null;
          repo.saveLink({ ...link, href, etag, state: 'pending', conflict: null, detail: '' }, now);
          repo.enqueue(a.id, link.agendaId, now);
          return;
        }
        const server = link.conflict;
        const cancelled = link.state === 'cancelled_remote' || server?.cancelled === true;
        deps.appointments.update({
          ...a,
          ...(cancelled
            ? { status: 'cancelled' as const }
            : { startsAt: server!.start, endsAt: server!.end, status: 'moved' as const }),
          updatedBy: 'caldav',
          updatedAt: now,
        });
        repo.markDone(a.id, Number.MAX_SAFE_INTEGER, now);
        if (cancelled && link.state === 'cancelled_remote') repo.deleteLink(a.id);
        else
          repo.saveLink(
            {
              ...link,
              etag: server!.etag,
              state: 'synced',
              conflict: null,
              remoteStart: server!.start,
              remoteEnd: server!.end,
              detail: '',
            },
            now,
          );
      })();
      ctx.emit('caldav:changed', { agendaId: link.agendaId });
      engine.kick();
      return { ok: true };
    },
  };
}
export type AgendaSync = ReturnType<typeof createAgendaSync>;
