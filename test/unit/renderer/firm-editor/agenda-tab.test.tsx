// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../../renderer/app/App';
import { createI18n } from '../../../../renderer/i18n';
import { openTestContext, type TestContext } from '../../../fixtures/factories';

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

async function openAgendaTab() {
  const user = userEvent.setup();
  render(<App api={t.client} i18n={createI18n('fr')} />);
  const list = await screen.findByRole('list', { name: 'Liste des cabinets' });
  await user.click(await within(list).findByRole('button', { name: /Dr Hélène Kerjean/ }));
  await user.click(await screen.findByRole('tab', { name: 'Agenda' }));
  return user;
}

describe('firm editor › Agenda', () => {
  it('shows the practitioners’ agendas, refuses overlapping ranges in French and saves nothing', async () => {
    const user = await openAgendaTab();
    const morel = await screen.findByRole('region', { name: 'Agenda de Dr Antoine Morel' });
    expect(within(morel).getByLabelText('Nom affiché')).toHaveValue('Dr Antoine Morel');
    const template = within(morel).getByRole('table', { name: 'Semaine type de Dr Antoine Morel' });
    await user.click(within(template).getByRole('button', { name: 'Ajouter une plage' }));
    // The new range copies the last one's hours on the next day: put it on Wednesday morning, over 08:30–12:00.
    await user.selectOptions(within(template).getByLabelText('Jour de la plage 6'), 'Mercredi');
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’agenda' }));
    expect(await within(morel).findByText('plages qui se chevauchent le même jour')).toBeInTheDocument();
    expect(screen.getByText('Corrigez les champs signalés avant d’enregistrer (1).')).toBeInTheDocument();
    const stored = await t.client.agenda.config({ firmId: 'demo-docteur-kerjean' });
    expect(stored.config.agendas[1]!.template).toHaveLength(5);
  });

  it('saves a motif’s new length with Ctrl+S from the tab', async () => {
    const user = await openAgendaTab();
    const motif = await screen.findByRole('region', { name: 'Motif Consultation' });
    const duration = within(motif).getByLabelText('Durée (min)');
    await user.clear(duration);
    await user.type(duration, '25');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByText('Enregistré');
    const stored = await t.client.agenda.config({ firmId: 'demo-docteur-kerjean' });
    expect(stored.config.motifs.find((m) => m.id === 'consultation')?.durationMinutes).toBe(25);
  });
});
