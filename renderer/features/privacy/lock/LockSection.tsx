import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCK_IDLE_MINUTES, type LockStatus } from '../../../../shared/domain/lock';
import { useApi } from '../../../api/client';
import { Field } from '../../../ui/Field';
import { NewPassphraseFields, newPassphraseProblem, type NewPassphrase } from './NewPassphraseFields';
import { RecoveryCodeNotice } from './RecoveryCodeNotice';
import { RenewRecoveryForm } from './RenewRecoveryForm';

const MINUTES = Array.from(
  { length: LOCK_IDLE_MINUTES.max - LOCK_IDLE_MINUTES.min + 1 },
  (_, i) => i + LOCK_IDLE_MINUTES.min,
);

/**
 * Réglages › Verrouillage: on or off, after how many idle minutes (1 to 15, 5 by default), and the passphrase
 * that unlocks it (also a slot of the store key). Turning the lock on without a passphrase asks for one first.
 */
export function LockSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [status, setStatus] = useState<LockStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const [code, setCode] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.lock.status({}).then(
      (s) => live && setStatus(s),
      (e: Error) => live && setError(e.message),
    );
    const off = api.events.subscribe('lock:changed', ({ reason: _reason, ...next }) => setStatus(next));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  async function save(next: { enabled: boolean; idleMinutes: number }) {
    setError(null);
    setSaved(false);
    if (next.enabled && !status?.hasPassphrase) return setChoosing(true);
    try {
      setStatus(await api.lock.saveSettings(next));
      setSaved(true);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (!status) return null;
  return (
    <fieldset className="group" aria-describedby="lock-hint">
      <legend>{t('lock.settings.title')}</legend>
      <p id="lock-hint" className="field__hint">
        {t('lock.settings.hint')}
      </p>
      <label className="row">
        <input
          type="checkbox"
          checked={status.enabled}
          onChange={(e) => void save({ enabled: e.target.checked, idleMinutes: status.idleMinutes })}
        />
        {t('lock.settings.enabled')}
      </label>
      <Field label={t('lock.settings.idle')}>
        {(p) => (
          <select
            {...p}
            value={status.idleMinutes}
            disabled={!status.enabled}
            onChange={(e) => void save({ enabled: status.enabled, idleMinutes: Number(e.target.value) })}
          >
            {MINUTES.map((m) => (
              <option key={m} value={m}>
                {t('lock.settings.minutes', { count: m })}
              </option>
            ))}
          </select>
        )}
      </Field>
      {saved ? (
        <p role="status" className="field__hint">
          {t('lock.settings.saved')}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      {code ? (
        <RecoveryCodeNotice code={code} onDone={() => setCode(null)} />
      ) : choosing || status.hasPassphrase ? (
        <>
          <PassphraseForm
            hasPassphrase={status.hasPassphrase}
            onDone={async (result) => {
              setChoosing(false);
              if (result.recoveryCode) setCode(result.recoveryCode);
              // Chosen to turn the lock on: it is on now.
              setStatus(
                status.enabled || status.hasPassphrase
                  ? result.status
                  : await api.lock.saveSettings({ enabled: true, idleMinutes: status.idleMinutes }),
              );
            }}
          />
          {status.hasPassphrase ? <RenewRecoveryForm onCode={setCode} /> : null}
        </>
      ) : null}
    </fieldset>
  );
}

function PassphraseForm({
  hasPassphrase,
  onDone,
}: {
  hasPassphrase: boolean;
  onDone(result: { status: LockStatus; recoveryCode: string | null }): Promise<void>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPassphrase>({ next: '', confirm: '' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const problem = newPassphraseProblem(value, t);
    if (problem) return setError(problem);
    setError(null);
    setBusy(true);
    try {
      const result = await api.lock.setPassphrase({ current: hasPassphrase ? current : null, next: value.next });
      setCurrent('');
      setValue({ next: '', confirm: '' });
      setDone(true);
      await onDone(result);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('lock.passphrase.title')}>
      <h3>{hasPassphrase ? t('lock.passphrase.change') : t('lock.passphrase.choose')}</h3>
      {hasPassphrase ? (
        <Field label={t('lock.passphrase.current')}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              maxLength={256}
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      <NewPassphraseFields value={value} onChange={setValue} error={error} autoFocus={!hasPassphrase} />
      <div className="row">
        <button type="submit" className="button button--plain" disabled={busy}>
          {hasPassphrase ? t('lock.passphrase.saveChange') : t('lock.passphrase.saveNew')}
        </button>
        {done ? <span role="status">{t('lock.passphrase.saved')}</span> : null}
      </div>
    </form>
  );
}
