import type { retentionMethods } from '../../../shared/contract/methods/privacy-retention';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

export function createRetentionHandlers(services: Services): HandlersFor<keyof typeof retentionMethods> {
  const { retention } = services;
  return {
    'privacy:retention': ({ firmId }) => retention.get(firmId),
    'privacy:saveRetention': ({ firmId, policy }) => retention.save(firmId, policy),
    'privacy:purge': ({ dryRun }) => retention.purge(dryRun),
    'privacy:endOfContractExport': ({ firmId }) => retention.contract.exportFirm(firmId),
    'privacy:endOfContractState': ({ firmId }) => retention.contract.latestExport(firmId),
    'privacy:endOfContract': ({ firmId, confirmName }) => retention.contract.endContract(firmId, confirmName),
    'privacy:exportRegister': ({ firmId }) => retention.register.export(firmId),
  };
}
