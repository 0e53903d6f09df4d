// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { HeadsetPairing } from '../../../../renderer/features/sip-settings/HeadsetPairing';
import { HEADSET_PAIRED_EVENT, type HidDeviceLike, type HidLike } from '../../../../renderer/phone/headset';
import { createI18n } from '../../../../renderer/i18n';

const headset = {
  productName: 'Jabra Evolve2 65',
  collections: [{ usagePage: 0x0b, usage: 0x05 }],
} as unknown as HidDeviceLike;

function renderWith(hid: HidLike | null) {
  const i18n = createI18n('fr');
  return render(
    <I18nextProvider i18n={i18n}>
      <HeadsetPairing hid={hid} />
    </I18nextProvider>,
  );
}

describe('Associer un casque', () => {
  it('asks for a Telephony device on click, shows its name and tells the phone to attach it', async () => {
    let granted: HidDeviceLike[] = [];
    const requests: unknown[] = [];
    const hid: HidLike = {
      getDevices: async () => granted,
      requestDevice: async (options) => {
        requests.push(options);
        granted = [headset];
        return granted;
      },
    };
    let paired = 0;
    const onPaired = () => paired++;
    window.addEventListener(HEADSET_PAIRED_EVENT, onPaired);
    renderWith(hid);
    expect(await screen.findByText('Aucun casque associé')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Associer un casque' }));
    expect(await screen.findByText('Casque : Jabra Evolve2 65')).toBeTruthy();
    expect(requests).toEqual([{ filters: [{ usagePage: 0x0b }] }]);
    expect(paired).toBe(1);
    window.removeEventListener(HEADSET_PAIRED_EVENT, onPaired);
  });

  it('says so when the browser has no WebHID', async () => {
    renderWith(null);
    expect(screen.getByText(/WebHID/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
