// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { currentMonth, monthRange } from '../../../../renderer/features/billing/format';
import { TimesheetsView } from '../../../../renderer/features/timesheets/TimesheetsView';
import { createI18n } from '../../../../renderer/i18n';
import { openTestContext, type TestContext } from '../../../fixtures/factories';

const FIRM = 'demo-plomberie-szymanski';
let t: TestContext;

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});
beforeEach(async () => {
  t = openTestContext();
  await t.client.workspace.initialise({ kind: 'demo' });
});
afterEach(() => t.close());

function renderView(client = t.client) {
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={client}>
      <I18nextProvider i18n={createI18n('fr')}>
        <TimesheetsView api={client} />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  return user;
}

/** Picks the firm once the list has arrived (selecting before the options exist was a race under load). */
async function chooseFirm(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  const select = (await screen.findByLabelText('Cabinet')) as HTMLSelectElement;
  await waitFor(() => expect(select.querySelector(`option[value="${FIRM}"]`)).not.toBeNull());
  await user.selectOptions(select, FIRM);
}

describe('timesheets CSV import', () => {
  it('imports with the column mapping chosen in the app, not only the detected one', async () => {
    const user = renderView();
    await chooseFirm(user);
    const csv = 'Date;Durée;Objet;Client\n03/02/2025;0:30;Courrier recommandé;Martin\n04/02/2025;1:15;Frappe;Durand\n';
    await user.upload(screen.getByLabelText('Importer un CSV…'), new File([csv], 'temps.csv', { type: 'text/csv' }));

    const panel = await screen.findByRole('region', { name: 'Import de saisies' });
    const labelSelect = await within(panel).findByLabelText('Colonne pour « objet »');
    // Detected: objet ← « Objet ».
    expect((labelSelect as HTMLSelectElement).value).toBe('2');
    expect(within(panel).getByRole('status')).toHaveTextContent('2 lignes valides');

    expect(await within(panel).findByRole('cell', { name: 'Courrier recommandé' })).toBeInTheDocument();
    await user.selectOptions(labelSelect, 'Client');
    // The preview follows the chosen mapping before anything is written.
    expect(await within(panel).findByRole('cell', { name: 'Martin' })).toBeInTheDocument();
    await user.selectOptions(within(panel).getByLabelText('Colonne pour « note »'), 'Objet');
    await user.click(within(panel).getByRole('button', { name: 'Importer 2 lignes' }));
    await within(panel).findByText('2 saisies importées.');

    const { items } = await t.client.timesheets.list({ firmId: FIRM, limit: 1000 });
    const imported = items.filter((e) => e.source === 'import').sort((a, b) => a.startedAt - b.startedAt);
    expect(imported.map((e) => [e.label, e.note, e.durationSeconds])).toEqual([
      ['Martin', 'Courrier recommandé', 1800],
      ['Durand', 'Frappe', 4500],
    ]);
  });

  it('ignoring the duration column refuses the whole file and writes nothing', async () => {
    const user = renderView();
    await chooseFirm(user);
    const csv = 'Date;Durée;Objet\n03/02/2025;0:30;Courrier\n';
    await user.upload(screen.getByLabelText('Importer un CSV…'), new File([csv], 'temps.csv', { type: 'text/csv' }));
    const panel = await screen.findByRole('region', { name: 'Import de saisies' });
    await user.selectOptions(await within(panel).findByLabelText('Colonne pour « durée »'), '— ignorer —');
    expect(await within(panel).findByText(/Import refusé/)).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /Importer/ })).toBeNull();
    const { items } = await t.client.timesheets.list({ firmId: FIRM, limit: 1000 });
    expect(items.filter((e) => e.source === 'import')).toHaveLength(0);
  });
});

