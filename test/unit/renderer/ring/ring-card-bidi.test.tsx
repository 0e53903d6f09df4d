// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { PhoneLayer } from '../../../../renderer/features/ring/PhoneLayer';
import { createI18n } from '../../../../renderer/i18n';
import { createPhone } from '../../../../renderer/phone';
import { Name } from '../../../../renderer/ui/Name';
import { sipAccountSchema } from '../../../../shared/domain/sip-account';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { FakeUserAgent, recordingRinger } from '../phone/fakes';

const account = sipAccountSchema.parse({ uri: 'sip:alice@permanence.lab', servers: ['ws://127.0.0.1:5066'] });
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

let t: TestContext;
afterEach(() => t?.close());

describe('names on the ring card cannot be disguised with bidirectional controls', () => {
  it('shows a SIP display name isolated and without its override: « Cabinet gnp.exe », never « Cabinet exe.png »', async () => {
    t = openTestContext();
    t.services.firms.save({
      draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Martin', numbers: [{ e164: '01 42 00 00 01', label: '' }] })),
    });
    const ua = new FakeUserAgent();
    const phone = createPhone(
      { account, password: 'pw' },
      { api: t.client, ringer: recordingRinger(), createUserAgent: () => ua },
    );
    phone.setDirectory(t.services.firms.directory());
    render(
      <ApiContext.Provider value={t.client}>
        <I18nextProvider i18n={createI18n('fr')}>
          <PhoneLayer phone={phone} />
        </I18nextProvider>
      </ApiContext.Provider>,
    );
    await ua.start();
    ua.ring({
      requestUri: 'sip:alice@permanence.lab',
      headers: {
        From: ['"Cabinet \u202Egnp.exe" <sip:+33639980001@pbx.example>;tag=1'],
        To: ['<tel:+33142000001>'],
      },
    });
    const card = await screen.findByRole('region', { name: 'Appel pour Cabinet Martin' });
    const name = within(card).getByText('Cabinet gnp.exe');
    expect(name.tagName).toBe('BDI');
    expect(card.textContent).not.toMatch(BIDI);
    expect(within(card).getByText('Cabinet Martin').tagName).toBe('BDI');
  });

  it('isolates and cleans a name stored before names were cleaned on input', () => {
    render(<Name>{'Cabinet \u202Egnp.exe \u2067x\u2069'}</Name>);
    const name = screen.getByText('Cabinet gnp.exe x');
    expect(name.tagName).toBe('BDI');
    expect(name.textContent).not.toMatch(BIDI);
  });
});
