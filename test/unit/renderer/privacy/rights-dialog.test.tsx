// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { RightsSection } from '../../../../renderer/features/privacy/rights/RightsSection';
import { createI18n } from '../../../../renderer/i18n';
import { openTestContext, type TestContext } from '../../../fixtures/factories';
import { AT, seedPeople, type Seeded } from '../../../integration/privacy-rights/seed';

let t: TestContext;
let s: Seeded;
beforeEach(() => {
  t = openTestContext({ now: () => AT + 86_400_000 });
  s = seedPeople(t.services, t.db);
});
afterEach(async () => {
  await t.services.messages.stopWorker();
  t.close();
});

async function openDialog() {
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={t.client}>
      <I18nextProvider i18n={createI18n('fr')}>
        <RightsSection />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  await user.click(screen.getByRole('button', { name: 'Demande d’une personne…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Demande d’une personne' });
  // The firms arrive from the contract: the asking firm is chosen before searching.
  await within(dialog).findByRole('option', { name: 'Cabinet Martin' });
  await user.selectOptions(within(dialog).getByLabelText('Cabinet qui demande'), 'Cabinet Martin');
  return { user, dialog };
}

describe('Demande d’une personne', () => {
  it('finds her by number in the asking firm and shows counts and items per kind', async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText('Numéro'), '06 11 22 33 44');
    await user.click(within(dialog).getByRole('button', { name: 'Rechercher' }));
    const results = await within(dialog).findByRole('region', { name: 'Résultats' });
    expect(within(results).getByRole('status')).toHaveTextContent(
      '6 éléments trouvés pour +33611223344 dans Cabinet Martin.',
    );
    expect(within(results).getByRole('row', { name: /Contacts 1 supprimés/ })).toBeVisible();
    expect(within(results).getByRole('row', { name: /Appels 1 gardés sans son nom ni son numéro/ })).toBeVisible();
    const contacts = within(results).getByRole('list', { name: 'Contacts' });
    expect(within(contacts).getByRole('listitem')).toHaveTextContent('Hélène Kerjean — 06 11 22 33 44');
    expect(within(results).queryByText(/Dupont/)).toBeNull();
  });

  it('offers her contact from the name, exports, then erases after a confirmation', async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText('Nom'), 'Kerjean');
    const contact = await within(dialog).findByLabelText('Contact du cabinet');
    await user.selectOptions(contact, s.contactId);
    await user.click(within(dialog).getByRole('button', { name: 'Rechercher' }));
    await within(dialog).findByRole('region', { name: 'Résultats' });

    await user.click(within(dialog).getByRole('button', { name: 'Exporter (JSON et PDF)' }));
    expect(await within(dialog).findByText(/Export écrit : .*personne\.pdf et .*personne\.json\./)).toBeVisible();

    await user.click(within(dialog).getByRole('button', { name: 'Effacer…' }));
    const confirm = within(dialog).getByRole('alertdialog');
    expect(confirm).toHaveTextContent('Effacer définitivement 8 éléments ?');
    await user.click(within(confirm).getByRole('button', { name: 'Effacer définitivement' }));
    expect(await within(dialog).findByText(/Effacement fait : 8 éléments effacés ou anonymisés\./)).toBeVisible();
    expect(t.db.prepare("SELECT count(*) FROM contacts WHERE name = 'Hélène Kerjean'").pluck().get()).toBe(0);
  });

  it('says why in French when the number is not one', async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText('Numéro'), '12');
    await user.click(within(dialog).getByRole('button', { name: 'Rechercher' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Ce numéro n’est pas un numéro de téléphone.');
  });
});
