// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../../renderer/app/App';
import { createI18n } from '../../../../renderer/i18n';
import { openInvoicesContext, type InvoicesContext } from '../../../integration/invoices/support';

/** The firm's invoicing details in its editor's Facturation tab, against the real handlers in-process. */
let ctx: InvoicesContext;

afterEach(() => ctx.t.close());

describe('firm invoicing details (Facturation tab)', () => {
  it('lists what blocks invoicing the firm, refuses a malformed SIREN under its field, and saves with Ctrl+S', async () => {
    const user = userEvent.setup();
    ctx = openInvoicesContext({ complete: false });
    ctx.t.services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1) });
    const details = ctx.t.services.invoices.firmDetails(ctx.firmId);
    ctx.t.services.invoices.saveFirmDetails(ctx.firmId, {
      ...details,
      siren: '',
      electronicAddress: { scheme: '0225', id: '' },
    });
    render(<App api={ctx.t.client} i18n={createI18n('fr')} />);
    const list = await screen.findByRole('list', { name: 'Liste des cabinets' });
    await user.click(await within(list).findByRole('button', { name: /Cabinet Martin/ }));
    await screen.findByRole('heading', { name: /Cabinet Martin/ });
    await user.click(screen.getByRole('tab', { name: /Facturation/ }));

    const section = await screen.findByRole('group', { name: 'Facture électronique du cabinet' });
    const missing = await within(section).findByRole('status');
    expect(missing).toHaveTextContent('Le SIREN du cabinet (9 chiffres) n’est pas renseigné.');
    expect(missing).toHaveTextContent('L’adresse de facturation électronique du cabinet n’est pas renseignée.');

    await user.type(within(section).getByLabelText('SIREN'), '7328');
    await user.click(within(section).getByRole('button', { name: 'Enregistrer la facture électronique du cabinet' }));
    expect(await within(section).findByText('SIREN attendu : 9 chiffres')).toBeVisible();
    expect(within(section).getByLabelText('SIREN')).toHaveAttribute('aria-invalid', 'true');
    expect(ctx.t.services.invoices.firmDetails(ctx.firmId).siren).toBe('');

    await user.type(within(section).getByLabelText('SIREN'), '29320');
    await user.type(within(section).getByLabelText('Adresse électronique'), '732829320_COMPTA');
    await user.type(
      within(section).getByLabelText('Destinataires des factures (e-mails)'),
      'compta@martin.test, associe@martin.test',
    );
    await user.keyboard('{Control>}s{/Control}');
    await within(section).findByText('Enregistré');
    expect(within(section).queryByText(/il manque/)).toBeNull();
    expect(ctx.t.services.invoices.firmDetails(ctx.firmId)).toMatchObject({
      siren: '732829320',
      electronicAddress: { scheme: '0225', id: '732829320_COMPTA' },
      emails: ['compta@martin.test', 'associe@martin.test'],
    });
    expect(await ctx.t.client.invoices.missing({ firmId: ctx.firmId })).toEqual(['iban']);
  });
});
