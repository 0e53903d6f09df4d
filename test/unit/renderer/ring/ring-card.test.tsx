// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { PermanenceClient } from '../../../../shared/api';
import { ApiContext } from '../../../../renderer/api/client';
import { PhoneLayer } from '../../../../renderer/features/ring/PhoneLayer';
import { LineStatusFor } from '../../../../renderer/features/ring/LineStatus';
import { createI18n } from '../../../../renderer/i18n';
import { createPhone } from '../../../../renderer/phone';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { FakeUserAgent, forwardedInvite, recordingRinger } from '../phone/fakes';
import { sipAccountSchema } from '../../../../shared/domain/sip-account';

const account = sipAccountSchema.parse({ uri: 'sip:alice@permanence.lab', servers: ['ws://127.0.0.1:5066'] });

let t: TestContext;
afterEach(() => t?.close());

/** An api whose caller lookup never answers until the test says so: the card must not wait for it. */
function slowLookupApi(client: PermanenceClient) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const api = {
    ...client,
    calls: {
      ...client.calls,
      offer: async (input: Parameters<PermanenceClient['calls']['offer']>[0]) => {
        await gate;
        return client.calls.offer(input);
      },
    },
  } as PermanenceClient;
  return { api, release: () => release() };
}

function setup() {
  t = openTestContext();
  const firm = t.services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        {
          name: 'Cabinet Martin',
          greeting: 'Cabinet Martin, bonjour, que puis-je pour vous ?',
          pronunciation: 'Mar-tin',
          color: '#884422',
          numbers: [{ e164: '01 42 00 00 01', label: 'standard' }],
        },
        { consignes: { body: 'Ne **jamais** donner le portable de Maître Martin.', rules: {} } },
      ),
    ),
  });
  const ua = new FakeUserAgent();
  const { api, release } = slowLookupApi(t.client);
  const phone = createPhone({ account, password: 'pw' }, { api, ringer: recordingRinger(), createUserAgent: () => ua });
  phone.setDirectory(t.services.firms.directory());
  const i18n = createI18n('fr');
  render(
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <LineStatusFor phone={phone} />
        <PhoneLayer phone={phone} />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  return { firm, ua, phone, release };
}

describe('ring card', () => {
  it('shows the firm greeting, how the call came and the consignes before the caller lookup resolves', async () => {
    const { ua, release } = setup();
    await ua.start();
    ua.ring(forwardedInvite('+33142000001', '+33639980001'));
    const card = await screen.findByRole('region', { name: 'Appel pour Cabinet Martin' });
    expect(within(card).getByTestId('greeting')).toHaveTextContent('Cabinet Martin, bonjour, que puis-je pour vous ?');
    expect(within(card).getByText('Mar-tin')).toBeInTheDocument();
    // Her words on the card; the SIP header that named the number only in the tooltip.
    expect(card).toHaveTextContent('renvoyé depuis le 01 42 00 00 01');
    expect(card).not.toHaveTextContent('via Diversion');
    expect(within(card).getByText('renvoyé depuis le 01 42 00 00 01')).toHaveAttribute(
      'title',
      'via Diversion 01 42 00 00 01',
    );
    expect(card).toHaveTextContent('renvoi sur non-réponse');
    expect(card).toHaveTextContent('06 39 98 00 01');
    expect(within(card).getByText('Recherche de l’appelant…')).toBeInTheDocument();
    expect(within(card).getByText('jamais')).toBeInTheDocument();
    release();
    await waitFor(() => expect(within(card).queryByText('Recherche de l’appelant…')).not.toBeInTheDocument());
  });

  it('shows the caller’s last messages with this firm', async () => {
    const { ua, firm, release } = setup();
    t.services.messages.send({
      firmId: firm.id,
      content: { callerName: 'Paul', callerPhone: '06 39 98 00 01', motif: 'Rappel pour le devis', recipients: ['p1'] },
    });
    release();
    await ua.start();
    ua.ring(forwardedInvite('+33142000001', '+33639980001'));
    const card = await screen.findByRole('region', { name: 'Appel pour Cabinet Martin' });
    const list = await within(card).findByRole('list', { name: 'Derniers messages de cet appelant' });
    expect(list).toHaveTextContent('Rappel pour le devis');
  });

  it('answers with F9 and shows the in-call controls', async () => {
    const { ua, release } = setup();
    release();
    await ua.start();
    ua.ring(forwardedInvite('+33142000001'));
    await screen.findByRole('region', { name: 'Appel pour Cabinet Martin' });
    await userEvent.keyboard('{F9}');
    expect(await screen.findByRole('button', { name: 'Mettre en attente' })).toBeInTheDocument();
    expect(screen.getByRole('timer', { name: 'Durée de l’appel' })).toBeInTheDocument();
  });

  it('still rings an unrecognised call and files its number under a firm in one click', async () => {
    const { ua, firm, release } = setup();
    release();
    await ua.start();
    ua.ring(forwardedInvite('+33155550000'));
    const card = await screen.findByRole('region', { name: 'Appel pour un numéro inconnu' });
    expect(card).toHaveTextContent('+33155550000');
    await userEvent.selectOptions(within(card).getByLabelText('Ce numéro appartient à…'), firm.id);
    await userEvent.click(within(card).getByRole('button', { name: 'Associer' }));
    await screen.findByRole('region', { name: 'Appel pour Cabinet Martin' });
    expect(t.services.firms.directory()[0]!.profile.numbers.map((n) => n.e164)).toContain('+33155550000');
  });

  it('shows the line state in the status bar and simulates a demo call for a chosen firm', async () => {
    const { ua, release } = setup();
    release();
    await ua.start();
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'État de la ligne' })).toHaveTextContent('Ligne prête'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Simuler un appel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Faire sonner' }));
    const card = await screen.findByRole('region', { name: 'Appel pour Cabinet Martin' });
    expect(card).toHaveTextContent('DÉMO');
  });
});
