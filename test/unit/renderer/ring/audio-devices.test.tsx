// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { PhoneLayer } from '../../../../renderer/features/ring/PhoneLayer';
import { createI18n } from '../../../../renderer/i18n';
import { createPhone, type Phone } from '../../../../renderer/phone';
import { sipAccountSchema } from '../../../../shared/domain/sip-account';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { DeviceSession, DeviceUserAgent } from '../phone/device-fakes';
import { forwardedInvite, recordingRinger } from '../phone/fakes';

const account = sipAccountSchema.parse({
  uri: 'sip:alice@permanence.lab',
  servers: ['ws://127.0.0.1:5066'],
  audio: { inputId: 'builtin-mic', outputId: '', ringId: '' },
});

type Kind = 'audioinput' | 'audiooutput';
const device = (kind: Kind, deviceId: string, label: string) =>
  ({ kind, deviceId, label, groupId: deviceId, toJSON: () => ({}) }) as MediaDeviceInfo;

/** navigator.mediaDevices of a laptop with a USB headset; `plug` adds a device and fires `devicechange`. */
function fakeMediaDevices() {
  const devices = [
    device('audioinput', 'default', 'Par défaut - Micro interne'),
    device('audioinput', 'builtin-mic', 'Micro interne'),
    device('audioinput', 'usb-mic', 'Casque USB (micro)'),
    device('audiooutput', 'default', 'Par défaut - Haut-parleurs internes'),
    device('audiooutput', 'usb-headset', 'Casque USB'),
  ];
  const target = new EventTarget();
  const media = {
    enumerateDevices: async () => [...devices],
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
  };
  Object.defineProperty(navigator, 'mediaDevices', { value: media, configurable: true });
  return {
    plug(kind: Kind, id: string, label: string) {
      devices.push(device(kind, id, label));
      target.dispatchEvent(new Event('devicechange'));
    },
  };
}

let t: TestContext;
afterEach(() => t?.close());

async function inCall(): Promise<{
  phone: Phone;
  session: DeviceSession;
  card: HTMLElement;
  media: ReturnType<typeof fakeMediaDevices>;
}> {
  const media = fakeMediaDevices();
  t = openTestContext();
  t.services.firms.save({
    draft: parsedDraft(
      makeFirmDraft({ name: 'Cabinet Martin', numbers: [{ e164: '01 42 00 00 01', label: 'standard' }] }),
    ),
  });
  t.services.sipAccount.save(account, 'pw');
  const ua = new DeviceUserAgent();
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
  const session = new DeviceSession();
  session.input = 'builtin-mic';
  session.output = '';
  act(() => ua.listener!.onInvite(session, forwardedInvite('+33142000001')));
  const card = await screen.findByRole('region', { name: 'Appel pour Cabinet Martin' });
  await userEvent.keyboard('{F9}');
  await within(card).findByRole('button', { name: 'Mettre en attente' });
  return { phone, session, card, media };
}

const checked = (menu: HTMLElement, group: string) =>
  within(within(menu).getByRole('group', { name: group }))
    .getAllByRole('menuitemradio')
    .filter((i) => i.getAttribute('aria-checked') === 'true')
    .map((i) => i.textContent);

describe('device menu on the call card', () => {
  it('lists microphones and speakers with the ones in use ticked, and switches the call from the keyboard', async () => {
    const { session, card } = await inCall();
    const button = within(card).getByRole('button', { name: 'Audio' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(button);
    const menu = await within(card).findByRole('menu', { name: 'Périphériques audio' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(within(menu).getAllByRole('menuitemradio')).toHaveLength(5));
    // The account's microphone, and the system default for the speaker (account '' = default).
    expect(checked(menu, 'Microphone')).toEqual(['✓Micro interne']);
    expect(checked(menu, 'Haut-parleur / casque')).toEqual(['✓Par défaut - Haut-parleurs internes']);
    // Keyboard: the current microphone has the focus; down to the USB headset, Enter chooses it.
    await waitFor(() => expect(within(menu).getByRole('menuitemradio', { name: 'Micro interne' })).toHaveFocus());
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(checked(menu, 'Microphone')).toEqual(['✓Casque USB (micro)']));
    expect(session.input).toBe('usb-mic');
    // Right: to the speakers column; End: the last one.
    await userEvent.keyboard('{ArrowRight}{End}{Enter}');
    await waitFor(() => expect(checked(menu, 'Haut-parleur / casque')).toEqual(['✓Casque USB']));
    expect(session.output).toBe('usb-headset');
    expect(menu).toHaveTextContent('Le choix vaut aussi pour les prochains appels.');
    expect(session.actions).not.toContain('hangup');
    expect(t.services.sipAccount.credentials()!.account.audio).toMatchObject({
      inputId: 'usb-mic',
      outputId: 'usb-headset',
    });
    // Escape closes and gives the focus back to the button.
    await userEvent.keyboard('{Escape}');
    expect(within(card).queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('opens with Ctrl+Shift+A and lists a headset plugged in while it is open', async () => {
    const { card, media } = await inCall();
    await userEvent.keyboard('{Control>}{Shift>}a{/Shift}{/Control}');
    const menu = await within(card).findByRole('menu', { name: 'Périphériques audio' });
    await waitFor(() => expect(within(menu).getByRole('menuitemradio', { name: 'Micro interne' })).toHaveFocus());
    act(() => media.plug('audioinput', 'bt-mic', 'Micro Bluetooth'));
    expect(await within(menu).findByRole('menuitemradio', { name: 'Micro Bluetooth' })).toBeInTheDocument();
  });

  it('says so on the card when a device refuses, and keeps the previous one ticked', async () => {
    const { session, card } = await inCall();
    session.failInput.set('usb-mic', new DOMException('Requested device not found', 'NotFoundError'));
    await userEvent.click(within(card).getByRole('button', { name: 'Audio' }));
    const menu = await within(card).findByRole('menu', { name: 'Périphériques audio' });
    await userEvent.click(await within(menu).findByRole('menuitemradio', { name: 'Casque USB (micro)' }));
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Le micro n’a pas pu passer sur « Casque USB (micro) » (appareil introuvable, peut-être débranché) : l’appel continue avec le micro précédent.',
    );
    expect(checked(menu, 'Microphone')).toEqual(['✓Micro interne']);
    expect(session.input).toBe('builtin-mic');
    expect(card).toHaveAttribute('data-call-state', 'active');
    await userEvent.click(within(alert).getByRole('button', { name: 'Compris' }));
    expect(within(card).queryByRole('alert')).not.toBeInTheDocument();
    // The focus does not fall to the page: back on the microphone in use, Escape still closes the menu.
    expect(within(menu).getByRole('menuitemradio', { name: 'Micro interne' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(within(card).queryByRole('menu')).not.toBeInTheDocument();
  });
});
