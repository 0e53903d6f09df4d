// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { AgendaSyncSection } from '../../../../renderer/features/agenda/sync';
import type { TestContext } from '../../../fixtures/factories';
import { requireRadicale, startRadicale, type Radicale } from '../../../support/radicale';
import { at, openPractice, renderWith, ZONE } from './support';

/**
 * Réglages › Agenda › Synchronisation against the real handlers and a real Radicale: account, discovery, the
 * calendar chosen, the status line, and an appointment deleted on the server settled from the list.
 */
describe.runIf(requireRadicale())('the agenda’s « Synchronisation » settings', () => {
  let radicale: Radicale;
  let t: TestContext;
  beforeAll(async () => {
    radicale = await startRadicale();
    radicale.makeCalendar('morel', 'cabinet', 'Cabinet Dr Morel');
    radicale.makeCalendar('morel', 'perso', 'Personnel');
  });
  afterAll(async () => radicale?.stop());
  afterEach(async () => {
    await t?.services.agendaSync.engine.stop();
    t?.close();
  });

  it('saves the account, lists the server’s calendars, links the one chosen, and settles a deletion on the server', async () => {
    const practice = await openPractice();
    t = practice.t;
    const { user } = renderWith(
      t.client,
      <AgendaSyncSection
        firmId={practice.firmId}
        timeZone={ZONE}
        agendas={[
          { id: 'morel', name: 'Dr Morel' },
          { id: 'lenoir', name: 'Dr Lenoir' },
        ]}
      />,
    );
    const morel = screen.getByRole('group', { name: 'Synchronisation de Dr Morel' });
    await user.type(within(morel).getByLabelText('Adresse du serveur CalDAV'), radicale.url);
    await user.type(within(morel).getByLabelText('Utilisateur'), 'morel');
    await user.type(within(morel).getByLabelText('Mot de passe'), 'secret-morel');
    await user.click(within(morel).getByRole('button', { name: 'Enregistrer et chercher les calendriers' }));
    expect(await within(morel).findByText('2 calendriers trouvés.')).toBeInTheDocument();
    expect(within(morel).getByLabelText('Mot de passe')).toHaveValue('');
    expect(within(morel).getByText('Mot de passe enregistré ; laissez vide pour le garder.')).toBeInTheDocument();
    await user.selectOptions(within(morel).getByLabelText('Calendrier'), 'Cabinet Dr Morel');
    await user.click(within(morel).getByRole('button', { name: 'Utiliser ce calendrier' }));
    expect(await within(morel).findByText(/Relié au calendrier « Cabinet Dr Morel »/)).toBeInTheDocument();
    expect(t.services.secrets.get('caldav:morel')).toBe('secret-morel');

    // Booked, sent, then deleted by the practitioner: the list asks her what to do.
    const booked = await t.client.agenda.book({
      firmId: practice.firmId,
      agendaId: 'morel',
      motifId: 'consult',
      startsAt: at('2027-03-01T09:00'),
      caller: { contactId: null, name: 'Jeanne Petit', phone: '06 12 34 56 78', email: '' },
      newCaller: false,
      note: '',
      callId: null,
      force: null,
    });
    await user.click(within(morel).getByRole('button', { name: 'Synchroniser maintenant' }));
    await waitFor(() => expect(within(morel).getByText(/Dernière synchronisation/)).toBeInTheDocument());
    const dav = t.services.agendaSync.repo.link(booked.id)!;
    await fetch(dav.href!, {
      method: 'DELETE',
      headers: {
        authorization: `Basic ${Buffer.from('morel:secret-morel').toString('base64')}`,
        'If-Match': dav.etag!,
      },
    });
    await user.click(within(morel).getByRole('button', { name: 'Synchroniser maintenant' }));
    const issues = await screen.findByRole('region', { name: 'Rendez-vous à régler' });
    expect(within(issues).getByText(/Annulé côté cabinet/)).toBeInTheDocument();
    expect(within(morel).getByText('1 rendez-vous attend votre choix.')).toBeInTheDocument();
    await user.click(within(issues).getByRole('button', { name: 'Le remettre dans son calendrier' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Rendez-vous à régler' })).toBeNull());
  });

  it('says why discovery failed, in French', async () => {
    const practice = await openPractice();
    t = practice.t;
    const { user } = renderWith(
      t.client,
      <AgendaSyncSection firmId={practice.firmId} timeZone={ZONE} agendas={[{ id: 'morel', name: 'Dr Morel' }]} />,
    );
    await user.type(screen.getByLabelText('Adresse du serveur CalDAV'), radicale.url);
    await user.type(screen.getByLabelText('Utilisateur'), 'morel');
    await user.type(screen.getByLabelText('Mot de passe'), 'faux');
    await user.click(screen.getByRole('button', { name: 'Enregistrer et chercher les calendriers' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Utilisateur ou mot de passe refusé par le serveur (iCloud : un mot de passe d’application est nécessaire).',
    );
  });
});
