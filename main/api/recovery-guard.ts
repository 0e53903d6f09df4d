import type { StoreDamage } from '../../shared/domain/recovery';
import type { Dispatch } from './dispatch';

/**
 * Recovery mode: the store could not be opened, so only recovery:* methods are answered; every other call is
 * refused with STORE_DAMAGED (the services behind them run on an empty placeholder and must never be reached).
 */
export function guardRecoveryMode(dispatch: Dispatch, damage: StoreDamage | null): Dispatch {
  if (!damage) return dispatch;
  return async (name, input) => {
    if (name.startsWith('recovery:')) return dispatch(name, input);
    return {
      ok: false,
      error: {
        code: 'STORE_DAMAGED',
        message: 'La base de données ne peut pas être ouverte : Permanence est en mode récupération.',
        text: { key: 'errors.STORE_DAMAGED' },
      },
    };
  };
}
