// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { ContactsImportPanel } from '../../../../renderer/features/messages/ContactsImportPanel';
import { createI18n } from '../../../../renderer/i18n';
import { openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { martinDraft } from '../../../integration/messaging-context';

let t: TestContext;
let firmId: string;
beforeEach(() => {
  t = openTestContext();
  firmId = t.services.firms.save({ draft: parsedDraft(martinDraft()) }).id;
});
afterEach(() => t.close());

describe('the contacts import panel and the file’s encoding', () => {
  it('reads an Excel FR (Windows-1252) file, says so, names the columns it leaves out and keeps the phone', async () => {
    const user = userEvent.setup();
    render(
      <ApiContext.Provider value={t.client}>
        <I18nextProvider i18n={createI18n('fr')}>
          <ContactsImportPanel firmId={firmId} />
        </I18nextProvider>
      </ApiContext.Provider>,
    );
    const bytes = Buffer.from('Nom;Prénom;Téléphone;Fax\r\nMüller;Hélène;06 12 34 56 78;\r\n', 'latin1');
    await user.upload(
      screen.getByLabelText('Fichier CSV des contacts'),
      new File([new Uint8Array(bytes)], 'crm.csv', { type: 'text/csv' }),
    );
    expect(
      await screen.findByText(
        'Fichier lu en Windows-1252 (Excel, accents d’Europe de l’Ouest). Colonnes non importées : Fax.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Téléphone' })).toHaveValue('Téléphone');
    await user.click(await screen.findByRole('button', { name: 'Importer 1 contact' }));
    expect(await screen.findByText('Import terminé : 1 contacts créés, 0 mis à jour.')).toBeInTheDocument();
    expect((await t.client.contacts.list({ firmId })).items).toEqual([
      expect.objectContaining({ name: 'Hélène Müller', phones: ['+33612345678'] }),
    ]);
  });
});
