import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { DateTime } from 'luxon';
import type { PermanenceClient } from '../../../../shared/api';
import { ApiContext } from '../../../../renderer/api/client';
import { createI18n } from '../../../../renderer/i18n';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';

export const ZONE = 'Europe/Paris';
export const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * A medical practice with two practitioners open every day 08:00–12:00 and 14:00–19:00 (so slots exist whatever
 * day the test runs), two motifs, real services behind the contract.
 */
export async function openPractice(options: { now?: () => number; script?: boolean } = {}) {
  const t: TestContext = openTestContext(options.now ? { now: options.now } : {});
  const firmId = t.services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        {
          name: 'Cabinet médical des Lilas',
          greeting: 'Cabinet médical des Lilas, bonjour.',
          sector: 'medical',
          numbers: [{ e164: '01 42 00 00 07', label: 'standard' }],
        },
        {
          people: [
            { id: 'p-morel', name: 'Dr Morel', email: 'morel@lilas.test', isDefaultRecipient: true },
            { id: 'p-lenoir', name: 'Dr Lenoir', email: 'lenoir@lilas.test' },
          ],
          ...(options.script
            ? {
                script: {
                  steps: [
                    {
                      id: 'nom',
                      prompt: 'À qui ai-je l’honneur ?',
                      field: { key: 'appelant', label: 'Nom', type: 'text' },
                    },
                    { id: 'rendez-vous', prompt: 'Je vous propose un rendez-vous.', field: null },
                  ],
                },
              }
            : {}),
        },
      ),
    ),
  }).id;
  const ranges = EVERY_DAY.flatMap((weekday) => [
    { weekday, start: '08:00', end: '12:00', motifIds: [] as string[] },
    { weekday, start: '14:00', end: '19:00', motifIds: [] as string[] },
  ]);
  await t.client.agenda.saveConfig({
    firmId,
    config: {
      settings: { closedOnPublicHolidays: false, slotStepMinutes: 15 },
      agendas: [
        { id: 'morel', name: 'Dr Morel', personId: 'p-morel', color: '#2f6f4f', template: ranges },
        { id: 'lenoir', name: 'Dr Lenoir', personId: 'p-lenoir', color: '#6f2f4f', template: ranges },
      ],
      motifs: [
        {
          id: 'consult',
          name: 'Consultation',
          durationMinutes: 20,
          agendaIds: ['morel', 'lenoir'],
          instructions: 'Apportez votre carte Vitale.',
        },
        { id: 'vaccin', name: 'Vaccin', durationMinutes: 15, agendaIds: ['morel'] },
      ],
    },
  });
  return { t, firmId };
}

export function renderWith(client: PermanenceClient, ui: ReactNode) {
  const user = userEvent.setup();
  const result = render(
    <ApiContext.Provider value={client}>
      <I18nextProvider i18n={createI18n('fr')}>{ui}</I18nextProvider>
    </ApiContext.Provider>,
  );
  return { user, ...result };
}
