import type { agendaSyncMethods } from '../../../shared/contract/methods/agenda-sync';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

export function createAgendaSyncHandlers(services: Services): HandlersFor<keyof typeof agendaSyncMethods> {
  const sync = services.agendaSync;
  return {
    'caldav:get': ({ agendaId }) => sync.get(agendaId),
    'caldav:save': (input) => sync.save(input),
    'caldav:discover': ({ agendaId }) => sync.discover(agendaId),
    'caldav:chooseCalendar': ({ agendaId, calendarUrl, calendarName }) =>
      sync.chooseCalendar(agendaId, calendarUrl, calendarName),
    'caldav:syncNow': ({ agendaId }) => sync.syncNow(agendaId),
    'caldav:confirmEmpty': ({ agendaId }) => sync.confirmEmpty(agendaId),
    'caldav:remove': ({ agendaId }) => sync.remove(agendaId),
    'caldav:issues': ({ firmId }) => sync.issues(firmId),
    'caldav:states': ({ appointmentIds }) => sync.states(appointmentIds),
    'caldav:resolve': ({ appointmentId, keep }) => sync.resolve(appointmentId, keep),
  };
}
