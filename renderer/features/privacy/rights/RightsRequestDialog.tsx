import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PERSON_DATA_KINDS,
  type PersonErasure,
  type PersonExport,
  type PersonFindings,
  type PersonQuery,
} from '../../../../shared/domain/privacy-rights';
import { useApi } from '../../../api/client';
import { RightsFindings } from './RightsFindings';
import { RightsForm } from './RightsForm';

/**
 * « Demande d’une personne »: on a firm's instruction, find everything about one person, show it, export it
 * (JSON + PDF) or erase it after a confirmation that says what stays (calls, appointments and time entries,
 * without her).
 */
export function RightsRequestDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState<PersonQuery | null>(null);
  const [findings, setFindings] = useState<PersonFindings | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<PersonExport | null>(null);
  const [erased, setErased] = useState<PersonErasure | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, []);

  async function run<T>(action: () => Promise<T>, done: (value: T) => void) {
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

  function search(next: PersonQuery) {
    setQuery(next);
    setExported(null);
    setErased(null);
    setConfirming(false);
    void run(() => api.privacy.findPerson(next), setFindings);
  }

  const total = findings ? PERSON_DATA_KINDS.reduce((sum, kind) => sum + findings.counts[kind], 0) : 0;
  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide rights-dialog"
      aria-labelledby="rights-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="rights-title">{t('privacy.rights.title')}</h2>
      <p className="field__hint">{t('privacy.rights.hint')}</p>
      <RightsForm busy={busy} onSearch={search} />
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      {findings && !erased ? <RightsFindings findings={findings} /> : null}
      {findings && query && !erased && total > 0 ? (
        <div className="row">
          <button
            type="button"
            className="button button--plain"
            disabled={busy}
            onClick={() => void run(() => api.privacy.exportPerson(query), setExported)}
          >
            {t('privacy.rights.export')}
          </button>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => setConfirming(true)}>
            {t('privacy.rights.erase')}
          </button>
        </div>
      ) : null}
      {exported ? (
        <p role="status" className="banner banner--ok">
          {t('privacy.rights.exported', { json: exported.json, pdf: exported.pdf })}
        </p>
      ) : null}
      {confirming && query && !erased ? (
        <div role="alertdialog" aria-labelledby="rights-confirm" className="banner banner--error stack">
          <p id="rights-confirm">{t('privacy.rights.confirm', { count: total })}</p>
          <div className="row">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() =>
                void run(
                  () => api.privacy.erasePerson(query),
                  (value) => {
                    setErased(value);
                    setConfirming(false);
                  },
                )
              }
            >
              {t('privacy.rights.confirmErase')}
            </button>
            <button type="button" className="button button--plain" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {erased ? (
        <p role="status" className="banner banner--ok">
          {t('privacy.rights.erased', {
            count: PERSON_DATA_KINDS.reduce((sum, kind) => sum + erased.counts[kind], 0),
          })}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
