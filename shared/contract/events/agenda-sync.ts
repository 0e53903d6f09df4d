import { event } from '../define';

export const agendaSyncEvents = {
  /** An agenda's sync status, queue or issues changed. */
  'caldav:changed': event<{ agendaId: string }>(),
};