describe('timesheets CSV import previews', () => {
  it('keeps the latest mapping when an earlier preview answers last', async () => {
    // The preview asked for after choosing « Client » (duration still mapped) is held back until the one asked
    // for after ignoring the duration has answered: requests are told apart by what they ask, not by their order.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let heldBack = false;
    let latestAnswered = false;
    const client = {
      ...t.client,
      timesheets: {
        ...t.client.timesheets,
        previewImport: async (input: Parameters<typeof t.client.timesheets.previewImport>[0]) => {
          const answer = await t.client.timesheets.previewImport(input);
          const mapping = input.mapping ?? {};
          if (mapping.label === 3 && mapping.duration !== null) {
            heldBack = true;
            await held;
          }
          if (mapping.duration === null) {
            latestAnswered = true;
            setTimeout(release, 0);
          }
          return answer;
        },
      },
    };
    const user = renderView(client);
    await chooseFirm(user);
    const csv = 'Date;Durée;Objet;Client\n03/02/2025;0:30;Courrier;Martin\n';
    await user.upload(screen.getByLabelText('Importer un CSV…'), new File([csv], 'temps.csv', { type: 'text/csv' }));
    const panel = await screen.findByRole('region', { name: 'Import de saisies' });
    const label = await within(panel).findByLabelText('Colonne pour « objet »', {}, { timeout: 10_000 });
    await user.selectOptions(label, 'Client');
    await user.selectOptions(within(panel).getByLabelText('Colonne pour « durée »'), '— ignorer —');
    expect(await within(panel).findByText(/Import refusé/, {}, { timeout: 10_000 })).toBeInTheDocument();
    await held;
    expect(heldBack && latestAnswered).toBe(true);
    // The late answer to the « Client » preview (duration still mapped) did not bring the import back.
    expect(within(panel).getByText(/Import refusé/)).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /Importer/ })).toBeNull();
  });
});

describe('time entry edit form', () => {
  async function seedEntry() {
    const { from } = monthRange(currentMonth());
    return t.client.timesheets.create({
      firmId: FIRM,
      taskType: 'mail',
      startedAt: from + 2 * 86_400_000 + 10 * 3_600_000,
      durationSeconds: 1800,
      quantity: 1,
      billable: true,
      urgent: false,
      label: 'Courrier Martin',
      note: '',
    });
  }

  it('saves a new duration and lists the change in the history', async () => {
    const entry = await seedEntry();
    const user = renderView();
    await user.click(await screen.findByRole('button', { name: 'Modifier « Courrier Martin »' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modifier la saisie' });
    await within(dialog).findByText(/Europe\/Paris/);
    const duration = within(dialog).getByLabelText('Durée (hh:mm:ss)');
    expect(duration).toHaveValue('0:30:00');
    await user.clear(duration);
    await user.type(duration, '0:45:00');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await within(dialog).findByText('Saisie enregistrée.');

    const { items } = await t.client.timesheets.list({ firmId: FIRM, limit: 1000 });
    expect(items.find((e) => e.id === entry.id)?.durationSeconds).toBe(2700);
    await user.click(within(dialog).getByText(/Historique/));
    const history = within(dialog).getByRole('list', { name: 'Historique des modifications' });
    await waitFor(() => expect(history).toHaveTextContent('durée : 0:30:00 → 0:45:00'));
    expect(history).toHaveTextContent('modification');
  });

  it('shows the lock refusal in French and keeps what she typed', async () => {
    const entry = await seedEntry();
    await t.client.billing.lock({ firmId: FIRM, month: currentMonth(), reason: '' });
    const user = renderView();
    await user.click(await screen.findByRole('button', { name: 'Modifier « Courrier Martin »' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modifier la saisie' });
    await within(dialog).findByText(/Europe\/Paris/);
    const duration = within(dialog).getByLabelText('Durée (hh:mm:ss)');
    await user.clear(duration);
    await user.type(duration, '1:00:00');
    await user.type(within(dialog).getByLabelText('Note'), 'Relu');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/est verrouillé/);
    expect(duration).toHaveValue('1:00:00');
    expect(within(dialog).getByLabelText('Note')).toHaveValue('Relu');
    const { items } = await t.client.timesheets.list({ firmId: FIRM, limit: 1000 });
    expect(items.find((e) => e.id === entry.id)?.durationSeconds).toBe(1800);
  });
});
