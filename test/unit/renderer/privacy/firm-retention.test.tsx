// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../../renderer/app/App';
import { createI18n } from '../../../../renderer/i18n';
import { openTestContext, type TestContext } from '../../../fixtures/factories';

let t: TestContext;

beforeAll(() => {
  // jsdom has no <dialog> behaviour; the app falls back to the open attribute.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});
beforeEach(async () => {
  t = openTestContext();
  await t.client.workspace.initialise({ kind: 'demo' });
});
afterEach(async () => {
  await t.services.messages.stopWorker();
  t.close();
});

const FIRM = 'demo-plomberie-szymanski';

async function openPrivacyTab() {
  const user = userEvent.setup();
  render(<App api={t.client} i18n={createI18n('fr')} />);
  const list = await screen.findByRole('list', { name: 'Liste des cabinets' });
  await user.click(await within(list).findByRole('button', { name: /Plomberie/ }));
  await screen.findByRole('heading', { name: /Plomberie/ });
  await user.click(screen.getByRole('tab', { name: 'Confidentialité' }));
  return user;
}

describe('firm editor › Confidentialité', () => {
  it('shows the default durations and saves the firm’s own with Ctrl+S, refusing one out of bounds', async () => {
    const user = await openPrivacyTab();
    const messages = await screen.findByLabelText('Messages');
    expect(messages).toHaveValue(3);
    expect(screen.getByLabelText('Journal des appels')).toHaveValue(12);
    expect(screen.getByLabelText('Temps de travail')).toHaveValue(120);
    expect(screen.getByLabelText('Journal d’audit')).toHaveValue(12);
    expect(screen.getByText(/Valeurs par défaut\./)).toBeInTheDocument();

    await user.clear(messages);
    await user.type(messages, '0');
    await user.keyboard('{Control>}s{/Control}');
    expect(await screen.findByText('Entre 1 et 120 mois.')).toBeInTheDocument();
    expect((await t.client.privacy.retention({ firmId: FIRM })).custom).toBe(false);

    await user.clear(messages);
    await user.type(messages, '6');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByText('Durées enregistrées');
    expect((await t.client.privacy.retention({ firmId: FIRM })).policy.messagesMonths).toBe(6);
    expect(screen.getByText(/Durées choisies par le cabinet\./)).toBeInTheDocument();
  });

  it('exports the register of processing activities', async () => {
    const user = await openPrivacyTab();
    await user.click(await screen.findByRole('button', { name: 'Exporter le registre des traitements' }));
    const status = await screen.findByText('Registre écrit :');
    expect(status.parentElement).toHaveTextContent(/registre-des-traitements\.pdf/);
  });

  it('erases the firm only after an export and its name typed, then says which backups still hold it', async () => {
    const user = await openPrivacyTab();
    t.services.privacy.backupNow();
    const erase = await screen.findByRole('button', { name: 'Effacer le cabinet…' });
    expect(erase).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Exporter toutes les données' }));
    await screen.findByText(/^Exporté le /);
    await waitFor(() => expect(erase).toBeEnabled());

    await user.click(erase);
    const dialog = await screen.findByRole('dialog', { name: 'Effacer définitivement « Plomberie Szymański » ?' });
    const confirm = within(dialog).getByRole('button', { name: 'Effacer définitivement' });
    await user.type(within(dialog).getByLabelText(/Tapez le nom du cabinet/), 'Plomberie');
    await user.click(confirm);
    expect(within(dialog).getByText('Le nom tapé ne correspond pas encore.')).toBeInTheDocument();
    expect((await t.client.firms.list({})).some((f) => f.id === FIRM)).toBe(true);

    await user.type(within(dialog).getByLabelText(/Tapez le nom du cabinet/), ' Szymański{Enter}');
    await screen.findByRole('heading', { name: '« Plomberie Szymański » a été effacé' });
    // The shell no longer shows it as the current firm.
    expect(screen.queryByRole('status', { name: 'Cabinet affiché' })).not.toBeInTheDocument();
    expect((await t.client.firms.list({})).some((f) => f.id === FIRM)).toBe(false);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('dossier de données')).toBeInTheDocument();

    // Ctrl+S on the erased firm's screen must not bring it back.
    await user.keyboard('{Control>}s{/Control}');
    await user.click(screen.getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: /a été effacé/ })).not.toBeInTheDocument());
    expect((await t.client.firms.list({})).some((f) => f.id === FIRM)).toBe(false);
  });
});
