import type { sipMethods } from '../../../shared/contract/methods/sip';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

export function createSipHandlers(services: Services): HandlersFor<keyof typeof sipMethods> {
  return {
    'sip:getAccount': () => services.sipAccount.view(),
    'sip:saveAccount': ({ account, password }) => services.sipAccount.save(account, password),
    'sip:credentials': () => services.sipAccount.credentials(),
    'sip:callerIds': () => services.sipAccount.callerIds(),
    'sip:setCallerId': ({ firmId, callerId }) => services.sipAccount.setCallerId(firmId, callerId),
    'shell:incomingCall': ({ firmName, callerLabel }) => {
      services.platform.notifyIncomingCall({ firmName, callerLabel });
      services.platform.bringToFront();
      return { ok: true as const };
    },
    'shell:lineStatus': ({ state }) => {
      services.platform.setTrayStatus(state);
      return { ok: true as const };
    },
  };
}
