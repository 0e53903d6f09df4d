// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createStore } from 'zustand/vanilla';
import { ApiContext } from '../../../../renderer/api/client';
import { ShellContext, createShellStore } from '../../../../renderer/app/shell-context';
import { CallDesk } from '../../../../renderer/features/call-desk/CallDesk';
import { CallDeskView } from '../../../../renderer/features/call-desk/CallDeskView';
import type { FirmsStore } from '../../../../renderer/features/firms/firms-store';
import { createI18n } from '../../../../renderer/i18n';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';

let t: TestContext;
let firmId: string;

beforeEach(() => {
  t = openTestContext();
  firmId = t.services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        { name: 'Cabinet Martin' },
        { people: [{ id: 'claire', name: 'Me Claire Martin', email: 'claire@martin.test', isDefaultRecipient: true }] },
      ),
    ),
  }).id;
});
afterEach(() => t.close());

function renderWithShell(ui: ReactNode) {
  const shell = createShellStore();
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={t.client}>
      <ShellContext.Provider value={shell}>
        <I18nextProvider i18n={createI18n('fr')}>{ui}</I18nextProvider>
      </ShellContext.Provider>
    </ApiContext.Provider>,
  );
  return { user, shell };
}

function saveSmtpAccount() {
  t.services.smtp.save({
    host: '127.0.0.1',
    port: 2525,
    security: 'none',
    user: '',
    from: 'permanence@secretariat.test',
    fromName: 'Permanence',
  });
}

async function sendFromDesk(user: ReturnType<typeof userEvent.setup>) {
  const form = await screen.findByRole('form', { name: 'Message' });
  await user.type(within(form).getByLabelText('Nom de l’appelant'), 'M. Dupont');
  await user.type(within(form).getByLabelText('Motif'), 'Rendez-vous');
  await user.keyboard('{Control>}{Enter}{/Control}');
}

async function queueMessages(count: number) {
  for (let i = 0; i < count; i += 1) {
    await t.client.messages.send({ firmId, content: { callerName: `Appelant ${i}`, motif: 'Rappel' } });
  }
}

describe('what the desk says once a message is sent', () => {
  it('without an SMTP account: saved and waiting, not « envoyé », with the way to Réglages', async () => {
    const { user, shell } = renderWithShell(<CallDesk firmId={firmId} onClose={() => undefined} />);
    await sendFromDesk(user);
    expect(
      await screen.findByRole('heading', { name: 'Enregistré — en attente d’envoi (aucun compte SMTP)' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Message envoyé' })).not.toBeInTheDocument();
    expect(screen.getByText('À transmettre')).toBeInTheDocument();
    expect(shell.getState().settingsOpen).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Configurer l’envoi dans Réglages' }));
    expect(shell.getState().settingsOpen).toBe(true);
  });

  it('with an SMTP account: « Message envoyé », and no settings link', async () => {
    saveSmtpAccount();
    const { user } = renderWithShell(<CallDesk firmId={firmId} onClose={() => undefined} />);
    await sendFromDesk(user);
    expect(await screen.findByRole('heading', { name: 'Message envoyé' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Configurer l’envoi dans Réglages' })).not.toBeInTheDocument();
  });
});

describe('the idle « Poste d’appel »', () => {
  const firmsStore = () =>
    createStore(() => ({ firms: [{ id: firmId, name: 'Cabinet Martin' }] })) as unknown as FirmsStore;

  it('says how many messages wait to be sent, why, and live as more wait', async () => {
    await queueMessages(2);
    const { user, shell } = renderWithShell(
      <CallDeskView api={t.client} firmsStore={firmsStore()} settings={t.services.settings.get()} />,
    );
    const waiting = await screen.findByRole('status', { name: 'Messages en attente d’envoi' });
    expect(waiting).toHaveTextContent('2 messages en attente d’envoi — aucun compte SMTP n’est configuré');
    await act(() => queueMessages(1));
    expect(await within(waiting).findByText('3 messages en attente d’envoi')).toBeInTheDocument();
    await user.click(within(waiting).getByRole('button', { name: 'Configurer l’envoi dans Réglages' }));
    expect(shell.getState().settingsOpen).toBe(true);
  });

  it('says « 1 message » in the singular, and nothing when none waits', async () => {
    renderWithShell(<CallDeskView api={t.client} firmsStore={firmsStore()} settings={t.services.settings.get()} />);
    await screen.findByRole('heading', { name: 'Poste d’appel' });
    expect(screen.queryByRole('status', { name: 'Messages en attente d’envoi' })).not.toBeInTheDocument();
    await act(() => queueMessages(1));
    expect(await screen.findByRole('status', { name: 'Messages en attente d’envoi' })).toHaveTextContent(
      '1 message en attente d’envoi',
    );
  });
});
