import { createHash } from 'node:crypto';
import type { Appointment } from '../../../../shared/domain/agenda/appointment';
import type { AgendaSyncRepository, LinkRow, QueueRow } from '../../../store/repositories/agenda-sync';
import type { ServiceContext } from '../../context';
import { CalDavError, type CalDavConnection } from './caldav';
import { readCalendarObject } from './ics-read';
import { writeAppointmentIcs } from './ics-write';

/**
 * Replays the queue of appointment writes to the firms' calendars, oldest first per agenda, each appointment's
 * pending rows as one write of its current state. Exactly once, as the outbox is for mail:
 * - a new appointment's href is chosen (a fresh name, not its UID) and stored BEFORE the PUT, which carries
 *   `If-None-Match: *`: a retry after a crash can only find its own object there, never make a second one;
 * - every write carries X-PERMANENCE-REV (the appointment's revision): a 412 whose server copy has the revision
 *   being sent is our own write that landed before the crash, not a conflict;
 * - any other 412 is the practitioner's change: the server copy is fetched, its slot checked, and the appointment
 *   marked in conflict for her to choose; nothing is overwritten; a server that lost the object flags
 *   « annulé côté cabinet » and re-creates nothing.
 */
export interface ReplayDeps {
  ctx: ServiceContext;
  repo: AgendaSyncRepository;
  appointment: (id: string) => Appointment | null;
  /** Summary and description written to the practitioner's calendar. */
  describe: (appointment: Appointment) => { summary: string; description: string };
  /** Whether [start, end) of the agenda is taken by something other than this appointment. */
  occupied: (agendaId: string, start: number, end: number, exceptId: string) => boolean;
  /** The agenda's calendar, or null when it has no usable account. */
  connect: (agendaId: string) => Promise<{ dav: CalDavConnection; calendarUrl: string } | null>;
  backoff: { baseMs: number; maxMs: number };
}

export type ReplayOutcome = 'sent' | 'retry' | 'dropped';

const emptyLink = (appointmentId: string, agendaId: string): LinkRow => ({
  appointmentId,
  agendaId,
  href: null,
  etag: null,
  state: 'pending',
  sendingRevision: null,
  sentRevision: null,
  sequence: 0,
  remoteStart: null,
  remoteEnd: null,
  conflict: null,
  detail: '',
});

/**
 * The revision written as X-PERMANENCE-REV: a digest of what the object says, so two changes in the same
 * millisecond differ, and a server copy carrying the revision being sent is exactly that content.
 */
export function revisionOf(a: Appointment, text: { summary: string; description: string }): string {
  return createHash('sha256')
    .update(
      JSON.stringify([a.uid, a.agendaId, a.startsAt, a.endsAt, a.timeZone, a.status, text.summary, text.description]),
    )
    .digest('base64url')
    .slice(0, 22);
}

