import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_LENGTH } from '../../../../shared/domain/lock';
import { useApi } from '../../../api/client';
import { Field } from '../../../ui/Field';

/** A new recovery code (the old one stops working), after her passphrase; the code is shown once by the caller. */
export function RenewRecoveryForm({ onCode }: { onCode(code: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) return;
    setBusy(true);
    setError(null);
    try {
      const { recoveryCode } = await api.lock.renewRecoveryCode({ passphrase });
      setPassphrase('');
      onCode(recoveryCode);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label={t('lock.recovery.renewTitle')}>
      <h3>{t('lock.recovery.renewTitle')}</h3>
      <p className="field__hint">{t('lock.recovery.renewHint')}</p>
      <Field label={t('lock.passphrase.current')} error={error}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="current-password"
            maxLength={PASSPHRASE_LENGTH.max}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="button button--plain" disabled={busy || passphrase === ''}>
          {t('lock.recovery.renew')}
        </button>
      </div>
    </form>
  );
}
