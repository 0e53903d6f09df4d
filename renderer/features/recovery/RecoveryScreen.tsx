import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadableExport, RecoveryStatus, RestoreResult } from '../../../shared/domain/recovery';
import { useApi } from '../../api/client';

type Damaged = Extract<RecoveryStatus, { mode: 'recovery' }>;

/**
 * Shown instead of the workspace (and never the first-run screen) when the store could not be opened: what
 * happened, where the backups are, restore the most recent good one, or export what can still be read.
 */
export function RecoveryScreen({ status }: { status: Damaged }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const [exported, setExported] = useState<ReadableExport | null>(null);
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  const sizes = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });

  async function act<T>(action: () => Promise<T>, done: (value: T) => void) {
    setBusy(true);
    setError(null);
    try {
      done(await action());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="first-run recovery" aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t('recovery.title')}</h1>
      <p className="lead">{t(`recovery.damage.${status.damage.kind}`)}</p>
      <p>{t('recovery.untouched', { file: status.damage.file })}</p>

      <section aria-labelledby="recovery-backups">
        <h2 id="recovery-backups">{t('recovery.backups.title')}</h2>
        <p>{t('recovery.backups.where', { dir: status.backupsDir })}</p>
        {status.backups.length === 0 ? (
          <p>{t('recovery.backups.none')}</p>
        ) : (
          <ul className="recovery__backups" aria-label={t('recovery.backups.title')}>
            {status.backups.map((backup) => (
              <li key={backup.name}>
                <strong>{dates.format(backup.at)}</strong> — {backup.name} (
                {t('recovery.backups.size', { size: sizes.format(backup.sizeBytes / (1024 * 1024)) })})
              </li>
            ))}
          </ul>
        )}
        {restored ? (
          <div role="status" className="banner banner--ok">
            <p>
              {t('recovery.restored', { backup: restored.backup })}{' '}
              {restored.damagedCopy ? t('recovery.keptAside', { file: restored.damagedCopy }) : null}
            </p>
            {restored.restart === 'automatic' ? (
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() =>
                  void act(
                    () => api.recovery.restart({}),
                    () => undefined,
                  )
                }
              >
                {t('recovery.restart')}
              </button>
            ) : (
              <p>{t('recovery.restartByHand')}</p>
            )}
          </div>
        ) : status.backups.length > 0 ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void act(() => api.recovery.restore({}), setRestored)}
          >
            {t('recovery.restore')}
          </button>
        ) : null}
        {!restored ? <p className="hint">{t('recovery.restoreHint')}</p> : null}
      </section>

      {status.readable && !restored ? (
        <section aria-labelledby="recovery-export">
          <h2 id="recovery-export">{t('recovery.export.title')}</h2>
          <p>{t('recovery.export.explain')}</p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void act(() => api.recovery.exportReadable({}), setExported)}
          >
            {t('recovery.export.action')}
          </button>
          {exported ? (
            <p role="status">
              {t('recovery.export.done', { count: exported.rows, file: exported.file })}{' '}
              {exported.tablesFailed.length > 0
                ? t('recovery.export.failed', { tables: exported.tablesFailed.join(', ') })
                : null}
            </p>
          ) : null}
        </section>
      ) : null}

      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}

      {status.damage.detail ? (
        <details>
          <summary>{t('recovery.details')}</summary>
          <p>
            <code>{status.damage.detail}</code>
          </p>
        </details>
      ) : null}
    </main>
  );
}
