import { event } from '../define';

export const agendaEvents = {
  /** A firm's agenda set-up was saved or imported. */
  'agenda:configChanged': event<{ firmId: string }>(),
  /** Appointments were booked, moved, cancelled or changed status (their ids). */
  'agenda:changed': event<{ firmId: string; ids: string[] }>(),
};
