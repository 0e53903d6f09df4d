import type { rightsMethods } from '../../../shared/contract/methods/privacy-rights';
import type { Services } from '../../services';
import { restoreInApp } from '../../services/privacy/live-restore';
import type { HandlersFor } from './types';

export function createRightsHandlers(services: Services): HandlersFor<keyof typeof rightsMethods> {
  return {
    'privacy:findPerson': (query) => services.rights.find(query),
    'privacy:exportPerson': (query) => services.rights.export(query),
    'privacy:erasePerson': (query) => services.rights.erase(query),
    'privacy:restoreBackup': ({ name }) => restoreInApp(services, name),
  };
}
