import type { messagesMethods } from '../../../shared/contract/methods/messages';
import type { Services } from '../../services';
import { fromContract } from '../../services/import-file';
import type { HandlersFor } from './types';

export function createMessagesHandlers(services: Services): HandlersFor<keyof typeof messagesMethods> {
  const { messages, smtp, contactsImport } = services;
  return {
    'messages:saveDraft': (input) => messages.saveDraft(input),
    'messages:discardDraft': ({ id }) => messages.discardDraft(id),
    'messages:send': (input) => messages.send(input),
    'messages:correct': (input) => messages.correct(input),
    'messages:retry': ({ id }) => messages.retry(id),
    'messages:markHandled': ({ id }) => messages.markHandled(id),
    'messages:get': ({ id }) => messages.get(id),
    'messages:list': (filter) => messages.list(filter),
    'messages:saveContact': ({ id }) => messages.saveContact(id),
    'messages:consignesSeen': ({ firmId }) => messages.consignesSeen(firmId),
    'delivery:get': ({ firmId }) => messages.deliverySettings(firmId),
    'delivery:save': ({ firmId, settings }) => messages.saveDeliverySettings(firmId, settings),
    'smtp:get': () => smtp.view(),
    'smtp:save': (input) => smtp.save(input),
    'smtp:verify': () => smtp.verify(),
    'contacts:importCsv': ({ csv, csvEncoding, ...input }) =>
      contactsImport.importCsv({ ...input, csv: fromContract(csv, csvEncoding) }),
  };
}
