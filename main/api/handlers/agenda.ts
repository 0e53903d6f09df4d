import type { agendaMethods } from '../../../shared/contract/methods/agenda';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

export function createAgendaHandlers(services: Services): HandlersFor<keyof typeof agendaMethods> {
  const { config, booking, queries } = services.agenda;
  return {
    'agenda:config': ({ firmId }) => config.view(firmId),
    'agenda:saveConfig': ({ firmId, config: document, expectedRevision }) =>
      config.save(firmId, document, expectedRevision),
    'agenda:findSlots': (input) => queries.findSlots(input),
    'agenda:book': (input) => booking.book(input),
    'agenda:move': (input) => booking.move(input),
    'agenda:cancel': ({ id, note }) => booking.setStatus(id, 'cancelled', note),
    'agenda:setStatus': ({ id, status }) => booking.setStatus(id, status),
    'agenda:list': (input) => queries.list(input),
    'agenda:findForCaller': (input) => queries.findForCaller(input),
    'agenda:availability': (input) => queries.availability(input),
    'agenda:daySheet': (input) => services.agenda.daySheet.render(input),
  };
}
