// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ConsignesPanel } from '../../../../renderer/features/call-desk/ConsignesPanel';
import { createI18n } from '../../../../renderer/i18n';
import { makeFirmDraft, openTestContext, parsedDraft } from '../../../fixtures/factories';

function firmWith() {
  const t = openTestContext();
  const firm = t.services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        {
          name: 'Cabinet Martin',
          closures: [{ id: 'pont', from: '2026-11-11', to: '2026-11-11', label: 'Pont du 11 novembre' }],
        },
        {
          people: [
            {
              id: 'claire',
              name: 'Me Claire Martin',
              email: 'c@m.test',
              isDefaultRecipient: true,
              transferTarget: '201',
            },
            {
              id: 'julien',
              name: 'Me Julien Roux',
              email: 'j@m.test',
              absences: [{ from: '2026-11-23', to: '2026-11-27', note: 'Formation' }],
            },
          ],
          consignes: {
            body: '## Principes\n\nNe jamais donner d’avis juridique.',
            rules: {
              transferRules: [
                { when: 'Garde à vue', personId: 'julien' },
                { when: 'Greffe', personId: 'claire' },
              ],
              neverDisclose: ['Le numéro de portable des avocats'],
              identityChecks: ['Référence du dossier'],
              identityCheckRequired: true,
              urgentDefinition: 'Audience dans les 72 heures',
            },
          },
        },
      ),
    ),
  });
  t.close();
  return firm;
}

function renderPanel(now: number, changedSince: number | null = null) {
  const firm = firmWith();
  render(
    <I18nextProvider i18n={createI18n('fr')}>
      <ConsignesPanel firm={firm} now={() => now} changedSince={changedSince} />
    </I18nextProvider>,
  );
}

describe('the consignes panel', () => {
  it('shows what applies now in the firm’s time zone: open hours, who is absent, which transfers cannot apply', () => {
    renderPanel(Date.parse('2026-11-23T09:30:00Z')); // Monday 10:30 in Paris
    const now = screen.getByRole('region', { name: 'En ce moment' });
    expect(within(now).getByText(/Ouvert jusqu’à 12:30/)).toBeInTheDocument();
    expect(
      within(now).getByText(/Me Julien Roux : absence jusqu’au 27\/11\/2026 inclus Formation/),
    ).toBeInTheDocument();
    const transfers = screen.getByRole('region', { name: 'Transferts' });
    expect(
      within(transfers)
        .getByText(/Garde à vue/)
        .closest('li'),
    ).toHaveTextContent('en absence aujourd’hui : prendre un message');
    expect(
      within(transfers)
        .getByText(/Greffe/)
        .closest('li'),
    ).toHaveTextContent('Me Claire Martin (201)');
  });

  it('shows a closure day as closed with its label', () => {
    renderPanel(Date.parse('2026-11-11T10:00:00Z'));
    expect(screen.getByText(/Fermé \(Pont du 11 novembre\) — réouverture jeudi 09:00/)).toBeInTheDocument();
  });

  it('warns about what must never be said and the identity check, and renders the rich text', () => {
    renderPanel(Date.parse('2026-11-23T09:30:00Z'));
    expect(
      within(screen.getByRole('region', { name: /Ne jamais communiquer/ })).getByText(
        'Le numéro de portable des avocats',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: /Vérification d’identité/ })).toHaveTextContent('obligatoire');
    expect(screen.getByRole('heading', { name: 'Principes' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a banner when the consignes changed since her last call for the firm', () => {
    renderPanel(Date.parse('2026-11-23T09:30:00Z'), 1);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Les consignes ont changé depuis votre dernier appel pour ce cabinet',
    );
  });
});
