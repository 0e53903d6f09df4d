import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The recovery code, shown once (Permanence keeps only what it wraps): she writes it down or prints it, and
 * confirms before the code leaves the screen.
 */
export function RecoveryCodeNotice({ code, onDone }: { code: string; onDone(): void }) {
  const { t } = useTranslation();
  const [noted, setNoted] = useState(false);
  return (
    <section className="stack" aria-labelledby="recovery-code-title">
      <h2 id="recovery-code-title">{t('lock.recovery.title')}</h2>
      <p>{t('lock.recovery.hint')}</p>
      <p className="recovery-code" aria-label={t('lock.recovery.code')}>
        {code}
      </p>
      <div className="row">
        <button type="button" className="button button--plain" onClick={() => window.print()}>
          {t('lock.recovery.print')}
        </button>
      </div>
      <label className="row">
        <input type="checkbox" checked={noted} onChange={(e) => setNoted(e.target.checked)} />
        {t('lock.recovery.noted')}
      </label>
      <div className="row">
        <button type="button" className="button button--primary" disabled={!noted} onClick={onDone}>
          {t('lock.recovery.continue')}
        </button>
      </div>
    </section>
  );
}
