// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { App } from '../../../../renderer/app/App';
import { RunningTimerBadge } from '../../../../renderer/features/timesheets/RunningTimerBadge';
import { createI18n } from '../../../../renderer/i18n';
import { openTestContext, type TestContext } from '../../../fixtures/factories';

const FIRM = 'demo-plomberie-szymanski';
let t: TestContext;
let clock = Date.UTC(2026, 2, 10, 9, 0, 0);

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});
beforeEach(async () => {
  clock = Date.UTC(2026, 2, 10, 9, 0, 0);
  t = openTestContext({ now: () => clock });
  await t.client.workspace.initialise({ kind: 'demo' });
});
afterEach(() => t.close());

describe('running timer badge', () => {
  it('starts a timer for a firm, shows it running, and stopping it leaves a time entry', async () => {
    const user = userEvent.setup();
    render(
      <ApiContext.Provider value={t.client}>
        <I18nextProvider i18n={createI18n('fr')}>
          <RunningTimerBadge currentFirmId={FIRM} />
        </I18nextProvider>
      </ApiContext.Provider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Minuteur (Ctrl+T)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Démarrer un minuteur' });
    await user.selectOptions(within(dialog).getByLabelText('Type'), 'Courrier');
    await user.type(within(dialog).getByLabelText('Appelant / objet'), 'Relances impayés');
    await user.click(within(dialog).getByRole('button', { name: 'Démarrer' }));

    const badge = await screen.findByRole('timer', { name: /Minuteur en cours pour Plomberie/ });
    expect(badge).toHaveTextContent('Courrier');
    expect(await t.client.timesheets.timer({})).toMatchObject({ firmId: FIRM, taskType: 'mail' });

    clock += 25 * 60 * 1000;
    await user.click(within(badge).getByRole('button', { name: 'Arrêter' }));
    await waitFor(() => expect(screen.queryByRole('timer')).toBeNull());
    expect(await t.client.timesheets.timer({})).toBeNull();
    const { items } = await t.client.timesheets.list({ firmId: FIRM, limit: 1000 });
    const entry = items.find((e) => e.source === 'timer');
    expect(entry).toMatchObject({ taskType: 'mail', label: 'Relances impayés', durationSeconds: 25 * 60 });
  });
});

describe('firm editor billing tab', () => {
  it('saves the hourly rate and rounding typed in the Facturation tab into the firm’s billing', async () => {
    const user = userEvent.setup();
    render(<App api={t.client} i18n={createI18n('fr')} />);
    const list = await screen.findByRole('list', { name: 'Liste des cabinets' });
    await user.click(await within(list).findByRole('button', { name: /Plomberie/ }));
    await screen.findByRole('heading', { name: /Plomberie/ });
    await user.click(screen.getByRole('tab', { name: /Facturation/ }));

    const rate = await screen.findByLabelText('Taux horaire HT (€)');
    await user.clear(rate);
    await user.type(rate, '52,50');
    expect(rate).toHaveValue('52,50');
    await user.selectOptions(screen.getByLabelText('Arrondi'), 'par quart d’heure');
    await user.selectOptions(screen.getByLabelText('Sens de l’arrondi'), 'au plus proche');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Enregistré');

    const firm = await t.client.firms.get({ id: FIRM });
    expect(firm.billing.time).toMatchObject({
      hourlyRateCents: 5250,
      roundingUnitSeconds: 900,
      roundingDirection: 'nearest',
    });
  });
});
