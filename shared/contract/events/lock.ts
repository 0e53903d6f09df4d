import { event } from '../define';
import type { LockReason, LockStatus } from '../../domain/lock';

export const lockEvents = {
  /** Locked (idle, shortcut, OS lock or suspend) or unlocked, or its settings changed: every window follows. */
  'lock:changed': event<LockStatus & { reason: LockReason | null }>(),
};
