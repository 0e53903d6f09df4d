import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockStatus } from '../../../../shared/domain/lock';
import { useApi } from '../../../api/client';
import { NewPassphraseFields, newPassphraseProblem, type NewPassphrase } from './NewPassphraseFields';
import { RecoveryCodeNotice } from './RecoveryCodeNotice';
import { UnlockForm } from './UnlockForm';
import './lock.css';

/**
 * Before the store opens, when its key needs her (no OS keychain: Linux without a keyring, or a new OS profile):
 * the passphrase or the recovery code. At the very first start without a keychain she chooses the passphrase and
 * notes the recovery code. Electron only: the browser harness opens its store with the dev-only key file.
 */
export function StartupUnlock({ status, onOpened }: { status: LockStatus; onOpened(status: LockStatus): void }) {
  const { t } = useTranslation();
  return (
    <main className="lock-screen" aria-labelledby="startup-lock-title">
      <div className="lock-screen__panel">
        <h1 id="startup-lock-title" className="lock-screen__title">
          {status.needsSetup ? t('lock.startup.setupTitle') : t('lock.startup.title')}
        </h1>
        {status.needsSetup ? <FirstPassphrase onOpened={onOpened} /> : <UnlockForm onUnlocked={onOpened} />}
      </div>
    </main>
  );
}

function FirstPassphrase({ onOpened }: { onOpened(status: LockStatus): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [value, setValue] = useState<NewPassphrase>({ next: '', confirm: '' });
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = newPassphraseProblem(value, t);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      setCode((await api.lock.setup({ passphrase: value.next })).recoveryCode);
      setValue({ next: '', confirm: '' });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (code) {
    return <RecoveryCodeNotice code={code} onDone={() => void api.lock.status({}).then(onOpened)} />;
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('lock.startup.setupTitle')}>
      <p>{t('lock.startup.setupHint')}</p>
      <NewPassphraseFields value={value} onChange={setValue} error={error} autoFocus />
      <div className="row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('lock.startup.setupSubmit')}
        </button>
      </div>
    </form>
  );
}
