// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { TimesheetImportPanel } from '../../../../renderer/features/timesheets/TimesheetImportPanel';
import { createI18n } from '../../../../renderer/i18n';
import { setupFirm } from '../../main/timesheets/support';

const FILE =
  'Date;Heure;Durée;Type;Objet\n03/11/2026;09:00;0:30;frappe;Compte rendu\n04/11/2026;14:00;1:00;saisie;Factures\n';
const base64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

function renderPanel(t: ReturnType<typeof setupFirm>['t'], firmId: string, content: string) {
  const user = userEvent.setup();
  const imported = vi.fn();
  render(
    <ApiContext.Provider value={t.client}>
      <I18nextProvider i18n={createI18n('fr')}>
        <TimesheetImportPanel
          api={t.client}
          firmId={firmId}
          content={base64(content)}
          fileName="heures.csv"
          onClose={() => undefined}
          onImported={imported}
        />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  return { user, imported, panel: () => screen.getByRole('region', { name: 'Import de saisies' }) };
}

describe('the time entries import panel', () => {
  it('shows the lines already saved as duplicates, skips them, and imports them only when she ticks the box', async () => {
    const { t, firm } = setupFirm();
    await t.client.timesheets.import({ firmId: firm.id, content: FILE });
    const { user, panel } = renderPanel(t, firm.id, `${FILE}05/11/2026;10:00;0:15;relance;Impayés\n`);

    expect(
      await within(panel()).findByText('Fichier lu en Windows-1252 (Excel, accents d’Europe de l’Ouest).'),
    ).toBeInTheDocument();
    expect(
      await within(panel()).findByText(
        '2 lignes sont identiques à des saisies déjà enregistrées (même début, durée, type et quantité) : lignes 2, 3. Elles ne seront pas importées.',
      ),
    ).toBeInTheDocument();
    expect(within(panel()).getAllByRole('cell', { name: 'doublon' })).toHaveLength(2);
    expect(within(panel()).getByRole('status')).toHaveTextContent('1 ligne valide, prête à importer.');
    await user.click(within(panel()).getByRole('button', { name: 'Importer 1 ligne' }));
    expect(await within(panel()).findByText('1 saisie importée. 2 doublons ignorés.')).toBeInTheDocument();
    expect((await t.client.timesheets.list({ firmId: firm.id })).total).toBe(3);
    t.close();
  });

  it('imports the duplicates too when « importer aussi les doublons » is ticked', async () => {
    const { t, firm } = setupFirm();
    await t.client.timesheets.import({ firmId: firm.id, content: FILE });
    const { user, panel, imported } = renderPanel(t, firm.id, FILE);
    expect(
      await within(panel()).findByText('Rien à importer : toutes les lignes sont déjà enregistrées.'),
    ).toBeInTheDocument();
    expect(within(panel()).queryByRole('button', { name: /Importer/ })).toBeNull();

    await user.click(within(panel()).getByRole('checkbox', { name: 'importer aussi les doublons' }));
    expect(await within(panel()).findByText(/Elles seront importées quand même\./)).toBeInTheDocument();
    await user.click(await within(panel()).findByRole('button', { name: 'Importer 2 lignes' }));
    expect(await within(panel()).findByText('2 saisies importées.')).toBeInTheDocument();
    expect(imported).toHaveBeenCalled();
    expect((await t.client.timesheets.list({ firmId: firm.id })).total).toBe(4);
    t.close();
  });
});
