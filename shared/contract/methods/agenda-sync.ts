import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../../domain/ids';
import { v } from '../../domain/validation-messages';
import type {
  AgendaSyncView,
  AppointmentSyncIssue,
  AppointmentSyncState,
  DiscoveredCalendarView,
} from '../../domain/agenda/sync';

const agendaInput = z.object({ agendaId: idSchema }).strict();

/** The firm's agendas' CalDAV sync: account, calendar chosen from discovery, status, conflicts to settle. */
export const agendaSyncMethods = {
  'caldav:get': method<AgendaSyncView | null>()(agendaInput),
  'caldav:save': method<AgendaSyncView>()(
    z
      .object({
        agendaId: idSchema,
        serverUrl: z
          .string()
          .trim()
          .max(500)
          .regex(/^https?:\/\/[^\s]+$/i, { message: v('invalidServerUrl') }),
        username: z.string().trim().min(1).max(200),
        /** Omitted: keep the stored password. */
        password: z.string().max(500).optional(),
        enabled: z.boolean().default(true),
      })
      .strict(),
  ),
  'caldav:discover': method<DiscoveredCalendarView[]>()(agendaInput),
  'caldav:chooseCalendar': method<AgendaSyncView>()(
    z
      .object({ agendaId: idSchema, calendarUrl: z.string().url().max(1000), calendarName: z.string().max(200) })
      .strict(),
  ),
  'caldav:syncNow': method<AgendaSyncView>()(agendaInput),
  /** She confirms that the calendar really was emptied on the server: the next sync applies it. */
  'caldav:confirmEmpty': method<AgendaSyncView>()(agendaInput),
  'caldav:remove': method<{ ok: true }>()(agendaInput),
  'caldav:issues': method<AppointmentSyncIssue[]>()(z.object({ firmId: idSchema }).strict()),
  'caldav:states': method<Record<string, AppointmentSyncState>>()(
    z.object({ appointmentIds: z.array(idSchema).max(2000) }).strict(),
  ),
  /** Which version of a conflicting (or server-deleted) appointment she keeps. */
  'caldav:resolve': method<{ ok: true }>()(
    z.object({ appointmentId: idSchema, keep: z.enum(['permanence', 'server']) }).strict(),
  ),
};
