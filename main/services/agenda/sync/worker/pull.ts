import { CalDavError, connectCalDav, type CalDavConnection } from '../caldav';
import { readCalendarObject, type Occurrence, type Window } from '../ics-read';
import type { ExpandResult, OccurrenceColumns, PulledObject, PullRequest, PullResult } from './messages';

/**
 * The reading half of a sync, run in the sync worker: what changed on the server (sync-collection from the token,
 * or every etag compared when there is none or it was refused), the changed objects fetched in batches, read and
 * expanded. `checkpoint` is called between steps and objects: it blocks while a call is on (worker.ts), so no
 * expansion runs during a call. Nothing here writes the store; the main thread applies the result.
 */
export type Checkpoint = () => void;

class ColumnsBuilder {
  private object: number[] = [];
  private start: number[] = [];
  private end: number[] = [];
  private transparent: number[] = [];
  private recurrenceId: number[] = [];
  add(index: number, occurrences: Occurrence[]): void {
    for (const o of occurrences) {
      this.object.push(index);
      this.start.push(o.start);
      this.end.push(o.end);
      this.transparent.push(o.transparent ? 1 : 0);
      this.recurrenceId.push(o.recurrenceId ?? Number.NaN);
    }
  }
  build(): OccurrenceColumns {
    return {
      count: this.object.length,
      object: Uint32Array.from(this.object),
      start: Float64Array.from(this.start),
      end: Float64Array.from(this.end),
      transparent: Uint8Array.from(this.transparent),
      recurrenceId: Float64Array.from(this.recurrenceId),
    };
  }
}

export const transferablesOf = (c: OccurrenceColumns): ArrayBuffer[] =>
  [c.object, c.start, c.end, c.transparent, c.recurrenceId].map((a) => a.buffer as ArrayBuffer);

function readInto(
  columns: ColumnsBuilder,
  objects: PulledObject[],
  source: { href: string; etag: string; data: string },
  window: Window,
  firmZone: string,
): void {
  const read = readCalendarObject(source.data, window, firmZone, { keepSeries: true });
  const index = objects.length;
  if (!read.ok) {
    objects.push({
      href: source.href,
      etag: source.etag,
      uid: '',
      recurring: false,
      own: null,
      minimised: null,
      unreadable: read.reason,
    });
    return;
  }
  objects.push({
    href: source.href,
    etag: source.etag,
    uid: read.uid,
    recurring: read.recurring,
    own: read.own,
    minimised: read.minimised,
    unreadable: null,
  });
  // Ours too: one from another desk is a busy block here; the main thread skips those it has a link for.
  columns.add(index, read.occurrences);
}

async function listChanges(dav: CalDavConnection, request: PullRequest, checkpoint: Checkpoint) {
  if (request.token) {
    try {
      const changes = await dav.changesSince(request.calendarUrl, request.token);
      return { ...changes, tokenRefused: false, fullCompare: false, listed: 0 };
    } catch (error) {
      if (!(error instanceof CalDavError) || error.failure !== 'token_invalid') throw error;
    }
  }
  checkpoint();
  // Everything the server holds, with a new token when it offers sync-collection, compared etag by etag.
  let token: string | null = null;
  let listed: Array<{ href: string; etag: string }>;
  try {
    const all = await dav.changesSince(request.calendarUrl, null);
    token = all.token;
    listed = all.changed;
  } catch (error) {
    if (!(error instanceof CalDavError) || (error.failure !== 'token_invalid' && error.failure !== 'forbidden'))
      throw error;
    listed = await dav.listEtags(request.calendarUrl);
  }
  const known = new Map(request.known.hrefs.map((href, i) => [href, request.known.etags[i]!]));
  const present = new Set(listed.map((o) => o.href));
  return {
    token,
    changed: listed.filter((o) => known.get(o.href) !== o.etag),
    deleted: request.known.hrefs.filter((href) => !present.has(href)),
    tokenRefused: request.token !== null,
    fullCompare: true,
    listed: listed.length,
  };
}

const BATCH = 1000;

export async function pull(request: PullRequest, checkpoint: Checkpoint): Promise<PullResult> {
  let networkMs = 0;
  let expandMs = 0;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      networkMs += performance.now() - started;
    }
  };
  const dav = await connectCalDav(request.account);
  checkpoint();
  const changes = await timed(() => listChanges(dav, request, checkpoint));
  const objects: PulledObject[] = [];
  const columns = new ColumnsBuilder();
  const hrefs = changes.changed.map((c) => c.href);
  for (let i = 0; i < hrefs.length; i += BATCH) {
    checkpoint();
    const fetched = await timed(() => dav.fetchObjects(request.calendarUrl, hrefs.slice(i, i + BATCH)));
    const started = performance.now();
    for (const object of fetched) {
      checkpoint();
      readInto(columns, objects, object, request.window, request.firmZone);
    }
    expandMs += performance.now() - started;
  }
  return {
    token: changes.token,
    tokenRefused: changes.tokenRefused,
    fullCompare: changes.fullCompare,
    listed: changes.listed,
    deleted: changes.deleted,
    objects,
    occurrences: columns.build(),
    networkMs,
    expandMs,
  };
}

export function expand(
  sources: Array<{ href: string; data: string }>,
  window: Window,
  firmZone: string,
  checkpoint: Checkpoint,
): ExpandResult {
  const started = performance.now();
  const objects: PulledObject[] = [];
  const columns = new ColumnsBuilder();
  for (const source of sources) {
    checkpoint();
    readInto(columns, objects, { ...source, etag: '' }, window, firmZone);
  }
  return { objects, occurrences: columns.build(), expandMs: performance.now() - started };
}
