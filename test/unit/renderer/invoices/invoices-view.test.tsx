import fs from 'node:fs';
import path from 'node:path';
// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { App } from '../../../../renderer/app/App';
import { createI18n } from '../../../../renderer/i18n';
import { lockMonth, MONTH, openInvoicesContext, type InvoicesContext } from '../../../integration/invoices/support';

/** The Factures screen against the real handlers in-process (store, services, contract client). */
let ctx: InvoicesContext;

beforeAll(() => {
  // jsdom's window brings its own Uint8Array, so a Node Buffer fails pdfkit's `instanceof Uint8Array` when the
  // real service renders the invoice PDF in this environment; give the test realm Node's back.
  globalThis.Uint8Array = Object.getPrototypeOf(Buffer.prototype).constructor as Uint8ArrayConstructor;
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});
afterEach(() => ctx.t.close());

function open(options: { complete?: boolean } = {}): InvoicesContext {
  ctx = openInvoicesContext(options);
  ctx.t.services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1) });
  lockMonth(ctx);
  return ctx;
}

/** « 61,40 € » as Testing Library reads it (its matchers turn the non-breaking spaces Intl writes into spaces). */
const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\s/g, ' ');

async function openFactures(user: UserEvent) {
  render(<App api={ctx.t.client} i18n={createI18n('fr')} />);
  const nav = await screen.findByRole('navigation', { name: 'Écrans' });
  await user.click(within(nav).getByRole('button', { name: 'Factures' }));
  const month = await screen.findByLabelText('Mois');
  fireEvent.change(month, { target: { value: MONTH } });
}

async function issueAll(user: UserEvent) {
  await user.click(screen.getByRole('button', { name: 'Émettre les factures du mois' }));
  const dialog = await screen.findByRole('dialog', { name: 'Émettre les factures ?' });
  expect(dialog).toHaveTextContent('Une erreur se corrige par un avoir');
  await user.click(within(dialog).getByRole('button', { name: 'Émettre' }));
}

async function issueFirst(): Promise<string> {
  const [outcome] = await ctx.t.client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
  if (outcome?.status !== 'issued') throw new Error(`not issued: ${JSON.stringify(outcome)}`);
  return outcome.invoice.id;
}

