// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { CallDesk } from '../../../../renderer/features/call-desk/CallDesk';
import { createI18n } from '../../../../renderer/i18n';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';

let t: TestContext;
let firmId: string;

const draft = makeFirmDraft(
  { name: 'Cabinet Martin', greeting: 'Cabinet Martin, bonjour.' },
  {
    people: [
      { id: 'claire', name: 'Me Claire Martin', email: 'claire@martin.test', isDefaultRecipient: true },
      { id: 'julien', name: 'Me Julien Roux', email: 'julien@martin.test' },
    ],
    consignes: {
      body: 'Toujours demander le **numéro de dossier**.',
      rules: {
        neverDisclose: ['L’agenda des audiences'],
        identityChecks: ['Date de naissance'],
        identityCheckRequired: true,
      },
    },
    script: {
      steps: [
        {
          id: 'nom',
          prompt: 'À qui ai-je l’honneur ?',
          field: { key: 'appelant', label: 'Nom de l’appelant (script)', type: 'text' },
        },
        {
          id: 'urgence',
          prompt: 'Est-ce urgent ?',
          field: { key: 'urgence', label: 'Urgent', type: 'yesno' },
          branches: [{ answer: 'oui', goto: 'pourquoi', consigne: 'Appeler Me Martin sur son portable' }],
        },
        {
          id: 'dossier',
          prompt: 'Votre numéro de dossier ?',
          field: { key: 'dossier', label: 'Dossier', type: 'text' },
        },
        {
          id: 'pourquoi',
          prompt: 'Pourquoi est-ce urgent ?',
          field: { key: 'motif', label: 'Motif (script)', type: 'text' },
        },
      ],
    },
    messageFields: [{ key: 'dossier', label: 'Dossier', type: 'text', required: false }],
  },
);

beforeEach(() => {
  t = openTestContext();
  firmId = t.services.firms.save({ draft: parsedDraft(draft) }).id;
});
afterEach(() => t.close());

function renderDesk(ui: ReactNode) {
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={t.client}>
      <I18nextProvider i18n={createI18n('fr')}>{ui}</I18nextProvider>
    </ApiContext.Provider>,
  );
  return user;
}

