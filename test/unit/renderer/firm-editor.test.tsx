// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { createI18n } from '../../../renderer/i18n';
import { openTestContext, type TestContext } from '../../fixtures/factories';

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
afterEach(() => t.close());

function renderApp() {
  const user = userEvent.setup();
  render(<App api={t.client} i18n={createI18n('fr')} />);
  return user;
}

async function openFirm(user: ReturnType<typeof userEvent.setup>, name: RegExp) {
  const list = await screen.findByRole('list', { name: 'Liste des cabinets' });
  // The list renders before the firms arrive: wait for the button, not just the list.
  await user.click(await within(list).findByRole('button', { name }));
  await screen.findByRole('heading', { name });
}

describe('firm editor', () => {
  it('saves a new firm typed from scratch, with its number normalised to E.164', async () => {
    const user = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Nouveau cabinet' }));
    await user.type(screen.getByLabelText('Nom du cabinet'), 'Étude Notariale Dupuis');
    await user.type(screen.getByLabelText('Phrase d’accueil'), 'Étude Dupuis, bonjour.');
    await user.click(screen.getByRole('button', { name: 'Ajouter un numéro' }));
    await user.type(screen.getByLabelText('Numéro 1'), '01 99 00 77 77');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByText('Enregistré');
    const saved = (await t.client.firms.list({})).find((f) => f.name === 'Étude Notariale Dupuis');
    expect(saved?.numbers).toEqual(['+33199007777']);
  });

  it('shows French messages under the fields and saves nothing while the firm is invalid', async () => {
    const user = renderApp();
    await openFirm(user, /Plomberie/);
    await user.clear(screen.getByLabelText('Phrase d’accueil'));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('la phrase d’accueil est obligatoire')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Identité et numéros/ })).toHaveTextContent('1');
    const stored = await t.client.firms.get({ id: 'demo-plomberie-szymanski' });
    expect(stored.profile.greeting).not.toBe('');
  });

  it('asks before leaving a firm with unsaved changes, and keeps them on cancel', async () => {
    const user = renderApp();
    await openFirm(user, /Plomberie/);
    await user.type(screen.getByLabelText('Notes'), ' Nouvelle note.');
    const list = screen.getByRole('list', { name: 'Liste des cabinets' });
    await user.click(within(list).getByRole('button', { name: /Maison Colombe/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Modifications non enregistrées' });
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    expect((screen.getByLabelText('Notes') as HTMLTextAreaElement).value).toContain('Nouvelle note.');
    await user.click(within(list).getByRole('button', { name: /Maison Colombe/ }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Enregistrer et continuer' }),
    );
    await screen.findByRole('heading', { name: /Maison Colombe/ });
    expect((await t.client.firms.get({ id: 'demo-plomberie-szymanski' })).profile.notes).toContain('Nouvelle note.');
  });

  it('reorders script steps from the keyboard and saves the new order', async () => {
    const user = renderApp();
    await openFirm(user, /Plomberie/);
    await user.click(screen.getByRole('tab', { name: 'Script d’appel' }));
    const before = (await t.client.firms.get({ id: 'demo-plomberie-szymanski' })).script.steps.map((s) => s.id);
    await user.click(screen.getByRole('button', { name: 'Descendre l’Étape 1' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Enregistré');
    const after = (await t.client.firms.get({ id: 'demo-plomberie-szymanski' })).script.steps.map((s) => s.id);
    expect(after).toEqual([before[1], before[0], ...before.slice(2)]);
  });

  it('refuses a branch to a step that no longer exists', async () => {
    const user = renderApp();
    await openFirm(user, /Cabinet Martin/);
    await user.click(screen.getByRole('tab', { name: 'Script d’appel' }));
    const firm = await t.client.firms.get({ id: 'demo-cabinet-martin' });
    const target = firm.script.steps.findIndex((s) =>
      firm.script.steps.some((o) => o.branches.some((b) => b.goto === s.id)),
    );
    await user.click(screen.getByRole('button', { name: `Supprimer l’Étape ${target + 1}` }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect((await screen.findAllByText('branche vers une étape inconnue')).length).toBeGreaterThan(0);
  });

  it('adds a person and makes them the default recipient', async () => {
    const user = renderApp();
    await openFirm(user, /Maison Colombe/);
    await user.click(screen.getByRole('tab', { name: 'Personnes' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter une personne' }));
    const names = screen.getAllByLabelText('Nom');
    await user.type(names[names.length - 1]!, 'Inès Nouvelle');
    const radios = screen.getAllByRole('radio', { name: 'Destinataire par défaut des messages' });
    await user.click(radios[radios.length - 1]!);
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Enregistré');
    const people = (await t.client.firms.get({ id: 'demo-maison-colombe' })).people;
    expect(people.filter((p) => p.isDefaultRecipient).map((p) => p.name)).toEqual(['Inès Nouvelle']);
  });

  it('finds a contact by a name typed without accents', async () => {
    const user = renderApp();
    await openFirm(user, /Cabinet Martin/);
    await user.click(screen.getByRole('tab', { name: 'Contacts' }));
    const firstContact = (await t.client.contacts.list({ firmId: 'demo-cabinet-martin' })).items[0]!;
    const plain = firstContact.name.normalize('NFD').replace(/\p{M}/gu, '').split(' ').pop()!;
    await user.type(screen.getByLabelText('Rechercher un contact'), plain);
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Contacts du cabinet' })).getByText(new RegExp(firstContact.name)),
      ).toBeInTheDocument(),
    );
  });

  it('archives a firm after confirmation: it leaves the list and its number is free again', async () => {
    const user = renderApp();
    await openFirm(user, /Maison Colombe/);
    await user.click(screen.getByRole('button', { name: 'Archiver' }));
    const dialog = await screen.findByRole('dialog', { name: /Archiver « Maison Colombe/ });
    await user.click(within(dialog).getByRole('button', { name: 'Archiver le cabinet' }));
    const list = screen.getByRole('list', { name: 'Liste des cabinets' });
    await waitFor(() => expect(within(list).queryByRole('button', { name: /Maison Colombe/ })).not.toBeInTheDocument());
    expect((await t.client.firms.list({})).map((f) => f.id)).not.toContain('demo-maison-colombe');
  });

  it('is usable from the keyboard: Ctrl+K to search, arrows to move, Enter to open', async () => {
    const user = renderApp();
    const firmList = await screen.findByRole('list', { name: 'Liste des cabinets' });
    await within(firmList).findByRole('button', { name: /Plomberie/ });
    await user.keyboard('{Control>}k{/Control}');
    expect(screen.getByLabelText('Rechercher un cabinet')).toHaveFocus();
    await user.keyboard('plomb');
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: /Plomberie/ });
    await user.clear(screen.getByLabelText('Rechercher un cabinet'));
    await user.click(screen.getByLabelText('Rechercher un cabinet'));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const list = screen.getByRole('list', { name: 'Liste des cabinets' });
    expect(within(list).getAllByRole('button')[1]).toHaveFocus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: /Cabinet du Dr/ });
  });
});
