import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SipAccount, SipAccountView } from '../../../shared/domain/sip-account';
import { useApi } from '../../api/client';
import { listAudioDevices, testMicrophone } from '../../phone/audio';
import { HeadsetPairing } from './HeadsetPairing';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The SIP account and audio devices; a section of the settings dialog (the lead mounts it there). */
export function SipSettingsSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [view, setView] = useState<SipAccountView | null>(null);
  const [form, setForm] = useState({
    displayName: '',
    uri: '',
    authUser: '',
    password: '',
    servers: '',
    ice: '',
    expires: 300,
    dtmfMode: 'rfc4733' as SipAccount['dtmfMode'],
    dndMode: 'reject' as SipAccount['dndMode'],
    inputId: '',
    outputId: '',
    ringId: '',
  });
  const [devices, setDevices] = useState<{ inputs: MediaDeviceInfo[]; outputs: MediaDeviceInfo[] }>({
    inputs: [],
    outputs: [],
  });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [level, setLevel] = useState<number | null>(null);

  useEffect(() => {
    void api.sip.getAccount({}).then((v) => {
      setView(v);
      const a = v.account;
      if (a) {
        setForm((f) => ({
          ...f,
          displayName: a.displayName,
          uri: a.uri,
          authUser: a.authUser,
          servers: a.servers.join('\n'),
          ice: a.iceServers.map((s) => (Array.isArray(s.urls) ? s.urls.join(' ') : s.urls)).join('\n'),
          expires: a.expires,
          dtmfMode: a.dtmfMode,
          dndMode: a.dndMode,
          ...a.audio,
        }));
      }
    });
    void listAudioDevices().then(setDevices, () => undefined);
  }, [api]);

  const readOnly = view?.source === 'env';
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function save() {
    setStatus(null);
    try {
      const next = await api.sip.saveAccount({
        account: {
          displayName: form.displayName,
          uri: form.uri,
          authUser: form.authUser,
          servers: lines(form.servers),
          iceServers: lines(form.ice).map((urls) => ({ urls })),
          expires: Number(form.expires),
          dtmfMode: form.dtmfMode,
          dndMode: form.dndMode,
          audio: { inputId: form.inputId, outputId: form.outputId, ringId: form.ringId },
        },
        ...(form.password ? { password: form.password } : {}),
      });
      setView(next);
      set('password', '');
      setStatus({ ok: true, text: t('phone.settings.saved') });
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    }
  }

  const deviceSelect = (key: 'inputId' | 'outputId' | 'ringId', label: string, list: MediaDeviceInfo[]) => (
    <label className="field">
      <span>{label}</span>
      <select value={form[key]} onChange={(e) => set(key, e.target.value)}>
        <option value="">{t('phone.settings.default')}</option>
        {list.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || d.deviceId}
          </option>
        ))}
      </select>
    </label>
  );

  const text = (key: 'displayName' | 'uri' | 'authUser' | 'password', label: string, hint?: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        value={form[key]}
        disabled={readOnly}
        autoComplete="off"
        onChange={(e) => set(key, e.target.value)}
      />
      {hint ? <small>{hint}</small> : null}
    </label>
  );

  return (
    <fieldset className="group sip-settings">
      <legend>{t('phone.settings.title')}</legend>
      {readOnly ? <p className="banner">{t('phone.settings.fromEnv')}</p> : null}
      {view?.protection === 'dev-plaintext-file' ? (
        <p className="sip-settings__note">{t('phone.settings.devProtection')}</p>
      ) : null}
      {text('displayName', t('phone.settings.displayName'))}
      {text('uri', t('phone.settings.uri'), t('phone.settings.uriHint'))}
      {text('authUser', t('phone.settings.authUser'), t('phone.settings.authUserHint'))}
      {text(
        'password',
        t('phone.settings.password'),
        view?.hasPassword ? t('phone.settings.passwordKept') : undefined,
        'password',
      )}
      <label className="field">
        <span>{t('phone.settings.servers')}</span>
        <textarea rows={2} value={form.servers} disabled={readOnly} onChange={(e) => set('servers', e.target.value)} />
        <small>{t('phone.settings.serversHint')}</small>
      </label>
      <label className="field">
        <span>{t('phone.settings.ice')}</span>
        <textarea rows={2} value={form.ice} disabled={readOnly} onChange={(e) => set('ice', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('phone.settings.expires')}</span>
        <input
          type="number"
          min={30}
          max={3600}
          value={form.expires}
          disabled={readOnly}
          onChange={(e) => set('expires', Number(e.target.value))}
        />
      </label>
      <label className="field">
        <span>{t('phone.settings.dtmf')}</span>
        <select
          value={form.dtmfMode}
          disabled={readOnly}
          onChange={(e) => set('dtmfMode', e.target.value as SipAccount['dtmfMode'])}
        >
          <option value="rfc4733">{t('phone.settings.dtmfRfc')}</option>
          <option value="info">{t('phone.settings.dtmfInfo')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('phone.settings.dnd')}</span>
        <select
          value={form.dndMode}
          disabled={readOnly}
          onChange={(e) => set('dndMode', e.target.value as SipAccount['dndMode'])}
        >
          <option value="reject">{t('phone.settings.dndReject')}</option>
          <option value="let-ring">{t('phone.settings.dndLetRing')}</option>
        </select>
      </label>
      <fieldset className="group">
        <legend>{t('phone.settings.devices')}</legend>
        {deviceSelect('inputId', t('phone.settings.mic'), devices.inputs)}
        {deviceSelect('outputId', t('phone.settings.speaker'), devices.outputs)}
        {deviceSelect('ringId', t('phone.settings.ring'), devices.outputs)}
        <button
          type="button"
          className="button button--plain"
          onClick={() => void testMicrophone(form.inputId).then(setLevel, () => setLevel(0))}
        >
          {t('phone.settings.micTest')}
        </button>
        {level !== null ? <output>{t('phone.settings.micLevel', { level: Math.round(level * 100) })}</output> : null}
        <HeadsetPairing />
      </fieldset>
      {!readOnly ? (
        <button type="button" className="button button--primary" onClick={() => void save()}>
          {t('phone.settings.save')}
        </button>
      ) : null}
      {status ? (
        <p role={status.ok ? 'status' : 'alert'} className={`banner banner--${status.ok ? 'ok' : 'error'}`}>
          {status.text}
        </p>
      ) : null}
    </fieldset>
  );
}
