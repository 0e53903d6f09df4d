// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { TimesheetsView } from '../../../../renderer/features/timesheets/TimesheetsView';
import { createI18n } from '../../../../renderer/i18n';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';

// Run under TZ=UTC and TZ=Europe/Paris (see the report): the firm's clock must read the same in both.
let t: TestContext;
beforeEach(() => {
  t = openTestContext();
});
afterEach(() => t.close());

function renderView() {
  render(
    <ApiContext.Provider value={t.client}>
      <I18nextProvider i18n={createI18n('fr')}>
        <TimesheetsView api={t.client} />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
}

function entry(firmId: string, startedAt: number, label: string) {
  return t.services.timesheets.create({
    firmId,
    taskType: 'mail',
    startedAt,
    durationSeconds: 600,
    quantity: 1,
    billable: true,
    urgent: false,
    label,
    note: '',
  });
}

describe('Temps in the firm’s time zone', () => {
  it('shows a Réunion firm’s entry at its own 08:45, says the zone, and files it in the firm’s month', async () => {
    const firm = t.services.firms.save({
      draft: parsedDraft(makeFirmDraft({ name: 'Pharmacie du Port', timeZone: 'Indian/Reunion' })),
    });
    entry(firm.id, Date.UTC(2026, 10, 3, 4, 45), 'Courrier Hoarau');
    // 1 November 01:00 in Réunion, still 31 October in Paris and UTC: November for this firm.
    entry(firm.id, Date.UTC(2026, 9, 31, 21, 0), 'Relance Payet');
    // 30 November 23:30 in Paris would be December in Réunion: not listed in November.
    entry(firm.id, Date.UTC(2026, 10, 30, 22, 30), 'Classement décembre');
    renderView();
    fireEvent.change(screen.getByLabelText('Mois', { exact: true }), { target: { value: '2026-11' } });

    const row = (await screen.findByText('Courrier Hoarau')).closest('tr')!;
    expect(within(row).getByText(/03\/11\/2026 08:45/)).toBeInTheDocument();
    expect(within(row).getByText('heure de La Réunion (UTC+4)')).toBeInTheDocument();
    const early = (await screen.findByText('Relance Payet')).closest('tr')!;
    expect(within(early).getByText(/01\/11\/2026 01:00/)).toBeInTheDocument();
    expect(screen.queryByText('Classement décembre')).toBeNull();
    expect(screen.getByText('2 saisies ce mois-ci')).toBeInTheDocument();
  });

  it('lists a demo call’s entry marked « démo », with no billable box', async () => {
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    const at = Date.UTC(2026, 10, 3, 9, 0);
    const { call } = t.services.calls.offer({
      id: '00000000-0000-4000-8000-000000000001',
      direction: 'inbound',
      firmId: firm.id,
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
    t.services.calls.record({ type: 'answered', callId: call.id, at: at + 3000 });
    t.services.calls.record({ type: 'ended', callId: call.id, at: at + 63_000, reason: 'remote-hangup', detail: '' });
    entry(firm.id, at + 3_600_000, 'Courrier Durand');
    renderView();
    fireEvent.change(screen.getByLabelText('Mois', { exact: true }), { target: { value: '2026-11' } });

    const demoRow = (await screen.findByText('Appel de démonstration')).closest('tr')!;
    expect(within(demoRow).getByText('démo')).toBeInTheDocument();
    expect(within(demoRow).getByText('jamais facturé')).toBeInTheDocument();
    expect(within(demoRow).queryByRole('checkbox')).toBeNull();
    const realRow = screen.getByText('Courrier Durand').closest('tr')!;
    expect(within(realRow).getByRole('checkbox', { name: 'Facturable : Courrier Durand' })).toBeChecked();
    expect(within(realRow).queryByText('démo')).toBeNull();
  });
});
