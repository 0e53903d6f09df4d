import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockStatus } from '../../../../shared/domain/lock';
import { useApi } from '../../../api/client';
import { Field } from '../../../ui/Field';

/**
 * Passphrase, or the recovery code she noted at setup. Used by the lock screen and by the start-up screen when
 * the store key needs her (no OS keychain). A wrong one says « Mot de passe ou clé incorrect » (main's
 * translated error); after five, main makes her wait and says how long.
 */
export function UnlockForm({ onUnlocked }: { onUnlocked(status: LockStatus): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [kind, setKind] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!secret || busy) return;
    setBusy(true);
    setError(null);
    try {
      const status = await api.lock.unlock({ kind, secret });
      setSecret('');
      onUnlocked(status);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <form className="lock-form stack" onSubmit={(e) => void submit(e)} aria-label={t('lock.unlock.form')}>
      <Field
        label={kind === 'passphrase' ? t('lock.unlock.passphrase') : t('lock.unlock.recovery')}
        error={error}
        {...(kind === 'recovery' ? { hint: t('lock.unlock.recoveryHint') } : {})}
      >
        {(p) => (
          <input
            {...p}
            key={kind}
            type={kind === 'passphrase' ? 'password' : 'text'}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            maxLength={256}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={busy || secret === ''}>
          {busy ? t('lock.unlock.checking') : t('lock.unlock.submit')}
        </button>
        <button
          type="button"
          className="button button--plain"
          onClick={() => {
            setKind(kind === 'passphrase' ? 'recovery' : 'passphrase');
            setSecret('');
            setError(null);
          }}
        >
          {kind === 'passphrase' ? t('lock.unlock.useRecovery') : t('lock.unlock.usePassphrase')}
        </button>
      </div>
    </form>
  );
}
