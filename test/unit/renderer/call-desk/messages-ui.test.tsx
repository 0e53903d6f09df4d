// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { TemplatePicker } from '../../../../renderer/features/call-desk/TemplatePicker';
import { ContactsImportPanel } from '../../../../renderer/features/messages/ContactsImportPanel';
import { MessagesView } from '../../../../renderer/features/messages/MessagesView';
import { createFirmsStore } from '../../../../renderer/features/firms/firms-store';
import { SmtpSettingsSection } from '../../../../renderer/features/smtp-settings';
import { createI18n } from '../../../../renderer/i18n';
import type { ScriptTemplate } from '../../../../shared/domain/script-templates';
import { openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { dupont, martinDraft } from '../../../integration/messaging-context';

let t: TestContext;
let firmId: string;
beforeEach(() => {
  t = openTestContext();
  firmId = t.services.firms.save({ draft: parsedDraft(martinDraft()) }).id;
});
afterEach(() => t.close());

function renderUi(ui: ReactNode) {
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={t.client}>
      <I18nextProvider i18n={createI18n('fr')}>{ui}</I18nextProvider>
    </ApiContext.Provider>,
  );
  return user;
}

describe('the messages list', () => {
  it('filters by full-text search, moves with the arrow keys and updates statuses live', async () => {
    const a = t.services.messages.send({
      firmId,
      content: dupont({ callerName: 'Mme Lefèvre', body: 'Problème de chaudière' }),
    });
    t.services.messages.send({ firmId, content: dupont({ callerName: 'M. Petit', body: 'Rendez-vous' }) });
    const firmsStore = createFirmsStore(t.client);
    await firmsStore.getState().load();
    const user = renderUi(<MessagesView api={t.client} firmsStore={firmsStore} settings={t.services.settings.get()} />);
    const list = await screen.findByRole('listbox', { name: 'Messages' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));

    await user.type(screen.getByRole('searchbox', { name: 'Rechercher dans les messages' }), 'chaudiere');
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1));
    await user.keyboard('{ArrowDown}');
    const detail = await screen.findByRole('article');
    expect(within(detail).getByRole('heading', { name: 'Mme Lefèvre' })).toBeInTheDocument();
    expect(within(detail).getByRole('status')).toHaveTextContent('À transmettre');

    // Delivery failed in main: the row and the detail change without a reload; "Renvoyer" queues it again.
    t.services.messages.repository.markFailed(
      a.id,
      'Adresse refusée par le serveur de messagerie : x@y.fr',
      Date.now(),
    );
    t.services.ctx.emit('messages:changed', { id: a.id, firmId, status: 'echec' });
    await within(detail).findByText('Adresse refusée par le serveur de messagerie : x@y.fr');
    expect(within(list).getByRole('option')).toHaveTextContent('Échec');
    await user.click(within(detail).getByRole('button', { name: 'Renvoyer' }));
    await waitFor(() => expect(within(detail).getAllByRole('status')[0]).toHaveTextContent('À transmettre'));
  });
});

describe('the SMTP account section', () => {
  it('saves the account, keeps the password out of the form, and says so', async () => {
    const user = renderUi(<SmtpSettingsSection />);
    await user.type(await screen.findByLabelText('Serveur SMTP'), 'smtp.exemple.fr');
    await user.type(screen.getByLabelText('Identifiant'), 'sophie');
    await user.type(screen.getByLabelText('Mot de passe'), 's3cret');
    await user.type(screen.getByLabelText('Adresse d’expédition'), 'sophie@exemple.fr');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le compte' }));
    expect(await screen.findByText('Compte d’envoi enregistré.')).toBeInTheDocument();
    expect(screen.getByLabelText('Mot de passe')).toHaveValue('');
    expect(screen.getByText('Un mot de passe est enregistré ; laissez vide pour le garder.')).toBeInTheDocument();
    expect(t.services.secrets.get('smtp.password')).toBe('s3cret');
    expect(JSON.stringify(t.services.ctx.repos.settings.readAll())).not.toContain('s3cret');
  });
});

describe('the template picker', () => {
  it('lists the firm’s sector first and asks before replacing an existing script', async () => {
    const applied: ScriptTemplate[] = [];
    const user = renderUi(<TemplatePicker sector="medical" hasSteps onApply={(tpl) => applied.push(tpl)} />);
    await user.click(screen.getByRole('button', { name: 'Modèles' }));
    const items = within(screen.getByRole('list', { name: 'Modèles de script par secteur' })).getAllByRole('button');
    expect(items[0]).toHaveTextContent('Prise de rendez-vous');
    await user.click(items[0]!);
    expect(applied).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Remplacer le script' }));
    expect(applied.map((a) => a.id)).toEqual(['medical-rdv']);
  });
});

describe('the contacts import panel', () => {
  it('checks the file line by line, imports nothing while a line is wrong, then imports the corrected file', async () => {
    const user = renderUi(<ContactsImportPanel firmId={firmId} />);
    const bad = new File(['Nom;Téléphone\nLefèvre;06 12 34 56 78\nMartin;12\n'], 'crm.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Fichier CSV des contacts'), bad);
    expect(await screen.findByText('Ligne 3 : numéro invalide « 12 »')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Importer/ })).toBeNull();

    const good = new File(['Nom;Téléphone\nLefèvre;06 12 34 56 78\nMartin;+44 20 7946 0958\n'], 'crm.csv', {
      type: 'text/csv',
    });
    await user.upload(screen.getByLabelText('Fichier CSV des contacts'), good);
    await user.click(await screen.findByRole('button', { name: 'Importer les 2 contacts' }));
    expect(await screen.findByText('Import terminé : 2 contacts créés, 0 mis à jour.')).toBeInTheDocument();
    expect((await t.client.contacts.list({ firmId })).total).toBe(2);
  });
});
