import type { Dispatch } from './dispatch';

/**
 * What main still answers while the app is locked: the lock itself, and what a call that rings needs to be
 * shown and answered (the firm directory for its greeting, the caller's lookup, the call's record, the line and
 * its account, the public holidays) — nothing that lists firms' callers or messages. `messages:saveDraft` stays open so that the
 * message she was typing when the lock fell is saved as the call desk unmounts (its result is what she sent).
 */
export const ALLOWED_WHILE_LOCKED: ReadonlySet<string> = new Set([
  'lock:status',
  'lock:unlock',
  'lock:lock',
  'recovery:status',
  'settings:get',
  'calendar:publicHolidays',
  'firms:directory',
  'calls:offer',
  'calls:record',
  'calls:lookupCaller',
  'shell:lineStatus',
  'sip:credentials',
  'sip:callerIds',
  'messages:saveDraft',
]);

export function guardAppLock(dispatch: Dispatch, isLocked: () => boolean): Dispatch {
  return async (name, input) => {
    if (!isLocked() || ALLOWED_WHILE_LOCKED.has(name)) return dispatch(name, input);
    return {
      ok: false,
      error: {
        code: 'APP_LOCKED',
        message: 'Permanence est verrouillé : déverrouillez-le pour continuer.',
        text: { key: 'errors.APP_LOCKED' },
      },
    };
  };
}
