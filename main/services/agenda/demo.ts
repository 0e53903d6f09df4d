import { DateTime } from 'luxon';
import { appointmentUid, type Appointment } from '../../../shared/domain/agenda/appointment';
import { findSlots, type Occupation, type Slot } from '../../../shared/domain/agenda/slots';
import type { AppointmentsRepository } from '../../store/repositories/appointments';
import type { ServiceContext } from '../context';
import type { FirmsService } from '../firms';
import type { AgendaConfigService } from './config';

/** A small deterministic generator (mulberry32): the same demo every time for the same day. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The demo workspace's month of appointments, made when the demo is opened so it is always around today: two
 * weeks past (done, a few no-shows and cancellations) and two weeks ahead (booked, a few moved), about two slots
 * in three taken, with the firm's own demo contacts as callers. Written only for a firm without appointments.
 */
export function createAgendaDemo(
  ctx: ServiceContext,
  deps: { firms: FirmsService; config: AgendaConfigService; appointments: AppointmentsRepository },
) {
  return {
    seed(firmId: string, options: { daysBefore?: number; daysAfter?: number } = {}): number {
      const { config, timeZone } = deps.config.view(firmId);
      if (config.agendas.length === 0 || config.motifs.length === 0) return 0;
      if (deps.appointments.range(firmId, null, 0, 8_640_000_000_000).length > 0) return 0;
      const now = ctx.now();
      const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
      const first = today.minus({ days: options.daysBefore ?? 14 });
      const last = today.plus({ days: options.daysAfter ?? 16 });
      // Patients: the firm's private contacts (no company) reached on a mobile, not its laboratories or colleagues.
      const contacts = ctx.repos.contacts
        .list(firmId, '', 500, 0)
        .items.filter((c) => c.company === '' && /^\+33[67]/.test(c.phones[0] ?? ''));
      const next = random(Number(today.toFormat('yyyyMMdd')));
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const step = config.settings.slotStepMinutes * 60_000;
      let count = 0;
      ctx.db.transaction(() => {
        for (let day = first; day < last; day = day.plus({ days: 1 })) {
          for (const agenda of config.agendas.filter((a) => a.active)) {
            const motifs = config.motifs.filter((m) => m.agendaIds.includes(agenda.id));
            if (motifs.length === 0) continue;
            // Each motif's slots of the day once (the day starts empty), then a greedy walk that books some of them.
            const free = new Map(
              motifs.map((m) => [
                m.id,
                findSlots(
                  config,
                  timeZone,
                  { motifId: m.id, agendaIds: [agenda.id], from: day.toMillis(), limit: 200, horizonDays: 1 },
                  () => [],
                ),
              ]),
            );
            const today: Occupation[] = [];
            const fits = (m: (typeof motifs)[number], slot: Slot) =>
              !today.some(
                (o) =>
                  o.from < slot.endsAt + m.bufferAfterMinutes * 60_000 &&
                  o.to > slot.startsAt - m.bufferBeforeMinutes * 60_000,
              ) &&
              (m.maxPerDay === null || today.filter((o) => o.motifId === m.id).length < m.maxPerDay);
            let cursor = day.toMillis();
            for (;;) {
              const wanted = next() < 0.75 ? motifs[0]! : pick(motifs);
              const firstFit = (m: (typeof motifs)[number]) =>
                free.get(m.id)!.find((slot) => slot.startsAt >= cursor && fits(m, slot));
              let motif = wanted;
              let slot = firstFit(wanted);
              if (!slot && wanted !== motifs[0]) {
                motif = motifs[0]!;
                slot = firstFit(motif);
              }
              if (!slot) break;
              if (next() > 0.68) {
                cursor = slot.startsAt + step;
                continue;
              }
              const contact = contacts.length > 0 ? pick(contacts) : null;
              const past = slot.endsAt < now;
              const roll = next();
              const status: Appointment['status'] = past
                ? roll < 0.05
                  ? 'no_show'
                  : roll < 0.1
                    ? 'cancelled'
                    : 'done'
                : roll < 0.06
                  ? 'moved'
                  : 'booked';
              const id = ctx.newId();
              deps.appointments.insert({
                id,
                uid: appointmentUid(id),
                firmId,
                agendaId: agenda.id,
                motifId: motif.id,
                startsAt: slot.startsAt,
                endsAt: slot.endsAt,
                timeZone,
                contactId: contact?.id ?? null,
                callerName: contact?.name ?? 'Patient de démonstration',
                callerPhone: contact?.phones[0] ?? '',
                newCaller: next() < 0.15,
                note: '',
                status,
                callId: null,
                forcedReason: null,
                timeEntryId: null,
                createdBy: 'démo',
                createdAt: Math.min(now, slot.startsAt - 3 * 86_400_000),
                updatedBy: 'démo',
                updatedAt: Math.min(now, slot.startsAt - 3 * 86_400_000),
              });
              if (status !== 'cancelled') {
                today.push({
                  agendaId: agenda.id,
                  from: slot.startsAt - motif.bufferBeforeMinutes * 60_000,
                  to: slot.endsAt + motif.bufferAfterMinutes * 60_000,
                  motifId: motif.id,
                  startsAt: slot.startsAt,
                });
              }
              count += 1;
              cursor = slot.endsAt;
            }
          }
        }
      })();
      if (count > 0) ctx.emit('agenda:changed', { firmId, ids: [] });
      return count;
    },
  };
}
