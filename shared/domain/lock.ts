/** The app lock (issue 12): idle time she chooses, between 1 and 15 minutes, 5 by default. */
export const LOCK_IDLE_MINUTES = { min: 1, default: 5, max: 15 } as const;
/** A passphrase: at least 8 characters (a phrase of a few words is best), at most 256. */
export const PASSPHRASE_LENGTH = { min: 8, max: 256 } as const;

/**
 * 'sealed': the app started and the store key needs her passphrase or recovery code (no usable OS keychain);
 * the store is not open yet. 'locked': the app lock is on (idle, OS lock, shortcut). 'unlocked': normal use.
 */
export type LockState = 'sealed' | 'locked' | 'unlocked';

export type LockReason = 'idle' | 'shortcut' | 'os-lock' | 'suspend';

export interface LockStatus {
  state: LockState;
  /** The app lock is on (idle time, OS lock, shortcut); it needs a passphrase. */
  enabled: boolean;
  idleMinutes: number;
  hasPassphrase: boolean;
  /** Sealed at first start without a keychain: she must choose a passphrase (and note the recovery code). */
  needsSetup: boolean;
  /** After too many wrong tries: when the next one is allowed (epoch ms), else null. */
  retryAt: number | null;
}

export interface LockSettings {
  enabled: boolean;
  idleMinutes: number;
}
