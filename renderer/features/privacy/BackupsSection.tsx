import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, BackupOutcome } from '../../../shared/domain/privacy';
import type { AppRestoreResult } from '../../../shared/domain/privacy-rights';
import { useApi } from '../../api/client';
import { Field } from '../../ui/Field';

/**
 * Réglages › Sauvegardes: the verified backups (date, size, verified), « Sauvegarder maintenant », and the
 * optional second folder (a USB disk) that receives a checked copy of each backup, and « Restaurer » on a
 * verified backup: after a confirmation the store is restored in place (snapshot first, erasures made since
 * re-applied), then the page reloads on the restored data (`onRestored`, tests pass their own).
 */
export function BackupsSection({ onRestored = () => window.location.reload() }: { onRestored?: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  const [backupsDir, setBackupsDir] = useState('');
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | null>(null);
  const [folderSaved, setFolderSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BackupOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);
  const [restored, setRestored] = useState<AppRestoreResult | null>(null);

  const refresh = useCallback(() => api.privacy.listBackups({}).then(setBackups), [api]);

  useEffect(() => {
    let live = true;
    Promise.all([api.privacy.listBackups({}), api.privacy.backupSettings({})])
      .then(([list, settings]) => {
        if (!live) return;
        setBackups(list);
        setBackupsDir(settings.backupsDir);
        setFolder(settings.folder ?? '');
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api]);

  async function backupNow() {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await api.privacy.backupNow({}));
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function saveFolder(event: FormEvent) {
    event.preventDefault();
    setFolderError(null);
    setFolderSaved(false);
    try {
      const saved = await api.privacy.saveBackupSettings({ folder: folder.trim() === '' ? null : folder });
      setFolder(saved.folder ?? '');
      setFolderSaved(true);
    } catch (e) {
      setFolderError((e as Error).message);
    }
  }

  async function restore(backup: BackupEntry) {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setRestored(await api.privacy.restoreBackup({ name: backup.name }));
      setConfirming(null);
      onRestored();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  const sizes = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });

  return (
    <fieldset className="group" aria-describedby="backups-hint">
      <legend>{t('privacy.backups.title')}</legend>
      <p id="backups-hint" className="field__hint">
        {t('privacy.backups.hint', { dir: backupsDir })}
      </p>
      <div className="row">
        <button type="button" className="button button--plain" disabled={busy} onClick={() => void backupNow()}>
          {busy ? t('privacy.backups.running') : t('privacy.backups.now')}
        </button>
      </div>
      {outcome ? (
        <p role="status" className="banner banner--ok">
          {t('privacy.backups.done', { name: outcome.backup.name })}
          {outcome.copy?.ok ? ` ${t('privacy.backups.copied', { file: outcome.copy.file })}` : ''}
        </p>
      ) : null}
      {outcome?.copy && !outcome.copy.ok ? (
        <p role="alert" className="banner banner--error">
          {t('privacy.backups.copyFailed', { reason: outcome.copy.reason })}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      {backups === null ? null : backups.length === 0 ? (
        <p>{t('privacy.backups.none')}</p>
      ) : (
        <ul className="backups-list" aria-label={t('privacy.backups.list')}>
          {backups.map((backup) => (
            <li key={backup.name}>
              <span>{dates.format(backup.createdAt)}</span>
              {' · '}
              <span>{t('privacy.backups.size', { size: sizes.format(backup.sizeBytes / (1024 * 1024)) })}</span>
              {' · '}
              <span>{t(`privacy.backups.reason.${backup.reason}`)}</span>
              {' · '}
              <span className={backup.verified ? 'badge badge--ok' : 'badge'}>
                {backup.verified ? t('privacy.backups.verified') : t('privacy.backups.unverified')}
              </span>
              {backup.verified ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button--plain"
                    disabled={busy}
                    aria-label={t('privacy.backups.restoreLabel', { date: dates.format(backup.createdAt) })}
                    onClick={() => setConfirming(backup)}
                  >
                    {t('privacy.backups.restore')}
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="restore-confirm" className="banner banner--error stack">
          <p id="restore-confirm">
            {t('privacy.backups.restoreConfirm', { date: dates.format(confirming.createdAt) })}
          </p>
          <div className="row">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => void restore(confirming)}
            >
              {busy ? t('privacy.backups.restoring') : t('privacy.backups.restoreGo')}
            </button>
            <button type="button" className="button button--plain" disabled={busy} onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {restored ? (
        <p role="status" className="banner banner--ok">
          {t('privacy.backups.restored', {
            backup: restored.backup,
            snapshot: restored.snapshot ?? '—',
            tombstones: restored.reapplied.tombstones,
            rows: Object.entries(restored.reapplied.counts)
              .filter(([kind]) => kind !== 'searchIndex')
              .reduce((sum, [, n]) => sum + n, 0),
          })}
        </p>
      ) : null}
      <form className="stack" onSubmit={(e) => void saveFolder(e)}>
        <Field label={t('privacy.backups.folder')} hint={t('privacy.backups.folderHint')} error={folderError}>
          {(p) => (
            <input
              {...p}
              value={folder}
              placeholder={t('privacy.backups.folderPlaceholder')}
              onChange={(e) => {
                setFolder(e.target.value);
                setFolderSaved(false);
              }}
            />
          )}
        </Field>
        <div className="row">
          <button type="submit" className="button button--plain">
            {t('privacy.backups.saveFolder')}
          </button>
          {folderSaved ? <span role="status">{t('privacy.backups.folderSaved')}</span> : null}
        </div>
      </form>
    </fieldset>
  );
}
