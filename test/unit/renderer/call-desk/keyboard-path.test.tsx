// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { CallDesk } from '../../../../renderer/features/call-desk/CallDesk';
import { LineStatusFor } from '../../../../renderer/features/ring/LineStatus';
import { createI18n } from '../../../../renderer/i18n';
import { createPhone } from '../../../../renderer/phone';
import { sipAccountSchema } from '../../../../shared/domain/sip-account';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { FakeUserAgent, recordingRinger } from '../phone/fakes';

let t: TestContext;
let firmId: string;

const draft = makeFirmDraft(
  { name: 'Cabinet Kerjean', greeting: 'Cabinet Kerjean, bonjour.' },
  {
    people: [{ id: 'helene', name: 'Dr Hélène Kerjean', email: 'helene@kerjean.test', isDefaultRecipient: true }],
    consignes: {
      body: '',
      rules: { neverDisclose: [], identityChecks: ['Date de naissance'], identityCheckRequired: true },
    },
    script: {
      steps: [
        {
          id: 'nom',
          prompt: 'À qui ai-je l’honneur ?',
          field: { key: 'appelant', label: 'Nom (script)', type: 'text' },
        },
        { id: 'urgence', prompt: 'Est-ce urgent ?', field: { key: 'urgence', label: 'Urgent', type: 'yesno' } },
        { id: 'motif', prompt: 'C’est à quel sujet ?', field: { key: 'motif', label: 'Motif (script)', type: 'text' } },
      ],
    },
  },
);

beforeEach(() => {
  t = openTestContext();
  firmId = t.services.firms.save({ draft: parsedDraft(draft) }).id;
});
afterEach(() => t.close());

function render_(ui: ReactNode) {
  render(
    <ApiContext.Provider value={t.client}>
      <I18nextProvider i18n={createI18n('fr')}>{ui}</I18nextProvider>
    </ApiContext.Provider>,
  );
}

/** Presses keys that are not typed content and counts them; types content through `type`. */
function keyboardCounter() {
  const user = userEvent.setup();
  let count = 0;
  return {
    user,
    get count() {
      return count;
    },
    async press(keys: string) {
      count += 1;
      await user.keyboard(keys);
    },
    type: (text: string) => user.keyboard(text),
  };
}

describe('the call desk by keyboard only', () => {
  it('walks greeting → identity → answers → recap → send → close with one key per step, the focus always on the next thing to do', async () => {
    let closed = false;
    render_(
      <CallDesk
        firmId={firmId}
        onClose={() => {
          closed = true;
        }}
      />,
    );
    const keys = keyboardCounter();
    const runner = await screen.findByRole('region', { name: 'Script' });
    await waitFor(() => expect(within(runner).getByRole('button', { name: /Suivant/ })).toHaveFocus());
    await keys.press('{Enter}'); // greeting said
    await waitFor(() => expect(within(runner).getByLabelText('Identité vérifiée')).toHaveFocus());
    await keys.press('{Enter}'); // identity checked and next, in one key
    await waitFor(() => expect(within(runner).getByLabelText('Nom (script)')).toHaveFocus());
    await keys.type('Mme Lebrun');
    await keys.press('{Enter}');
    await waitFor(() => expect(within(runner).getByRole('radio', { name: 'Oui' })).toHaveFocus());
    await keys.type('n'); // « n » answers Non
    expect(within(runner).getByRole('radio', { name: 'Non' })).toBeChecked();
    await keys.press('{Enter}');
    await waitFor(() => expect(within(runner).getByLabelText('Motif (script)')).toHaveFocus());
    await keys.type('Rappel pour le bail');
    await keys.press('{Enter}');

    // The recap: the focus is on « Envoyer », not on <body>.
    const send = screen.getByRole('button', { name: /^Envoyer/ });
    await waitFor(() => expect(send).toHaveFocus());
    await keys.press('{Control>}{Enter}{/Control}');
    const sentPanel = await screen.findByRole('region', { name: /^(Message envoyé|Enregistré)/ });
    const close = within(sentPanel).getByRole('button', { name: 'Fermer' });
    await waitFor(() => expect(close).toHaveFocus());
    await keys.press('{Enter}');
    await waitFor(() => expect(closed).toBe(true));

    // Greeting, identity, three answers, send, close.
    expect(keys.count).toBe(7);
    const [sent] = (await t.client.messages.list({ firmId })).items;
    expect(sent).toMatchObject({ status: 'a-transmettre', callerName: 'Mme Lebrun', urgency: 'normal' });
    expect(sent!.scriptState.identityChecked).toBe(true);
  });

  it('sends with Ctrl+Entrée even when the focus fell to <body>', async () => {
    render_(<CallDesk firmId={firmId} onClose={() => undefined} />);
    const keys = keyboardCounter();
    const form = await screen.findByRole('form', { name: 'Message' });
    await keys.user.type(within(form).getByLabelText('Nom de l’appelant'), 'M. Dupont');
    await keys.user.type(within(form).getByLabelText('Motif'), 'Rendez-vous');
    (document.activeElement as HTMLElement).blur();
    expect(document.activeElement).toBe(document.body);
    await keys.press('{Control>}{Enter}{/Control}');
    await screen.findByRole('heading', { name: /^(Message envoyé|Enregistré)/ });
    expect((await t.client.messages.list({ status: 'a-transmettre' })).items.map((m) => m.callerName)).toEqual([
      'M. Dupont',
    ]);
  });

  it('closes with Échap when the focus fell to <body> (the call card it was on went away)', async () => {
    let closed = false;
    render_(
      <CallDesk
        firmId={firmId}
        onClose={() => {
          closed = true;
        }}
      />,
    );
    const keys = keyboardCounter();
    await screen.findByRole('form', { name: 'Message' });
    (document.activeElement as HTMLElement).blur();
    await keys.press('{Escape}');
    await waitFor(() => expect(closed).toBe(true));
  });

  it('puts the focus on the first field to fix when the send is refused', async () => {
    render_(<CallDesk firmId={firmId} onClose={() => undefined} />);
    const keys = keyboardCounter();
    const form = await screen.findByRole('form', { name: 'Message' });
    await keys.user.type(within(form).getByLabelText('Motif'), 'Rendez-vous');
    await keys.press('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(within(form).getByLabelText('Nom de l’appelant')).toHaveFocus());
  });
});

describe('« Simuler un appel » by keyboard', () => {
  it('opens with F8 from anywhere and says so in its tooltip', async () => {
    const account = sipAccountSchema.parse({ uri: 'sip:alice@permanence.lab', servers: ['wss://pbx.example/ws'] });
    const phone = createPhone(
      { account, password: 'pw' },
      { api: t.client, ringer: recordingRinger(), createUserAgent: () => new FakeUserAgent() },
    );
    render_(<LineStatusFor phone={phone} />);
    await act(() => phone.start());
    const button = screen.getByRole('button', { name: 'Simuler un appel' });
    expect(button).toHaveAttribute('aria-keyshortcuts', 'F8');
    expect(button).toHaveAttribute('title', 'Simuler un appel (F8)');
    await userEvent.setup().keyboard('{F8}');
    expect(await screen.findByRole('form', { name: 'Simuler un appel' })).toBeInTheDocument();
    expect(button).toHaveAttribute('aria-expanded', 'true');
  });
});
