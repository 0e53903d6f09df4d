import type { agendaSyncMethods } from '../../../shared/contract/methods/agenda-sync';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

export function createAgendaSyncHandlers(services: Services): HandlersFor<keyof typeof agendaSyncMethods> {
  const sync = services.agendaSync;
  return {
    'agendaSync:get': ({ agendaId }) => sync.get(agendaId),
    'agendaSync:save': (input) => sync.save(input),
    'agendaSync:discover': ({ agendaId }) => sync.discover(agendaId),
    'agendaSync:chooseCalendar': ({ agendaId, calendarUrl, calendarName }) =>
      sync.chooseCalendar(agendaId, calendarUrl, calendarName),
    'agendaSync:syncNow': ({ agendaId }) => sync.syncNow(agendaId),
    'agendaSync:confirmEmpty': ({ agendaId }) => sync.confirmEmpty(agendaId),
    'agendaSync:remove': ({ agendaId }) => sync.remove(agendaId),
    'agendaSync:issues': ({ firmId }) => sync.issues(firmId),
    'agendaSync:states': ({ appointmentIds }) => sync.states(appointmentIds),
    'agendaSync:resolve': ({ appointmentId, keep }) => sync.resolve(appointmentId, keep),
  };
}
