// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { CallDesk } from '../../../../renderer/features/call-desk/CallDesk';
import type { TestContext } from '../../../fixtures/factories';
import { openPractice, renderWith } from './support';

/** The caller's appointments in the call desk: found by number or name, moved or cancelled in two keys. */
let t: TestContext;
let firmId: string;
afterEach(() => t?.close());

async function bookFor(name: string, phone: string) {
  const [slot] = await t.client.agenda.findSlots({ firmId, motifId: 'consult', agendaIds: ['morel'], limit: 1 });
  return t.client.agenda.book({
    firmId,
    agendaId: slot!.agendaId,
    motifId: 'consult',
    startsAt: slot!.startsAt,
    caller: { contactId: null, name, phone, email: '' },
  });
}

async function openFinder() {
  const rendered = renderWith(t.client, <CallDesk firmId={firmId} onClose={() => undefined} />);
  const phone = await screen.findByRole('textbox', { name: 'Téléphone' });
  await rendered.user.click(phone);
  await rendered.user.keyboard('06 12 34 56 78');
  await rendered.user.keyboard('{Alt>}{Shift>}R{/Shift}{/Alt}');
  const panel = await screen.findByRole('region', { name: 'Rendez-vous de l’appelant' });
  const list = await within(panel).findByRole('listbox', { name: 'Rendez-vous à venir' });
  await waitFor(() => expect(list).toHaveFocus());
  return { ...rendered, panel, list };
}

describe('the caller’s appointments', () => {
  beforeEach(async () => {
    ({ t, firmId } = await openPractice());
  });

  it('finds them by the caller’s number and cancels the chosen one with A then Entrée', async () => {
    const booked = await bookFor('Jeanne Petit', '06 12 34 56 78');
    await bookFor('Paul Martin', '06 98 76 54 32');
    const { user, list, panel } = await openFinder();
    const options = within(list).getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0]).toHaveTextContent('Consultation avec Dr Morel');
    expect(options[0]).toHaveTextContent('Jeanne Petit');
    await user.keyboard('a');
    expect(within(panel).getByRole('alert')).toHaveTextContent(/Entrée : annuler · Échap : le garder/);
    await user.keyboard('{Enter}');
    await waitFor(async () => {
      const [stored] = await t.client.agenda.findForCaller({ firmId, query: '+33612345678' });
      expect(stored!.status).toBe('cancelled');
    });
    expect(within(panel).getByRole('status')).toHaveTextContent('Aucun rendez-vous à venir');
    // The panel stays open for another search; Échap goes back to the message, which says what was done.
    await user.keyboard('{Escape}');
    const body = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    expect(body.value).toMatch(/^RDV annulé : Consultation avec Dr Morel du .+ à \d{2}:\d{2}\.$/);
    expect(booked.status).toBe('booked');
  });

  it('Échap after A keeps the appointment', async () => {
    await bookFor('Jeanne Petit', '06 12 34 56 78');
    const { user, panel } = await openFinder();
    await user.keyboard('a');
    await within(panel).findByRole('alert');
    await user.keyboard('{Escape}');
    expect(within(panel).queryByRole('alert')).toBeNull();
    const [stored] = await t.client.agenda.findForCaller({ firmId, query: '+33612345678' });
    expect(stored!.status).toBe('booked');
  });

  it('moves the chosen one with D then Entrée: the finder opens on its motif, Entrée takes the first slot', async () => {
    const booked = await bookFor('Jeanne Petit', '06 12 34 56 78');
    const { user } = await openFinder();
    await user.keyboard('d');
    const finder = await screen.findByRole('region', { name: 'Déplacer le rendez-vous' });
    const options = await within(finder).findAllByRole('option');
    expect(within(finder).getByRole('combobox', { name: 'Motif' })).toHaveValue('consult');
    // The first free slot is the next one after the booked appointment (it holds its own).
    expect(options[0]).not.toHaveTextContent('Dr Lenoir');
    await user.keyboard('{Enter}');
    await waitFor(async () => {
      const [stored] = await t.client.agenda.findForCaller({ firmId, query: 'Jeanne' });
      expect(stored!.status).toBe('moved');
      expect(stored!.startsAt).not.toBe(booked.startsAt);
    });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Déplacer le rendez-vous' })).toBeNull());
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toMatch(
      /^RDV déplacé : Consultation avec Dr Morel, désormais .+ à \d{2}:\d{2}\.$/,
    );
  });

  it('finds them by name when she types one', async () => {
    await bookFor('Jeanne Petit', '06 12 34 56 78');
    const { user, panel } = await openFinder();
    const search = within(panel).getByRole('searchbox', { name: 'Numéro ou nom' });
    await user.clear(search);
    await user.type(search, 'Petit');
    await waitFor(() =>
      expect(within(panel).getByRole('listbox', { name: 'Rendez-vous à venir' })).toHaveTextContent('Jeanne Petit'),
    );
  });
});
