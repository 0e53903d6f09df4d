// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { PermanenceClient } from '../../../../shared/api';
import type { FirmSummary } from '../../../../shared/domain/firm/firm';
import { FirmList } from '../../../../renderer/features/firms/FirmList';
import { createFirmsStore } from '../../../../renderer/features/firms/firms-store';
import { createI18n } from '../../../../renderer/i18n';

const firm = (id: string, name: string, numbers: string[] = []): FirmSummary => ({
  id,
  name,
  sector: 'medical',
  color: '#336699',
  greeting: 'Bonjour',
  numbers,
  timeZone: 'Europe/Paris',
  updatedAt: 0,
});
const FIRMS = [
  firm('kerjean', 'Dr Hélène Kerjean', ['+33199001234']),
  firm('prud', 'Conseil des prud’hommes de Rennes'),
  firm('dupuy', 'Étude de Me Dupuy'),
];

async function renderList() {
  const api = { firms: { list: async () => FIRMS } } as unknown as PermanenceClient;
  const store = createFirmsStore(api);
  await store.getState().load();
  render(
    <I18nextProvider i18n={createI18n('fr')}>
      <FirmList store={store} onOpen={() => undefined} onNew={() => undefined} />
    </I18nextProvider>,
  );
  return { user: userEvent.setup(), search: screen.getByRole('searchbox', { name: 'Rechercher un cabinet' }) };
}

const shown = () =>
  within(screen.getByRole('list', { name: 'Liste des cabinets' }))
    .queryAllByRole('button')
    .map((b) => b.querySelector('.firm-list__name')?.textContent);

describe('firm list search', () => {
  it.each([
    ['dr kerjean', ['Dr Hélène Kerjean']],
    ['kerjean helene', ['Dr Hélène Kerjean']],
    ['KERJ hél', ['Dr Hélène Kerjean']],
    ['prudhommes', ['Conseil des prud’hommes de Rennes']],
    ["prud'hommes rennes", ['Conseil des prud’hommes de Rennes']],
    ['etude dupuy', ['Étude de Me Dupuy']],
    ['01 99 00', ['Dr Hélène Kerjean']],
  ])('« %s » finds %j', async (query, names) => {
    const { user, search } = await renderList();
    await user.type(search, query);
    expect(shown()).toEqual(names);
  });

  it('says right under the search box that nothing matches', async () => {
    const { user, search } = await renderList();
    await user.type(search, 'kerjean paul');
    expect(shown()).toEqual([]);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Aucun cabinet ne correspond.');
    expect(search.nextElementSibling).toBe(status);
  });
});
