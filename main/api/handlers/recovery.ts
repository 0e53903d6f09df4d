import type { recoveryMethods } from '../../../shared/contract/methods/recovery';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

export function createRecoveryHandlers(services: Services): HandlersFor<keyof typeof recoveryMethods> {
  return {
    'recovery:status': () => services.recovery.status(),
    'recovery:restore': ({ backup }) => services.recovery.restore(backup),
    'recovery:restart': () => services.recovery.restart(),
    'recovery:exportReadable': () => services.recovery.exportReadable(),
  };
}
