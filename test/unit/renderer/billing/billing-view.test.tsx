// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { ShellContext, createShellStore } from '../../../../renderer/app/shell-context';
import { BillingView } from '../../../../renderer/features/billing/BillingView';
import { currentMonth } from '../../../../renderer/features/billing/format';
import { createI18n } from '../../../../renderer/i18n';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';

let t: TestContext;
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});
beforeEach(() => {
  t = openTestContext();
});
afterEach(() => t.close());

function renderView() {
  const shell = createShellStore();
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={t.client}>
      <ShellContext.Provider value={shell}>
        <I18nextProvider i18n={createI18n('fr')}>
          <BillingView api={t.client} />
        </I18nextProvider>
      </ShellContext.Provider>
    </ApiContext.Provider>,
  );
  return { user, shell };
}

function demoCall(firmId: string) {
  const at = Date.now() - 60_000;
  t.services.calls.offer({
    id: '00000000-0000-4000-8000-000000000001',
    direction: 'inbound',
    firmId,
    matchedBy: 'demo',
    matchedNumber: null,
    callerNumber: '+33639980142',
    callerRaw: '',
    callerName: 'Appel de démonstration',
    anonymous: false,
    diversionReason: null,
    diversionFrom: null,
    sipCallId: 'demo-1',
    demo: true,
    at,
  });
  t.services.calls.record({ type: 'answered', callId: '00000000-0000-4000-8000-000000000001', at: at + 2000 });
  t.services.calls.record({
    type: 'ended',
    callId: '00000000-0000-4000-8000-000000000001',
    at: at + 40_000,
    reason: 'remote-hangup',
    detail: '',
  });
}

const monthFr = (month: string) =>
  new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

describe('Facturation', () => {
  it('opens on the current month and says why it is empty: nothing yet, and a demo call that is never billed', async () => {
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    demoCall(firm.id);
    const { user } = renderView();
    expect(screen.getByLabelText('Mois', { exact: true })).toHaveValue(currentMonth());
    const status = await screen.findByText(`Rien à facturer pour ${monthFr(currentMonth())}`, { exact: false });
    const box = status.closest('[role="status"]') as HTMLElement;
    expect(within(box).getByText(/Le mois est en cours/)).toBeInTheDocument();
    expect(
      within(box).getByText('1 saisie vient d’un appel de démonstration : les appels simulés ne sont jamais facturés.'),
    ).toBeInTheDocument();
    await user.click(within(box).getByRole('button', { name: /^Voir / }));
    expect(screen.getByLabelText('Mois', { exact: true })).not.toHaveValue(currentMonth());
  });

  it('asks before exporting a relevé while her identity is incomplete, listing what to fill in', async () => {
    t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    t.services.settings.update({ secretaryName: '', legalName: '', siren: '912 345 678', address: '' });
    const { user, shell } = renderView();
    await screen.findByRole('button', { name: 'Cabinet Martin' });
    await user.click(screen.getByRole('button', { name: 'PDF' }));
    const dialog = await screen.findByRole('dialog', { name: 'Votre identité de prestataire est incomplète' });
    const items = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual(['votre nom (ou raison sociale « EI »)', 'votre adresse']);
    expect(t.events.filter((e) => e.name === 'exports:progress')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Compléter dans Réglages' }));
    expect(shell.getState().settingsOpen).toBe(true);
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'PDF' }));
    await user.click(await screen.findByRole('button', { name: 'Exporter quand même' }));
    expect(await screen.findByText(/1 fichier/)).toBeInTheDocument();
  });

  it('exports at once when her identity is complete', async () => {
    t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    t.services.settings.update({ legalName: 'Julie Moreau', siren: '912 345 678', address: '4 allée des Tilleuls' });
    const { user } = renderView();
    await screen.findByRole('button', { name: 'Cabinet Martin' });
    await user.click(screen.getByRole('button', { name: 'XLSX' }));
    expect(await screen.findByText(/1 fichier/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
