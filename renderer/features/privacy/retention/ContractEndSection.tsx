import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractExportState } from '../../../../shared/contract/methods/privacy-retention';
import type { ContractEnd } from '../../../../shared/domain/retention';
import { useApi } from '../../../api/client';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';

const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');

/**
 * « Fin de contrat », in two steps she takes apart: 1. export everything of the firm (a folder she can hand over);
 * 2. once that export is up to date, erase the firm, confirmed by typing its name in a dialog. Main refuses the
 * erase on its own too (no export, a stale one, a wrong name), so the screen is not the only guard.
 */
export function ContractEndSection({
  firmId,
  firmName,
  onEnded,
}: {
  firmId: string;
  firmName: string;
  onEnded: (result: ContractEnd) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [exported, setExported] = useState<ContractExportState | null>(null);
  const [busy, setBusy] = useState<'export' | 'erase' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => api.privacy.endOfContractState({ firmId }).then(setExported), [api, firmId]);
  useEffect(() => {
    refresh().catch((e: Error) => setError(e.message));
  }, [refresh]);

  async function exportAll() {
    setBusy('export');
    setError(null);
    try {
      await api.privacy.endOfContractExport({ firmId });
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function erase() {
    setBusy('erase');
    setError(null);
    try {
      const result = await api.privacy.endOfContract({ firmId, confirmName: typed });
      setConfirming(false);
      onEnded(result);
    } catch (e) {
      setConfirming(false);
      setError((e as Error).message);
      await refresh().catch(() => undefined);
    } finally {
      setBusy(null);
    }
  }

  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  const ready = exported?.upToDate === true;
  return (
    <fieldset className="billing-rules__group contract-end" aria-describedby="contract-end-intro">
      <legend>{t('privacy.contract.title')}</legend>
      <p id="contract-end-intro" className="field__hint">
        {t('privacy.contract.intro')}
      </p>
      <ol className="contract-end__steps">
        <li>
          <span className="contract-end__step">{t('privacy.contract.step1')}</span>
          <button
            type="button"
            className="button button--plain"
            disabled={busy !== null}
            onClick={() => void exportAll()}
          >
            {busy === 'export' ? t('privacy.contract.exporting') : t('privacy.contract.export')}
          </button>
          {exported ? (
            <p role="status" className={exported.upToDate ? 'field__hint' : 'banner banner--warning'}>
              {exported.upToDate
                ? t('privacy.contract.exported', { date: dates.format(exported.exportedAt), dir: exported.dir })
                : t('privacy.contract.stale', { date: dates.format(exported.exportedAt) })}
            </p>
          ) : null}
        </li>
        <li>
          <span className="contract-end__step">{t('privacy.contract.step2')}</span>
          <button
            type="button"
            className="button button--danger-plain"
            disabled={!ready || busy !== null}
            aria-describedby={ready ? undefined : 'contract-end-needs-export'}
            onClick={() => {
              setTyped('');
              setConfirming(true);
            }}
          >
            {t('privacy.contract.erase')}
          </button>
          {ready ? null : (
            <p id="contract-end-needs-export" className="field__hint">
              {t('privacy.contract.needsExport')}
            </p>
          )}
        </li>
      </ol>
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('privacy.contract.confirmTitle', { name: firmName })}
          onCancel={() => setConfirming(false)}
          choices={[
            { label: t('common.cancel'), onSelect: () => setConfirming(false) },
            {
              label: busy === 'erase' ? t('privacy.contract.erasing') : t('privacy.contract.confirmErase'),
              variant: 'danger',
              onSelect: () => {
                if (nameKey(typed) === nameKey(firmName) && busy === null) void erase();
              },
            },
          ]}
        >
          <p>{t('privacy.contract.confirmBody')}</p>
          <label className="field">
            <span>{t('privacy.contract.typeName', { name: firmName })}</span>
            <input
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && nameKey(typed) === nameKey(firmName) && busy === null) {
                  e.preventDefault();
                  void erase();
                }
              }}
            />
          </label>
          {typed !== '' && nameKey(typed) !== nameKey(firmName) ? (
            <p className="field__hint">{t('privacy.contract.nameDiffers')}</p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </fieldset>
  );
}