describe('Factures screen', () => {
  it('says what blocks issuing, opens Réglages to fill in the IBAN, then issues FA-0001 into the register', async () => {
    const user = userEvent.setup();
    open({ complete: false });
    await openFactures(user);
    await issueAll(user);

    const outcomes = await screen.findByRole('region', { name: 'Résultat de l’émission' });
    expect(outcomes).toHaveTextContent('Cabinet Martin non facturé : il manque');
    expect(outcomes).toHaveTextContent('Votre IBAN, imprimé sur la facture pour le virement, n’est pas renseigné');
    expect(await ctx.t.client.invoices.list({})).toEqual([]);

    await user.click(within(outcomes).getByRole('button', { name: 'Compléter dans les Réglages' }));
    const settings = await screen.findByRole('dialog', { name: 'Réglages' });
    const section = within(settings).getByRole('form', { name: 'Facturation électronique' });
    await user.type(within(section).getByLabelText('BIC'), 'AGRI');
    await user.click(within(section).getByRole('button', { name: 'Enregistrer la facturation électronique' }));
    // A malformed BIC is refused under its field with the schema's sentence, and nothing is saved.
    await within(section).findByText('BIC attendu : 8 ou 11 caractères');
    await user.clear(within(section).getByLabelText('BIC'));
    await user.type(within(section).getByLabelText('BIC'), 'AGRIFRPP');
    await user.type(within(section).getByLabelText('IBAN'), 'FR76 3000 6000 0112 3456 7890 189');
    expect(within(section).getByText('Prochain numéro : FA-0001')).toBeVisible();
    await user.click(within(section).getByRole('button', { name: 'Enregistrer la facturation électronique' }));
    await within(section).findByText('Enregistré');
    // Stored without spaces, read back in groups of four.
    expect(within(section).getByLabelText('IBAN')).toHaveValue('FR76 3000 6000 0112 3456 7890 189');
    expect(await ctx.t.client.invoices.settings({})).toMatchObject({
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
    });
    await user.click(within(settings).getByRole('button', { name: 'Fermer' }));

    await issueAll(user);
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Résultat de l’émission' })).toHaveTextContent(
        /Cabinet Martin facture FA-0001 émise/,
      ),
    );
    const [invoice] = await ctx.t.client.invoices.list({ month: MONTH });
    const total = euros(invoice!.totalCents);
    const row = (await screen.findByRole('button', { name: 'Facture FA-0001' })).closest('tr')!;
    expect(row).toHaveTextContent('Cabinet Martin');
    expect(row).toHaveTextContent(total);
    expect(row).toHaveTextContent('impayée');
    expect(row).toHaveTextContent('non envoyé');

    // Issuing again says the firm is already invoiced, with its number.
    await issueAll(user);
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Résultat de l’émission' })).toHaveTextContent(
        'déjà facturé ce mois-ci (facture FA-0001)',
      ),
    );
  });

  it('refuses a credit note above what is left to credit with the message, then issues a partial one', async () => {
    const user = userEvent.setup();
    open();
    await issueFirst();
    const [invoice] = await ctx.t.client.invoices.list({});
    await openFactures(user);
    await user.click(await screen.findByRole('button', { name: 'Facture FA-0001' }));
    const panel = await screen.findByRole('region', { name: 'Facture FA-0001' });
    const left = euros(invoice!.linesCents);
    const form = within(panel).getByRole('form', { name: 'Établir un avoir' });
    expect(form).toHaveTextContent(`Reste à créditer : ${left} HT.`);

    await user.click(within(form).getByLabelText('Une partie'));
    const tooMuch = ((invoice!.linesCents + 1) / 100).toFixed(2).replace('.', ',');
    await user.type(within(form).getByLabelText('Montant HT de l’avoir (€)'), tooMuch);
    await user.click(within(form).getByRole('button', { name: 'Établir l’avoir' }));
    expect(
      await within(form).findByText(`Un avoir ne peut dépasser ce qui reste à créditer : ${left} HT.`),
    ).toBeVisible();
    expect(within(form).getByText('Indiquez le motif de l’avoir.')).toBeVisible();
    expect(await ctx.t.client.invoices.list({})).toHaveLength(1);

    const amount = within(form).getByLabelText('Montant HT de l’avoir (€)');
    await user.clear(amount);
    await user.type(amount, '12,50');
    await user.type(within(form).getByLabelText('Motif (obligatoire)'), 'Appel compté deux fois');
    await user.click(within(form).getByRole('button', { name: 'Établir l’avoir' }));
    const credit = await screen.findByRole('region', { name: 'Avoir FA-0002' });
    expect(credit).toHaveTextContent('Appel compté deux fois');
    expect(credit).toHaveTextContent('la facture FA-0001');
    const all = await ctx.t.client.invoices.list({});
    expect(all.find((i) => i.number === 'FA-0002')).toMatchObject({ kind: 'credit-note', linesCents: 1250 });
    expect((await ctx.t.client.invoices.get({ id: invoice!.id })).creditableCents).toBe(invoice!.linesCents - 1250);
  });

  it('marks an invoice paid on the day she gives, shows it in the register, and undoes it', async () => {
    const user = userEvent.setup();
    open();
    const id = await issueFirst();
    await openFactures(user);
    await user.click(await screen.findByRole('button', { name: 'Facture FA-0001' }));
    const panel = await screen.findByRole('region', { name: 'Facture FA-0001' });
    fireEvent.change(within(panel).getByLabelText('Payée le'), { target: { value: '2026-12-15' } });
    await user.click(within(panel).getByRole('button', { name: 'Marquer payée' }));
    await within(panel).findByText('Payée le 15 déc. 2026.');
    const row = screen.getByRole('button', { name: 'Facture FA-0001' }).closest('tr')!;
    await waitFor(() => expect(row).toHaveTextContent('payée le 15 déc. 2026'));
    expect((await ctx.t.client.invoices.get({ id })).invoice.paidOn).toBe('2026-12-15');

    await user.click(within(panel).getByRole('button', { name: 'Annuler : impayée' }));
    await waitFor(() => expect(row).toHaveTextContent('impayée'));
    expect((await ctx.t.client.invoices.get({ id })).invoice.paidOn).toBeNull();

    // Échap closes the detail and brings her back to the invoice's row in the register.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Facture FA-0001' })).toBeNull());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Facture FA-0001' })).toHaveFocus());
  });
  it('e-mails the invoice once to the firm’s recipients and exports the month’s files, naming the folder', async () => {
    const user = userEvent.setup();
    open();
    await issueFirst();
    await openFactures(user);
    await user.click(await screen.findByRole('button', { name: 'Facture FA-0001' }));
    const panel = await screen.findByRole('region', { name: 'Facture FA-0001' });
    const sending = within(panel).getByRole('group', { name: 'Envoi par e-mail' });
    await within(sending).findByText('Le PDF partira à : compta@martin.test. L’e-mail ne part qu’une fois.');
    await user.click(within(sending).getByRole('button', { name: 'Envoyer par e-mail' }));
    await within(sending).findByText('E-mail programmé : il part par la file d’envoi.');
    await within(sending).findByText('En attente d’envoi à : compta@martin.test.');
    // Once queued, there is nothing left to click: it cannot leave twice.
    expect(within(sending).queryByRole('button')).toBeNull();
    const row = screen.getByRole('button', { name: 'Facture FA-0001' }).closest('tr')!;
    await waitFor(() => expect(row).toHaveTextContent('en attente'));
    expect(await ctx.t.client.invoices.send({ id: (await ctx.t.client.invoices.list({}))[0]!.id })).toMatchObject({
      queued: false,
    });

    await user.click(screen.getByRole('button', { name: 'Exporter le mois' }));
    const exported = await screen.findByRole('status', { name: 'Export des factures' });
    const dir = path.join(ctx.t.dataDir, 'exports', MONTH, 'factures');
    expect(exported).toHaveTextContent(`4 fichiers écrits dans ${dir} :`);
    for (const file of [
      'FA-0001.pdf',
      'FA-0001_factur-x.xml',
      'registre-des-factures.csv',
      'registre-des-factures.xlsx',
    ]) {
      expect(within(exported).getByText(file)).toBeVisible();
      expect(fs.existsSync(path.join(dir, file))).toBe(true);
    }
  });
});
