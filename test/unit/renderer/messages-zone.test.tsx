// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../renderer/api/client';
import { createFirmsStore } from '../../../renderer/features/firms/firms-store';
import { MessagesView } from '../../../renderer/features/messages/MessagesView';
import { createI18n } from '../../../renderer/i18n';
import { openTestContext, parsedDraft, type TestContext } from '../../fixtures/factories';
import { dupont, martinDraft } from '../../integration/messaging-context';

// Run under TZ=UTC and TZ=Europe/Paris: the firm's clock reads the same in both.
let t: TestContext;
afterEach(() => t.close());

describe('messages in the firm’s time zone', () => {
  it('shows a Martinique firm’s message at its own 09:15 in the list and the detail', async () => {
    t = openTestContext({ now: () => Date.UTC(2026, 10, 3, 13, 15) });
    const draft = martinDraft();
    const firmId = t.services.firms.save({
      draft: parsedDraft({ ...draft, profile: { ...draft.profile, timeZone: 'America/Martinique' } }),
    }).id;
    t.services.messages.send({ firmId, content: dupont({ callerName: 'Mme Lefèvre' }) });
    const firmsStore = createFirmsStore(t.client);
    await firmsStore.getState().load();
    const user = userEvent.setup();
    render(
      <ApiContext.Provider value={t.client}>
        <I18nextProvider i18n={createI18n('fr')}>
          <MessagesView api={t.client} firmsStore={firmsStore} settings={t.services.settings.get()} />
        </I18nextProvider>
      </ApiContext.Provider>,
    );
    const list = await screen.findByRole('listbox', { name: 'Messages' });
    const option = await within(list).findByRole('option');
    expect(option).toHaveTextContent('3 nov. 2026, 09:15');
    await user.click(option);
    const detail = await screen.findByRole('article');
    expect(detail).toHaveTextContent('3 nov. 2026, 09:15');
  });
});
