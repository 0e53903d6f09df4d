import { DateTime } from 'luxon';
import type { Appointment } from '../../../../shared/domain/agenda/appointment';
import type { AgendaConfig } from '../../../../shared/domain/agenda/config';
import { formatPhoneForDisplay } from '../../../../shared/domain/phone';
import { agendaError } from '../errors';
import { renderDaySheetPdf } from './pdf';

export interface DaySheetFile {
  fileName: string;
  /** The PDF, base64 (the renderer saves it; nothing is written on disk by main). */
  base64: string;
  count: number;
}

/** « Feuille du jour »: one practitioner's appointments of a local day as a printable PDF. */
export function createDaySheet(deps: {
  now: () => number;
  view: (firmId: string) => { config: AgendaConfig; timeZone: string };
  firmName: (firmId: string) => string;
  range: (firmId: string, agendaId: string, from: number, to: number) => Appointment[];
  /** Appointments still waiting for the firm's calendar to take them (CalDAV); none without sync. */
  pendingSync?: (appointmentIds: string[]) => Set<string>;
}) {
  return {
    async render(input: { firmId: string; agendaId: string; date: string }): Promise<DaySheetFile> {
      const { config, timeZone } = deps.view(input.firmId);
      const agenda = config.agendas.find((a) => a.id === input.agendaId);
      if (!agenda) throw agendaError('NOT_FOUND', 'unknownAgenda');
      const day = DateTime.fromISO(input.date, { zone: timeZone }).startOf('day');
      const appointments = deps
        .range(input.firmId, agenda.id, day.toMillis(), day.plus({ days: 1 }).toMillis())
        .filter((a) => a.status !== 'cancelled')
        .sort((a, b) => a.startsAt - b.startsAt);
      const pending = deps.pendingSync?.(appointments.map((a) => a.id)) ?? new Set<string>();
      const pdf = await renderDaySheetPdf({
        firmName: deps.firmName(input.firmId),
        agendaName: agenda.name,
        dayStart: day.toMillis(),
        timeZone,
        printedAt: deps.now(),
        rows: appointments.map((a) => ({
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          motifName: config.motifs.find((m) => m.id === a.motifId)?.name ?? '',
          callerName: a.callerName,
          callerPhone: a.callerPhone ? formatPhoneForDisplay(a.callerPhone) : '',
          newCaller: a.newCaller,
          note: a.note,
          status: a.status as 'booked' | 'moved' | 'no_show' | 'done',
          pendingSync: pending.has(a.id),
        })),
      });
      const slug = agenda.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase();
      return {
        fileName: `feuille-du-jour-${slug || 'agenda'}-${input.date}.pdf`,
        base64: pdf.toString('base64'),
        count: appointments.length,
      };
    },
  };
}
