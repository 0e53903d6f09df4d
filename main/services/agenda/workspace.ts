import { PermanenceError } from '../../../shared/api';
import { appointmentUid, type WorkspaceAppointment } from '../../../shared/domain/agenda/appointment';
import type { AgendaConfig } from '../../../shared/domain/agenda/config';
import { v } from '../../../shared/domain/validation-messages';
import type { AppointmentsRepository } from '../../store/repositories/appointments';
import type { ServiceContext } from '../context';
import type { AgendaConfigService } from './config';

/**
 * The agenda part of a workspace file, per firm: its config and its appointments, written inside the import's
 * one transaction (a failing firm rolls every firm back) and read back in full by the export.
 */
export function createAgendaWorkspace(
  ctx: ServiceContext,
  deps: { config: AgendaConfigService; appointments: AppointmentsRepository },
) {
  return {
    /** `path` is the entry's place in the file ("firms.3"), so a refusal names the line to fix. */
    importFirm(
      firmId: string,
      path: string,
      agenda: AgendaConfig | undefined,
      appointments: readonly WorkspaceAppointment[],
    ): { appointments: number } {
      if (agenda) deps.config.write(firmId, agenda);
      const config = deps.config.view(firmId).config;
      const now = ctx.now();
      appointments.forEach((a, index) => {
        const at = `${path}.appointments.${index}`;
        const fail = (field: string, message: string) => {
          throw new PermanenceError('VALIDATION', `Rendez-vous refusé (${at}.${field}).`, [
            { path: `${at}.${field}`, message },
          ]);
        };
        if (!config.agendas.some((x) => x.id === a.agendaId)) fail('agendaId', v('unknownAgenda'));
        if (!config.motifs.some((x) => x.id === a.motifId)) fail('motifId', v('unknownMotif'));
        if (a.contactId !== null && ctx.repos.contacts.firmOf(a.contactId) !== firmId)
          fail('contactId', v('invalidId'));
        const owner = deps.appointments.firmOf(a.id);
        if (owner !== null && owner !== firmId) fail('id', v('duplicateId'));
        deps.appointments.upsert({
          id: a.id,
          uid: a.uid ?? appointmentUid(a.id),
          firmId,
          agendaId: a.agendaId,
          motifId: a.motifId,
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          timeZone: a.timeZone,
          contactId: a.contactId,
          callerName: a.callerName,
          callerPhone: a.callerPhone,
          newCaller: a.newCaller,
          note: a.note,
          status: a.status,
          callId: a.callId,
          forcedReason: a.forcedReason,
          timeEntryId: null,
          createdBy: a.createdBy,
          createdAt: a.createdAt ?? now,
          updatedBy: a.createdBy,
          updatedAt: now,
        });
      });
      return { appointments: appointments.length };
    },

    exportFirm(firmId: string): { agenda: AgendaConfig; appointments: WorkspaceAppointment[] } {
      const { config } = deps.config.view(firmId);
      const appointments = deps.appointments.range(firmId, null, 0, 8_640_000_000_000).map((a) => ({
        id: a.id,
        uid: a.uid,
        agendaId: a.agendaId,
        motifId: a.motifId,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        timeZone: a.timeZone,
        contactId: a.contactId,
        callerName: a.callerName,
        callerPhone: a.callerPhone,
        newCaller: a.newCaller,
        note: a.note,
        status: a.status,
        callId: a.callId,
        forcedReason: a.forcedReason,
        createdBy: a.createdBy,
        createdAt: a.createdAt,
      }));
      return { agenda: config, appointments };
    },
  };
}
