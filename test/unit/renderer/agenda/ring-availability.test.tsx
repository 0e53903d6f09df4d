// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import type { PermanenceClient } from '../../../../shared/api';
import { RingAvailability, usualAgenda } from '../../../../renderer/features/agenda/RingAvailability';
import type { TestContext } from '../../../fixtures/factories';
import { at, openPractice, renderWith } from './support';

/**
 * The ring card's line: whether the person the caller usually asks for is free now and until when, from the
 * local store (main answers from SQLite: no network at ring time), with the data's age past five minutes.
 */
const NOW = at('2026-06-15T10:15');
let t: TestContext;
let firmId: string;
afterEach(() => t?.close());

async function book(agendaId: string, local: string, name: string, phone: string) {
  return t.client.agenda.book({
    firmId,
    agendaId,
    motifId: 'consult',
    startsAt: at(local),
    caller: { contactId: null, name, phone, email: '' },
  });
}

describe('the ring card’s availability line', () => {
  beforeEach(async () => {
    ({ t, firmId } = await openPractice({ now: () => NOW }));
    // Two back-to-back consultations for Dr Morel: busy until the second one ends.
    await book('morel', '2026-06-15T10:00', 'Jeanne Petit', '06 12 34 56 78');
    await book('morel', '2026-06-15T10:20', 'Paul Martin', '06 98 76 54 32');
    await book('lenoir', '2026-06-15T11:00', 'Lucie Bernard', '06 11 11 11 11');
  });

  it('names the person the caller usually asks for: « Dr Morel : en consultation jusqu’à 10:40 »', async () => {
    renderWith(t.client, <RingAvailability firmId={firmId} callerE164="+33612345678" />);
    const list = await screen.findByRole('list', { name: 'Disponibilité' });
    const lines = within(list).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent)).toEqual(['Dr Morel : en consultation jusqu’à 10:40']);
  });

  it('without a usual person, says it for every agenda of the practice', async () => {
    renderWith(t.client, <RingAvailability firmId={firmId} callerE164="+33700000000" />);
    const list = await screen.findByRole('list', { name: 'Disponibilité' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((l) => l.textContent),
    ).toEqual(['Dr Morel : en consultation jusqu’à 10:40', 'Dr Lenoir : libre jusqu’à 11:00']);
  });

  it('says how old the calendar data is when the last sync is older than five minutes', async () => {
    const syncedAt = Date.now() - 12 * 60_000;
    const api = {
      ...t.client,
      agenda: {
        ...t.client.agenda,
        availability: async (input: Parameters<PermanenceClient['agenda']['availability']>[0]) =>
          (await t.client.agenda.availability(input)).map((a) => ({ ...a, syncedAt })),
      },
    } as PermanenceClient;
    renderWith(api, <RingAvailability firmId={firmId} callerE164="+33612345678" />);
    const list = await screen.findByRole('list', { name: 'Disponibilité' });
    expect(list).toHaveTextContent('Dr Morel : en consultation jusqu’à 10:40 · agenda synchronisé il y a 12 minutes');
  });

  it('says nothing of the age when the sync is recent', async () => {
    const api = {
      ...t.client,
      agenda: {
        ...t.client.agenda,
        availability: async (input: Parameters<PermanenceClient['agenda']['availability']>[0]) =>
          (await t.client.agenda.availability(input)).map((a) => ({ ...a, syncedAt: Date.now() - 60_000 })),
      },
    } as PermanenceClient;
    renderWith(api, <RingAvailability firmId={firmId} callerE164="+33612345678" />);
    const list = await screen.findByRole('list', { name: 'Disponibilité' });
    expect(list).not.toHaveTextContent('synchronisé');
  });
});

describe('usualAgenda', () => {
  it('takes the agenda of most of the caller’s appointments, the latest on a tie, none without any', () => {
    expect(usualAgenda([])).toBeNull();
    expect(
      usualAgenda([
        { agendaId: 'a', startsAt: 1 },
        { agendaId: 'b', startsAt: 2 },
        { agendaId: 'a', startsAt: 3 },
      ]),
    ).toBe('a');
    expect(
      usualAgenda([
        { agendaId: 'a', startsAt: 1 },
        { agendaId: 'b', startsAt: 5 },
      ]),
    ).toBe('b');
  });
});
