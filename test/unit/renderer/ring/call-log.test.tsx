// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { CallOffer } from '../../../../shared/domain/call';
import { sipAccountSchema } from '../../../../shared/domain/sip-account';
import { ApiContext } from '../../../../renderer/api/client';
import { ShellContext, createShellStore } from '../../../../renderer/app/shell-context';
import { CallLogView } from '../../../../renderer/features/ring/CallLogView';
import { createI18n } from '../../../../renderer/i18n';
import { createPhone } from '../../../../renderer/phone';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { FakeUserAgent, recordingRinger } from '../phone/fakes';

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

let n = 0;
function handledCall(firmId: string, overrides: Partial<CallOffer> = {}) {
  n += 1;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const at = Date.UTC(2026, 10, 3, 9, n);
  t.services.calls.offer({
    id,
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
    sipCallId: `demo-${n}`,
    demo: true,
    at,
    ...overrides,
  });
  t.services.calls.record({ type: 'answered', callId: id, at: at + 2000 });
  t.services.calls.record({ type: 'ended', callId: id, at: at + 32_000, reason: 'remote-hangup', detail: '' });
  return id;
}

function renderLog(shell = createShellStore()) {
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={t.client}>
      <ShellContext.Provider value={shell}>
        <I18nextProvider i18n={createI18n('fr')}>
          <CallLogView api={t.client} firms={t.services.firms.list()} />
        </I18nextProvider>
      </ShellContext.Provider>
    </ApiContext.Provider>,
  );
  return user;
}

describe('call log', () => {
  it('names the caller from the message taken on the call, marks it demo, and opens that message', async () => {
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    const callId = handledCall(firm.id);
    t.services.messages.saveDraft({
      firmId: firm.id,
      callId,
      content: { callerName: 'Marc Delorme', motif: 'Rendez-vous à déplacer' },
    });
    const user = renderLog();
    const row = (await screen.findByText('Marc Delorme', { exact: false })).closest('tr')!;
    expect(within(row).getByText('DÉMO')).toBeInTheDocument();
    expect(within(row).queryByText(/Appel de démonstration/)).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Ouvrir le message de Marc Delorme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Message pris pendant l’appel' });
    expect(await within(dialog).findByText('Rendez-vous à déplacer')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('disables « Rappeler » with the reason when no SIP line is configured (the demo line would fake a call)', async () => {
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    handledCall(firm.id, { demo: false, matchedBy: 'diversion', sipCallId: 'a@pbx', callerName: 'Jeanne Roux' });
    const shell = createShellStore();
    shell.getState().setPhone(createPhone(null, { api: t.client, ringer: recordingRinger() }));
    renderLog(shell);
    const button = await screen.findByRole('button', { name: 'Rappeler' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/aucun compte SIP n’est configuré/);
  });

  it('lets her call back a real caller once a line is configured, but not a demo caller', async () => {
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin' })) });
    handledCall(firm.id, { demo: false, matchedBy: 'diversion', sipCallId: 'a@pbx', callerName: 'Jeanne Roux' });
    handledCall(firm.id);
    const shell = createShellStore();
    const account = sipAccountSchema.parse({ uri: 'sip:alice@permanence.lab', servers: ['wss://pbx.example/ws'] });
    const ua = new FakeUserAgent();
    shell
      .getState()
      .setPhone(
        createPhone(
          { account, password: 'pw' },
          { api: t.client, ringer: recordingRinger(), createUserAgent: () => ua },
        ),
      );
    renderLog(shell);
    const real = (await screen.findByText('Jeanne Roux', { exact: false })).closest('tr')!;
    expect(within(real).getByRole('button', { name: 'Rappeler' })).toBeEnabled();
    const demo = screen.getAllByRole('row').find((r) => within(r).queryByText('DÉMO'))!;
    const demoButton = within(demo).getByRole('button', { name: 'Rappeler' });
    expect(demoButton).toBeDisabled();
    expect(demoButton).toHaveAccessibleDescription('Appel de démonstration : le numéro est fictif.');
  });
});
