// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import path from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { BackupsSection } from '../../../../renderer/features/privacy/BackupsSection';
import { createI18n } from '../../../../renderer/i18n';
import { makeFirmDraft, openTestContext, parsedDraft, tempDir, type TestContext } from '../../../fixtures/factories';

let t: TestContext;
afterEach(() => t.close());

function renderSection() {
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={t.client}>
      <I18nextProvider i18n={createI18n('fr')}>
        <BackupsSection />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  return user;
}

describe('Réglages › Sauvegardes', () => {
  it('backs up now and lists the backup with its date, size and « vérifiée »', async () => {
    t = openTestContext({ now: () => Date.UTC(2026, 11, 3, 14, 5, 9) });
    t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
    const user = renderSection();
    const section = await screen.findByRole('group', { name: 'Sauvegardes' });
    expect(await within(section).findByText('Aucune sauvegarde pour l’instant.')).toBeVisible();
    expect(within(section).getByText(new RegExp(path.join(t.dataDir, 'backups')))).toBeVisible();

    await user.click(within(section).getByRole('button', { name: 'Sauvegarder maintenant' }));
    expect(await within(section).findByRole('status')).toHaveTextContent(
      'Sauvegarde vérifiée : permanence-20261203-140509.sqlite3.',
    );
    const list = await within(section).findByRole('list', { name: 'Liste des sauvegardes' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent(/3 décembre 2026/);
    expect(items[0]).toHaveTextContent(/\d+(,\d)? Mo · manuelle · vérifiée/);
    expect(t.services.privacy.backups.list()).toHaveLength(1);
  });

  it('saves the second folder, then a copy goes there; a relative path is refused under the field', async () => {
    t = openTestContext({ now: () => Date.UTC(2026, 11, 3, 14, 5, 9) });
    const user = renderSection();
    const section = await screen.findByRole('group', { name: 'Sauvegardes' });
    const input = await within(section).findByLabelText('Copier aussi dans ce dossier');

    await user.type(input, 'cle-usb');
    await user.click(within(section).getByRole('button', { name: 'Enregistrer le dossier' }));
    expect(await within(section).findByText('Indiquez un chemin complet (cle-usb n’en est pas un).')).toBeVisible();
    expect(input).toHaveAttribute('aria-invalid', 'true');

    const usb = path.join(tempDir(), 'usb');
    await user.clear(input);
    await user.type(input, usb);
    await user.click(within(section).getByRole('button', { name: 'Enregistrer le dossier' }));
    expect(await within(section).findByText('Dossier enregistré')).toBeVisible();
    expect(t.services.privacy.backupSettings().folder).toBe(usb);

    await user.click(within(section).getByRole('button', { name: 'Sauvegarder maintenant' }));
    expect(
      await within(section).findByText(
        `Sauvegarde vérifiée : permanence-20261203-140509.sqlite3. Copie vérifiée dans ${path.join(usb, 'permanence-20261203-140509.sqlite3')}.`,
      ),
    ).toBeVisible();
  });
});
