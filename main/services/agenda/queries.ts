import { DateTime } from 'luxon';
import type { AgendaAvailability, AgendaRange } from '../../../shared/contract/methods/agenda';
import type { Appointment } from '../../../shared/domain/agenda/appointment';
import { availabilityAt } from '../../../shared/domain/agenda/availability';
import { agendasForMotif, findSlots, type DayPart, type Slot } from '../../../shared/domain/agenda/slots';
import { toE164 } from '../../../shared/domain/phone';
import type { AppointmentsRepository } from '../../store/repositories/appointments';
import type { ServiceContext } from '../context';
import type { FirmsService } from '../firms';
import type { AgendaConfigService } from './config';

const DAY = 86_400_000;

/** What the call desk and the agenda screens read: slots, ranges, a caller's appointments, availability. */
export function createAgendaQueries(
  ctx: ServiceContext,
  deps: {
    firms: FirmsService;
    config: AgendaConfigService;
    appointments: AppointmentsRepository;
    /** The sync's last success per agenda (sync/ provides it); null for an agenda without CalDAV. */
    syncedAt: (agendaId: string) => number | null;
  },
) {
  const repo = deps.appointments;

  return {
    findSlots(input: {
      firmId: string;
      motifId: string;
      agendaIds: string[];
      from?: number | undefined;
      part: DayPart;
      limit: number;
      horizonDays: number;
    }): Slot[] {
      const { config, timeZone } = deps.config.view(input.firmId);
      const motif = config.motifs.find((m) => m.id === input.motifId);
      if (!motif) return [];
      const agendaIds = agendasForMotif(config, motif, input.agendaIds);
      const from = Math.max(input.from ?? ctx.now(), ctx.now());
      return findSlots(
        config,
        timeZone,
        { motifId: motif.id, agendaIds, from, limit: input.limit, part: input.part, horizonDays: input.horizonDays },
        (a, b) => repo.occupations(agendaIds, a, b),
      );
    },

    /** Local days [from's day, + days) of one agenda or the whole firm, with the practitioners' own events. */
    list(input: { firmId: string; agendaId: string | null; from: number; days: number }): AgendaRange {
      const { config, timeZone } = deps.config.view(input.firmId);
      const start = DateTime.fromMillis(input.from, { zone: timeZone }).startOf('day');
      const from = start.toMillis();
      const to = start.plus({ days: input.days }).toMillis();
      const agendaIds = input.agendaId ? [input.agendaId] : config.agendas.map((a) => a.id);
      return {
        appointments: repo.range(input.firmId, input.agendaId, from, to),
        busy: agendaIds.flatMap((id) => repo.busyBlocks(id, from, to)),
      };
    },

    /**
     * A caller's appointments from 30 days ago on: by number (as typed or E.164, and through the contacts that
     * carry it) or by a fragment of the name. Earliest first.
     */
    findForCaller(input: { firmId: string | null; query: string }): Appointment[] {
      const since = ctx.now() - 30 * DAY;
      const e164 = input.query.replace(/\D/g, '').length >= 4 ? toE164(input.query) : null;
      const found = new Map<string, Appointment>();
      const add = (list: Appointment[]) => list.forEach((a) => found.set(a.id, a));
      if (e164) {
        add(repo.byPhone(e164, since));
        const firmIds = input.firmId ? [input.firmId] : deps.firms.list().map((f) => f.id);
        for (const firmId of firmIds) {
          for (const contact of ctx.repos.contacts.findByPhone(firmId, e164)) add(repo.byContact(contact.id, since));
        }
      } else {
        add(repo.byName(input.query, since));
      }
      return [...found.values()]
        .filter((a) => input.firmId === null || a.firmId === input.firmId)
        .sort((a, b) => a.startsAt - b.startsAt);
    },

    /** Each active agenda's availability now, from the local store only (no network at ring time). */
    availability(input: { firmId: string; agendaId: string | null }): AgendaAvailability[] {
      const { config, timeZone } = deps.config.view(input.firmId);
      const now = ctx.now();
      const agendas = config.agendas.filter((a) => a.active && (input.agendaId === null || a.id === input.agendaId));
      const occupations = repo.occupations(
        agendas.map((a) => a.id),
        now - DAY,
        now + DAY,
      );
      return agendas.map((agenda) => ({
        agendaId: agenda.id,
        agendaName: agenda.name,
        personId: agenda.personId,
        timeZone,
        availability: availabilityAt(config, timeZone, agenda.id, now, occupations),
        syncedAt: deps.syncedAt(agenda.id),
      }));
    },
  };
}