export function backoffDelay(attempts: number, b: { baseMs: number; maxMs: number }): number {
  return Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

export function createReplay(deps: ReplayDeps) {
  const { ctx, repo } = deps;
  const save = (link: LinkRow) => repo.saveLink(link, ctx.now());

  function synced(link: LinkRow, a: Appointment, etag: string | null, revision: string): LinkRow {
    return {
      ...link,
      etag,
      state: 'synced',
      sendingRevision: null,
      sentRevision: revision,
      remoteStart: a.startsAt,
      remoteEnd: a.endsAt,
      conflict: null,
      detail: '',
    };
  }

  /** What the server holds at `href` is ours at `revision`, or the practitioner's version (a conflict). */
  async function settle412(dav: CalDavConnection, link: LinkRow, a: Appointment, revision: string): Promise<LinkRow> {
    const remote = await dav.get(link.href!);
    if (!remote) return { ...link, etag: null, state: 'cancelled_remote', sendingRevision: null, conflict: null };
    const read = readCalendarObject(remote.data, { from: 0, to: 8.64e15 }, a.timeZone);
    const own = read.ok ? read.own : null;
    if (own && own.revision === revision) return synced(link, a, remote.etag, revision);
    const start = own?.start ?? a.startsAt;
    const end = own?.end ?? a.endsAt;
    return {
      ...link,
      state: 'conflict',
      sendingRevision: null,
      conflict: {
        etag: remote.etag,
        start,
        end,
        cancelled: own?.cancelled ?? false,
        slotFree: !deps.occupied(a.agendaId, start, end, a.id),
      },
    };
  }

  async function write(dav: CalDavConnection, calendarUrl: string, link: LinkRow, a: Appointment): Promise<LinkRow> {
    const described = deps.describe(a);
    const revision = revisionOf(a, described);
    const text = () =>
      writeAppointmentIcs({
        uid: a.uid,
        start: a.startsAt,
        end: a.endsAt,
        timeZone: a.timeZone,
        ...described,
        revision,
        sequence: link.sequence,
        stamp: ctx.now(),
      });
    if (a.status === 'cancelled') {
      if (!link.href) return { ...synced(link, a, null, revision), href: null };
      if (!link.etag) {
        const remote = await dav.get(link.href);
        if (!remote) return { ...synced(link, a, null, revision), href: null };
        link = { ...link, etag: remote.etag };
      }
      try {
        await dav.remove(link.href!, link.etag!);
      } catch (error) {
        if (error instanceof CalDavError && error.failure === 'not_found')
          return { ...synced(link, a, null, revision), href: null };
        if (error instanceof CalDavError && error.failure === 'precondition') return settle412(dav, link, a, revision);
        throw error;
      }
      return { ...synced(link, a, null, revision), href: null };
    }
    if (link.href && !link.etag) {
      // A create was sent and its answer lost (crash, network): what is at the href decides.
      const remote = await dav.get(link.href);
      if (remote) {
        const read = readCalendarObject(remote.data, { from: 0, to: 8.64e15 }, a.timeZone);
        if (!read.ok || read.uid !== a.uid) return { ...link, href: null }; // not ours: a new name next round
        link = { ...link, etag: remote.etag };
        if (read.own?.revision === revision) return synced(link, a, remote.etag, revision);
      }
    }
    if (!link.href || !link.etag) {
      const href = link.href ?? new URL(`${ctx.newId()}.ics`, calendarUrl).href;
      link = { ...link, href, sendingRevision: revision };
      save(link); // the href is known before the PUT: a retry finds it, never makes a second object
      try {
        const created = await dav.create(
          calendarUrl,
          decodeURIComponent(new URL(href).pathname.split('/').pop()!),
          text(),
        );
        const etag = created.etag ?? (await dav.get(created.href))?.etag ?? null;
        return synced({ ...link, href: created.href }, a, etag, revision);
      } catch (error) {
        if (error instanceof CalDavError && error.failure === 'precondition') return settle412(dav, link, a, revision);
        throw error;
      }
    }
    link = { ...link, sequence: link.sequence + 1, sendingRevision: revision };
    save(link);
    try {
      const updated = await dav.update(link.href!, text(), link.etag!);
      const etag = updated.etag ?? (await dav.get(link.href!))?.etag ?? null;
      return synced(link, a, etag, revision);
    } catch (error) {
      if (error instanceof CalDavError && error.failure === 'precondition') return settle412(dav, link, a, revision);
      if (error instanceof CalDavError && error.failure === 'not_found')
        return { ...link, etag: null, state: 'cancelled_remote', sendingRevision: null };
      throw error;
    }
  }

  /** Sends one queue head; the appointment's open rows up to it are done when it is. */
  async function replay(head: QueueRow): Promise<ReplayOutcome> {
    const a = deps.appointment(head.appointmentId);
    const upto = head.seq;
    if (!a) {
      ctx.db.transaction(() => repo.markDone(head.appointmentId, upto, ctx.now()))();
      return 'dropped';
    }
    let link = repo.link(a.id) ?? emptyLink(a.id, a.agendaId);
    if (link.state === 'conflict' || link.state === 'cancelled_remote') {
      // She decides first (resolve): the newer local change waits with the conflict.
      ctx.db.transaction(() => repo.markDone(a.id, upto, ctx.now()))();
      return 'dropped';
    }
    ctx.db.transaction(() => {
      repo.markSending(head.id);
      save({ ...link, state: 'pending' });
    })();
    try {
      if (link.agendaId !== a.agendaId && link.href) {
        // Moved to another practitioner: out of the old calendar first.
        const old = await deps.connect(link.agendaId);
        if (old) link = await write(old.dav, old.calendarUrl, link, { ...a, status: 'cancelled' });
        link = { ...emptyLink(a.id, a.agendaId), sequence: link.sequence };
      }
      const target = await deps.connect(a.agendaId);
      if (!target) {
        ctx.db.transaction(() => {
          repo.markDone(a.id, upto, ctx.now());
          if (!link.href) repo.deleteLink(a.id);
        })();
        return 'dropped';
      }
      link = {
        ...(await write(target.dav, target.calendarUrl, { ...link, agendaId: a.agendaId }, a)),
        agendaId: a.agendaId,
      };
      ctx.db.transaction(() => {
        save(link);
        repo.markDone(a.id, upto, ctx.now());
      })();
      return 'sent';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = ctx.now() + backoffDelay(head.attempts + 1, deps.backoff);
      ctx.db.transaction(() => {
        repo.retryAt(head.id, at, message);
        // The stored link (with the href chosen before the PUT), not this function's older copy.
        save({ ...(repo.link(a.id) ?? link), state: 'pending', detail: message });
      })();
      return 'retry';
    }
  }

  return { replay };
}
