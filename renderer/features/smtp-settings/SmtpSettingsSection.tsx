import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SMTP_SECURITY, type SmtpSecurity, type SmtpSettingsView } from '../../../shared/domain/message-smtp';
import { useApi } from '../../api/client';
import { Field } from '../../ui/Field';

interface FormState {
  host: string;
  port: string;
  security: SmtpSecurity;
  user: string;
  password: string;
  from: string;
  fromName: string;
}

const DEFAULT_PORT: Record<SmtpSecurity, string> = { starttls: '587', tls: '465', none: '25' };

/** The workspace's mail account, as a section of the settings dialog. The password goes to main, never back. */
export function SmtpSettingsSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [view, setView] = useState<SmtpSettingsView | null>(null);
  const [form, setForm] = useState<FormState>({
    host: '',
    port: '587',
    security: 'starttls',
    user: '',
    password: '',
    from: '',
    fromName: 'Permanence',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.smtp.get({}).then((v) => {
      setView(v);
      if (v.account) setForm({ ...v.account, port: String(v.account.port), password: '' });
    });
  }, [api]);

  const set = (patch: Partial<FormState>) => setForm({ ...form, ...patch });

  async function save(): Promise<boolean> {
    setMessage(null);
    try {
      const saved = await api.smtp.save({
        host: form.host,
        port: Number(form.port),
        security: form.security,
        user: form.user,
        from: form.from,
        fromName: form.fromName,
        ...(form.password ? { password: form.password } : {}),
      });
      setView(saved);
      setForm({ ...form, password: '' });
      setMessage({ ok: true, text: t('callDesk.smtp.saved') });
      return true;
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
      return false;
    }
  }

  async function verify() {
    setBusy(true);
    try {
      if (await save()) {
        await api.smtp.verify({});
        setMessage({ ok: true, text: t('callDesk.smtp.verified') });
      }
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="group smtp-settings">
      <legend>{t('callDesk.smtp.title')}</legend>
      <p className="field__hint">{t('callDesk.smtp.intro')}</p>
      <div className="form-grid">
        <Field label={t('callDesk.smtp.host')}>
          {(p) => (
            <input
              {...p}
              value={form.host}
              placeholder="smtp.exemple.fr"
              onChange={(e) => set({ host: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('callDesk.smtp.security')}>
          {(p) => (
            <select
              {...p}
              value={form.security}
              onChange={(e) =>
                set({ security: e.target.value as SmtpSecurity, port: DEFAULT_PORT[e.target.value as SmtpSecurity] })
              }
            >
              {SMTP_SECURITY.map((s) => (
                <option key={s} value={s}>
                  {t(`callDesk.smtp.securityMode.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('callDesk.smtp.port')}>
          {(p) => (
            <input {...p} inputMode="numeric" value={form.port} onChange={(e) => set({ port: e.target.value })} />
          )}
        </Field>
        <Field label={t('callDesk.smtp.user')}>
          {(p) => (
            <input {...p} autoComplete="username" value={form.user} onChange={(e) => set({ user: e.target.value })} />
          )}
        </Field>
        <Field
          label={t('callDesk.smtp.password')}
          hint={
            view?.hasPassword
              ? t('callDesk.smtp.passwordKept')
              : view?.protection === 'dev-plaintext-file'
                ? t('callDesk.smtp.devStore')
                : undefined
          }
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => set({ password: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('callDesk.smtp.from')}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={form.from}
              placeholder="secretariat@exemple.fr"
              onChange={(e) => set({ from: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('callDesk.smtp.fromName')}>
          {(p) => <input {...p} value={form.fromName} onChange={(e) => set({ fromName: e.target.value })} />}
        </Field>
      </div>
      <div className="row">
        <button type="button" className="button button--primary" onClick={() => void save()}>
          {t('callDesk.smtp.save')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void verify()}>
          {t('callDesk.smtp.verify')}
        </button>
      </div>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`banner ${message.ok ? 'banner--ok' : 'banner--error'}`}>
          {message.text}
        </p>
      ) : null}
    </fieldset>
  );
}
