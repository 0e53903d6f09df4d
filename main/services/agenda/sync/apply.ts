import type { Appointment } from '../../../../shared/domain/agenda/appointment';
import { splitLongBlock } from '../../../store/repositories/appointments';
import type { AgendaSyncRepository, LinkRow } from '../../../store/repositories/agenda-sync';
import type { ServiceContext } from '../../context';
import { yieldToEventLoop } from '../../import-slices';
import type { OccurrenceColumns, PulledObject, PullResult } from './worker/messages';

/**
 * Writes what the worker read into the store, on the main thread, in short transactions with a yield between
 * them (no task over a few milliseconds while she types). The practitioner's events replace their UID's busy
 * blocks; one of our appointments changed on the server is applied (moved: new times, written by 'caldav' so it
 * queues nothing) or, when she changed it too, left in conflict; deleted on the server, it is flagged
 * « annulé côté cabinet » and never removed here.
 */
export interface ApplyDeps {
  ctx: ServiceContext;
  repo: AgendaSyncRepository;
  appointment: (id: string) => Appointment | null;
  appointmentByUid: (uid: string) => Appointment | null;
  applyRemote: (appointment: Appointment) => void;
  occupied: (agendaId: string, start: number, end: number, exceptId: string) => boolean;
}

/** A server that suddenly lists nothing (or drops nearly everything) is not believed without her word. */
export function looksEmptied(result: PullResult, known: number): boolean {
  if (known < 3) return false;
  if (result.fullCompare) return result.listed === 0;
  return result.deleted.length >= Math.ceil(known * 0.9);
}

const OBJECTS_PER_SLICE = 100;
const BLOCKS_PER_SLICE = 1_000;

export function createApply(deps: ApplyDeps) {
  const { ctx, repo } = deps;

  function ownChanged(agendaId: string, link: LinkRow, object: PulledObject): void {
    const now = ctx.now();
    const own = object.own;
    const a = deps.appointment(link.appointmentId);
    if (!a || !own) return repo.saveLink({ ...link, etag: object.etag }, now);
    const unchanged =
      own.revision === link.sentRevision &&
      own.start === link.remoteStart &&
      own.end === link.remoteEnd &&
      !own.cancelled;
    if (unchanged) return repo.saveLink({ ...link, etag: object.etag }, now);
    const slotFree = !deps.occupied(agendaId, own.start, own.end, a.id);
    if (repo.queueOpenFor(a.id) > 0 || link.state === 'conflict') {
      const conflict = { etag: object.etag, start: own.start, end: own.end, cancelled: own.cancelled, slotFree };
      return repo.saveLink({ ...link, state: 'conflict', conflict }, now);
    }
    if (own.cancelled) return repo.saveLink({ ...link, etag: object.etag, state: 'cancelled_remote' }, now);
    deps.applyRemote({
      ...a,
      startsAt: own.start,
      endsAt: own.end,
      status: 'moved',
      updatedBy: 'caldav',
      updatedAt: now,
    });
    repo.saveLink(
      {
        ...link,
        etag: object.etag,
        state: 'synced',
        remoteStart: own.start,
        remoteEnd: own.end,
        sentRevision: own.revision,
        detail: slotFree ? '' : 'overlap',
      },
      now,
    );
  }

  function foreign(agendaId: string, object: PulledObject, c: OccurrenceColumns, from: number, to: number): void {
    const now = ctx.now();
    const previous = repo.objectUid(agendaId, object.href);
    if (previous && previous !== object.uid) repo.clearBlocks(agendaId, previous);
    repo.saveObject(agendaId, { href: object.href, etag: object.etag, uid: object.uid, series: object.minimised }, now);
    repo.clearBlocks(agendaId, object.uid);
    for (let i = from; i < to; i += 1) {
      const recurrenceId = Number.isNaN(c.recurrenceId[i]!) ? null : new Date(c.recurrenceId[i]!).toISOString();
      for (const [start, end] of splitLongBlock(c.start[i]!, c.end[i]!)) {
        if (end <= start) continue;
        repo.insertBlock(
          agendaId,
          { start, end, transparent: c.transparent[i] === 1, uid: object.uid, recurrenceId },
          now,
        );
      }
    }
  }

  function deleted(agendaId: string, href: string): void {
    const link = repo.linkByHref(agendaId, href);
    if (link) {
      repo.saveLink({ ...link, etag: null, state: 'cancelled_remote' }, ctx.now());
      return;
    }
    const uid = repo.objectUid(agendaId, href);
    repo.deleteObject(agendaId, href);
    if (uid && !repo.uidStillUsed(agendaId, uid)) repo.clearBlocks(agendaId, uid);
  }

  /** Applies a pull; returns the appointments it touched (for the change event). */
  async function apply(agendaId: string, result: PullResult): Promise<string[]> {
    const touched: string[] = [];
    const c = result.occurrences;
    // Occurrences come grouped by object, in object order: [starts[i], starts[i + 1]) are object i's.
    const starts = new Uint32Array(result.objects.length + 1);
    for (let i = 0, k = 0; i <= result.objects.length; i += 1) {
      while (k < c.count && c.object[k]! < i) k += 1;
      starts[i] = k;
    }
    ctx.db.transaction(() => {
      for (const href of result.deleted) {
        const link = repo.linkByHref(agendaId, href);
        if (link) touched.push(link.appointmentId);
        deleted(agendaId, href);
      }
    })();
    for (let first = 0; first < result.objects.length;) {
      // A slice: up to OBJECTS_PER_SLICE objects or BLOCKS_PER_SLICE occurrences, whichever comes first.
      let last = first + 1;
      while (
        last < result.objects.length &&
        last - first < OBJECTS_PER_SLICE &&
        starts[last + 1]! - starts[first]! <= BLOCKS_PER_SLICE
      )
        last += 1;
      // Busy blocks come again from the server if lost, so a slice commits without waiting for the disk
      // (synchronous = NORMAL); FULL is back before anything else runs, and the token is saved under FULL after
      // the last slice (a WAL sync covers every frame before it). Nothing she types is ever written in between.
      ctx.db.pragma('synchronous = NORMAL');
      try {
        writeSlice(first, last);
      } finally {
        ctx.db.pragma('synchronous = FULL');
      }
      first = last;
      await yieldToEventLoop();
    }
    return touched;

    function writeSlice(first: number, last: number): void {
      ctx.db.transaction(() => {
        for (let i = first; i < last; i += 1) {
          const object = result.objects[i]!;
          let link = repo.linkByHref(agendaId, object.href);
          if (!link && object.own) {
            // One of ours without its link (another desk's, or a link lost): adopt it when the appointment is here.
            const a = deps.appointmentByUid(object.uid);
            if (a && !repo.link(a.id)) {
              link = {
                appointmentId: a.id,
                agendaId,
                href: object.href,
                etag: null,
                state: 'synced',
                sendingRevision: null,
                sentRevision: object.own.revision,
                sequence: 0,
                remoteStart: object.own.start,
                remoteEnd: object.own.end,
                conflict: null,
                detail: '',
              };
            }
          }
          if (link) {
            if (link.etag !== object.etag) {
              ownChanged(agendaId, link, object);
              touched.push(link.appointmentId);
            }
          } else foreign(agendaId, object, c, starts[i]!, starts[i + 1]!);
        }
      })();
    }
  }

  return { apply };
}
