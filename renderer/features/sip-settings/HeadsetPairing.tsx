import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HEADSET_PAIRED_EVENT,
  browserHid,
  requestHeadset,
  telephonyCollection,
  type HidLike,
} from '../../phone/headset';

/**
 * "Associer un casque": WebHID needs a click before it may offer a device (in Electron, main picks the headset
 * among known makers). Shows the headset the phone can use; the phone attaches it right after pairing.
 */
export function HeadsetPairing({ hid = browserHid() }: { hid?: HidLike | null }) {
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    if (!hid) return;
    let live = true;
    void hid.getDevices().then(
      (devices) => live && setName(devices.find((d) => telephonyCollection(d))?.productName ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [hid]);

  if (!hid) return <p className="sip-settings__note">{t('phone.headset.unsupported')}</p>;

  async function pair() {
    if (!hid) return;
    setError(false);
    try {
      const device = await requestHeadset(hid);
      if (!device) return setError(true);
      setName(device.productName);
      // The phone's own headset controller opens and drives it.
      window.dispatchEvent(new Event(HEADSET_PAIRED_EVENT));
    } catch {
      setError(true);
    }
  }

  return (
    <div className="headset-pairing" role="group" aria-label={t('phone.headset.title')}>
      <button type="button" className="button button--plain" onClick={() => void pair()}>
        {t('phone.headset.pair')}
      </button>
      <output>{name ? t('phone.headset.connected', { name }) : t('phone.headset.none')}</output>
      {error ? <p role="alert">{t('phone.headset.notFound')}</p> : null}
    </div>
  );
}