describe('the call desk', () => {
  it('walks the script from the greeting, by keyboard, filling the message and showing the branch’s consigne', async () => {
    const user = renderDesk(<CallDesk firmId={firmId} onClose={() => undefined} />);
    const runner = await screen.findByRole('region', { name: 'Script' });
    expect(within(runner).getByText('Cabinet Martin, bonjour.')).toBeInTheDocument();
    expect(within(runner).getByText('Étape 1 sur 7')).toBeInTheDocument();

    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    expect(within(runner).getByText('Date de naissance')).toBeInTheDocument();
    await user.click(within(runner).getByLabelText('Identité vérifiée'));
    await user.keyboard('{Enter}');

    await user.type(within(runner).getByLabelText('Nom de l’appelant (script)'), 'M. Dupont{Enter}');
    const form = screen.getByRole('form', { name: 'Message' });
    expect(within(form).getByLabelText('Nom de l’appelant')).toHaveValue('M. Dupont');

    await user.click(within(runner).getByRole('radio', { name: 'Oui' }));
    expect(within(runner).getByRole('note')).toHaveTextContent('Consigne : Appeler Me Martin sur son portable');
    expect(within(form).getByRole('radio', { name: 'Urgent' })).toBeChecked();
    await user.keyboard('{Enter}');
    expect(within(runner).getByText('Pourquoi est-ce urgent ?')).toBeInTheDocument();

    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(within(runner).getByText('Est-ce urgent ?')).toBeInTheDocument();
  });

  it('autosaves what she types as a draft without any action from her', async () => {
    const user = renderDesk(<CallDesk firmId={firmId} onClose={() => undefined} />);
    const form = await screen.findByRole('form', { name: 'Message' });
    await user.type(within(form).getByLabelText('Nom de l’appelant'), 'Mme Lefèvre');
    await user.type(within(form).getByLabelText('Message'), 'Rappeler pour le bail');
    await within(form).findByText('Brouillon enregistré');
    await waitFor(async () => {
      const drafts = await t.client.messages.list({ status: 'brouillon' });
      expect(drafts.items.map((m) => [m.callerName, m.body])).toEqual([['Mme Lefèvre', 'Rappeler pour le bail']]);
    });
  });

  it('resumes a draft where she left it, on the same script step', async () => {
    const saved = await t.client.messages.saveDraft({
      firmId,
      content: { callerName: 'M. Petit', fields: { appelant: 'M. Petit' } },
      scriptState: { stepId: 'urgence', history: ['@accueil', '@identite', 'nom'] },
    });
    renderDesk(<CallDesk firmId={firmId} messageId={saved.id} onClose={() => undefined} />);
    const runner = await screen.findByRole('region', { name: 'Script' });
    expect(within(runner).getByText('Est-ce urgent ?')).toBeInTheDocument();
    expect(within(screen.getByRole('form', { name: 'Message' })).getByLabelText('Nom de l’appelant')).toHaveValue(
      'M. Petit',
    );
  });

  it('refuses to send an incomplete message with the reason under the field, then sends with Ctrl+Entrée', async () => {
    const user = renderDesk(<CallDesk firmId={firmId} onClose={() => undefined} />);
    const form = await screen.findByRole('form', { name: 'Message' });
    await user.type(within(form).getByLabelText('Motif'), 'Rendez-vous');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await within(form).findByText('le nom de l’appelant est obligatoire')).toBeInTheDocument();
    expect(within(form).getByLabelText('Nom de l’appelant')).toHaveAttribute('aria-invalid', 'true');

    await user.type(within(form).getByLabelText('Nom de l’appelant'), 'M. Dupont');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(
      await screen.findByRole('heading', { name: 'Enregistré — en attente d’envoi (aucun compte SMTP)' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('À transmettre')).toBeInTheDocument();
    const sent = await t.client.messages.list({ status: 'a-transmettre' });
    expect(sent.items.map((m) => m.callerName)).toEqual(['M. Dupont']);
  });

  it('starts a call’s message with the caller’s number and known contact, and resumes it when reopened', async () => {
    const contact = await t.client.contacts.save({
      firmId,
      contact: { name: 'M. Fidèle', phones: ['06 11 22 33 44'] },
    });
    t.services.calls.offer({
      id: 'call-1',
      direction: 'inbound',
      firmId,
      matchedBy: 'demo',
      matchedNumber: null,
      callerNumber: '+33611223344',
      callerRaw: '',
      callerName: '',
      anonymous: false,
      diversionReason: null,
      diversionFrom: null,
      sipCallId: '',
      demo: true,
      at: Date.now(),
    });
    const user = renderDesk(<CallDesk firmId={firmId} callId="call-1" onClose={() => undefined} />);
    const form = await screen.findByRole('form', { name: 'Message' });
    await waitFor(() => expect(within(form).getByLabelText('Téléphone')).toHaveValue('06 11 22 33 44'));
    expect(within(form).getByLabelText('Nom de l’appelant')).toHaveValue('M. Fidèle');
    await user.type(within(form).getByLabelText('Motif'), 'Rappel');
    await within(form).findByText('Brouillon enregistré');
    const [draft] = (await t.client.messages.list({ callId: 'call-1' })).items;
    expect(draft).toMatchObject({ callId: 'call-1', contactId: contact.id, callerName: 'M. Fidèle', motif: 'Rappel' });
  });

  it('closes with Échap and keeps the draft', async () => {
    let closed = false;
    const user = renderDesk(
      <CallDesk
        firmId={firmId}
        onClose={() => {
          closed = true;
        }}
      />,
    );
    const form = await screen.findByRole('form', { name: 'Message' });
    await user.type(within(form).getByLabelText('Nom de l’appelant'), 'M. Martin');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(closed).toBe(true));
    expect((await t.client.messages.list({ status: 'brouillon' })).items.map((m) => m.callerName)).toEqual([
      'M. Martin',
    ]);
  });
});
