import { event } from '../define';

export const agendaSyncEvents = {
  /** An agenda's sync status, queue or issues changed. */
  'agendaSync:changed': event<{ agendaId: string }>(),
};
