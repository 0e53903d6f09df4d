import type { privacyMethods } from '../../../shared/contract/methods/privacy';
import type { Services } from '../../services';
import { createRetentionHandlers } from './privacy-retention';
import { createRightsHandlers } from './privacy-rights';
import type { HandlersFor } from './types';

export function createPrivacyHandlers(services: Services): HandlersFor<keyof typeof privacyMethods> {
  return {
    ...createRightsHandlers(services),
    ...createRetentionHandlers(services),
    'privacy:backupNow': () => services.privacy.backupNow(),
    'privacy:listBackups': () => services.privacy.backups.list(),
    'privacy:backupSettings': () => services.privacy.backupSettings(),
    'privacy:saveBackupSettings': ({ folder }) => services.privacy.saveBackupSettings({ folder }),
  };
}
