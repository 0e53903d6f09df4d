import type { callsMethods } from '../../../shared/contract/methods/calls';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

export function createCallsHandlers(services: Services): HandlersFor<keyof typeof callsMethods> {
  return {
    'firms:directory': () => services.firms.directory(),
    'calls:offer': (offer) => services.calls.offer(offer),
    'calls:record': (event) => services.calls.record(event),
    'calls:lookupCaller': ({ firmId, callerNumber }) => services.calls.lookupCaller(firmId, callerNumber),
    'calls:list': (filter) => services.calls.list(filter),
    'calls:get': ({ id }) => services.calls.get(id),
    'calls:assignNumber': ({ callId, firmId }) => services.calls.assignNumber(callId, firmId),
  };
}
