import { DateTime } from 'luxon';
import { agendaConfigSchema, type AgendaConfig, type AgendaConfigInput } from '../../../../shared/domain/agenda/config';
import type { Occupation } from '../../../../shared/domain/agenda/slots';

export const PARIS = 'Europe/Paris';

const weekdays = (start: string, end: string, motifIds: string[] = []) =>
  ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start, end, motifIds }));

/** Two practitioners: Dr Kerjean mornings and afternoons, Dr Morel mornings only. */
export function medicalConfig(patch: Partial<AgendaConfigInput> = {}): AgendaConfig {
  return agendaConfigSchema.parse({
    settings: { slotStepMinutes: 15 },
    agendas: [
      { id: 'kerjean', name: 'Dr Kerjean', template: [...weekdays('09:00', '12:00'), ...weekdays('14:00', '18:00')] },
      { id: 'morel', name: 'Dr Morel', template: weekdays('08:30', '12:30') },
    ],
    motifs: [
      { id: 'consult', name: 'Consultation', durationMinutes: 15, agendaIds: ['kerjean', 'morel'] },
      {
        id: 'suivi',
        name: 'Suivi grossesse',
        durationMinutes: 30,
        bufferAfterMinutes: 15,
        agendaIds: ['kerjean'],
        maxPerDay: 2,
        newCallersAllowed: false,
      },
    ],
    ...patch,
  });
}

/** Instant of a Paris wall time, e.g. paris('2027-03-29T09:00'). */
export function paris(local: string): number {
  return DateTime.fromISO(local, { zone: PARIS }).toMillis();
}

export function localOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: PARIS }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export function loaderOf(occupations: Occupation[]) {
  return (from: number, to: number) => occupations.filter((o) => o.from < to && o.to > from);
}
