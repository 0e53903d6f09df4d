import type { lockMethods } from '../../../shared/contract/methods/lock';
import { PermanenceError } from '../../../shared/api';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

/** With the store open. Before it opens (sealed at start) main/electron/startup-gate.ts answers lock:* itself. */
export function createLockHandlers(services: Services): HandlersFor<keyof typeof lockMethods> {
  const { lock } = services;
  return {
    'lock:status': () => lock.status(),
    'lock:lock': ({ reason }) => lock.lock(reason),
    'lock:unlock': ({ kind, secret }) => lock.unlock(kind, secret),
    'lock:setup': () => {
      throw new PermanenceError('CONFLICT', 'Les clés de chiffrement existent déjà.');
    },
    'lock:setPassphrase': ({ current, next }) => lock.setPassphrase(current, next),
    'lock:renewRecoveryCode': async ({ passphrase }) => ({ recoveryCode: await lock.renewRecoveryCode(passphrase) }),
    'lock:saveSettings': (input) => lock.saveSettings(input),
  };
}
