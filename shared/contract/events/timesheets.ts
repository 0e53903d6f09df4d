import { event } from '../define';
import type { RunningTimer } from '../../domain/timesheet';

export const timesheetsEvents = {
  /** Entries or locks changed for these firms (empty: possibly every firm, e.g. a lock for all). */
  'timesheets:changed': event<{ firmIds: string[] }>(),
  /** The running timer started, stopped or was discarded. */
  'timesheets:timer': event<{ timer: RunningTimer | null }>(),
  /** An export job wrote a file (file null at the start). */
  'exports:progress': event<{ jobId: string; done: number; total: number; file: string | null; finished: boolean }>(),
};
