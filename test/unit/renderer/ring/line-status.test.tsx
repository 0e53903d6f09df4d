// @vitest-environment jsdom
import { act, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { LineStatusFor } from '../../../../renderer/features/ring/LineStatus';
import { createI18n } from '../../../../renderer/i18n';
import { createPhone } from '../../../../renderer/phone';
import { openTestContext, type TestContext } from '../../../fixtures/factories';
import { FakeUserAgent, recordingRinger } from '../phone/fakes';
import { sipAccountSchema } from '../../../../shared/domain/sip-account';

const servers = ['wss://pbx-a.example/ws', 'wss://pbx-b.example:8443/ws'];
const account = sipAccountSchema.parse({ uri: 'sip:alice@permanence.lab', servers });

let t: TestContext;
afterEach(() => t?.close());

function setup(deadPrimary: boolean) {
  t = openTestContext();
  const ua = new FakeUserAgent();
  ua.servers = servers;
  if (deadPrimary) ua.deadServers.add(0);
  const phone = createPhone(
    { account, password: 'pw' },
    { api: t.client, ringer: recordingRinger(), createUserAgent: () => ua },
  );
  render(
    <I18nextProvider i18n={createI18n('fr')}>
      <LineStatusFor phone={phone} />
    </I18nextProvider>,
  );
  return phone;
}

describe('line status', () => {
  it('says the line is up through the backup server when the primary cannot be reached', async () => {
    const phone = setup(true);
    await act(() => phone.start());
    const status = screen.getByRole('status', { name: /ligne/i });
    await waitFor(() => expect(status).toHaveTextContent('Ligne prête — via le serveur de secours pbx-b.example:8443'));
    expect(status).toHaveAttribute('title', 'Serveur : wss://pbx-b.example:8443/ws');
  });

  it('says nothing about servers when the primary answers', async () => {
    const phone = setup(false);
    await act(() => phone.start());
    const status = screen.getByRole('status', { name: /ligne/i });
    await waitFor(() => expect(status).toHaveTextContent('Ligne prête'));
    expect(status).not.toHaveTextContent('secours');
    expect(status).toHaveAttribute('title', 'Serveur : wss://pbx-a.example/ws');
  });
});
