import type { CalDavAccount, CalDavFailure } from '../caldav';
import type { OwnEvent, Window } from '../ics-read';

/** What the sync worker is started with: a flag the main thread raises while a call rings or is on. */
export interface SyncWorkerSetup {
  /** Int32Array over a SharedArrayBuffer: [0] = 1 while the sync must pause (a call); [1] = 1 while held by it. */
  pause: SharedArrayBuffer;
}

export interface PullRequest {
  kind: 'pull';
  account: CalDavAccount;
  calendarUrl: string;
  /** null: no token yet, or the last one was refused: compare every etag. */
  token: string | null;
  /** What the store holds for this calendar, to compare etags against. */
  known: { hrefs: string[]; etags: string[] };
  window: Window;
  firmZone: string;
}

/** Series already stored (minimised), expanded again over a new window without the network. */
export interface ExpandRequest {
  kind: 'expand';
  objects: Array<{ href: string; data: string }>;
  window: Window;
  firmZone: string;
}

export type SyncWorkerRequest = { id: number } & (PullRequest | ExpandRequest);

export interface PulledObject {
  href: string;
  etag: string;
  uid: string;
  recurring: boolean;
  /** Set when the object is one of Permanence's appointments (UID …@permanence). */
  own: OwnEvent | null;
  /** The series without summary, description, attendees; null for a single event. */
  minimised: string | null;
  /** Why the object could not be read (it then keeps no occurrence). */
  unreadable: string | null;
}

/** Occurrences as columns (transferred, not cloned): object index, instants, free/busy, recurrence id or NaN. */
export interface OccurrenceColumns {
  count: number;
  object: Uint32Array;
  start: Float64Array;
  end: Float64Array;
  transparent: Uint8Array;
  recurrenceId: Float64Array;
}

export interface PullResult {
  /** The token to store (null when the server offers no sync-collection). */
  token: string | null;
  /** The token given was refused, so every etag was compared. */
  tokenRefused: boolean;
  /** Every object's etag was compared (no token, or refused): `listed` is then what the server holds. */
  fullCompare: boolean;
  listed: number;
  deleted: string[];
  objects: PulledObject[];
  occurrences: OccurrenceColumns;
  networkMs: number;
  expandMs: number;
}

export interface ExpandResult {
  objects: PulledObject[];
  occurrences: OccurrenceColumns;
  expandMs: number;
}

export interface SyncWorkerFailure {
  failure: CalDavFailure | 'internal';
  message: string;
  status: number | null;
}

export type SyncWorkerResponse =
  | { id: number; pulled: PullResult }
  | { id: number; expanded: ExpandResult }
  | { id: number; error: SyncWorkerFailure };
