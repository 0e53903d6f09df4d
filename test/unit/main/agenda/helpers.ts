import { DateTime } from 'luxon';
import type { AgendaConfigInput } from '../../../../shared/domain/agenda/config';
import { makeFirmDraft, openTestContext, type TestContext } from '../../../fixtures/factories';

export const PARIS = 'Europe/Paris';
export const paris = (local: string) => DateTime.fromISO(local, { zone: PARIS }).toMillis();
export const localOf = (ms: number) => DateTime.fromMillis(ms, { zone: PARIS }).toFormat("yyyy-MM-dd'T'HH:mm");

const weekdays = (start: string, end: string) => ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start, end }));

export const medicalAgenda = (): AgendaConfigInput => ({
  agendas: [
    {
      id: 'kerjean',
      name: 'Dr Kerjean',
      personId: 'p1',
      template: [...weekdays('09:00', '12:00'), ...weekdays('14:00', '18:00')],
    },
    { id: 'morel', name: 'Dr Morel', template: weekdays('08:30', '12:30') },
  ],
  motifs: [
    { id: 'consult', name: 'Consultation', durationMinutes: 15, agendaIds: ['kerjean', 'morel'] },
    { id: 'suivi', name: 'Suivi grossesse', durationMinutes: 30, agendaIds: ['kerjean'], newCallersAllowed: false },
  ],
});

/** A medical firm with the two-practitioner agenda; the clock is settable (Monday 7 December 2026, 08:00 Paris). */
export async function medicalFirm(options: { billsAppointments?: boolean } = {}) {
  let now = paris('2026-12-07T08:00');
  const context: TestContext = openTestContext({ now: () => now });
  const firm = await context.client.firms.save({
    draft: makeFirmDraft(
      { name: 'Cabinet du Dr Kerjean', sector: 'medical' },
      options.billsAppointments ? { billing: { perTask: { unitPriceCents: { appointment: 150 } } } } : {},
    ),
  });
  await context.client.agenda.saveConfig({ firmId: firm.id, config: medicalAgenda() });
  return {
    ...context,
    firmId: firm.id,
    setNow: (ms: number) => {
      now = ms;
    },
  };
}
