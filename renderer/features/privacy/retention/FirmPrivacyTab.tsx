import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/client';
import { useEditor } from '../../firm-editor/editor-context';
import { ContractEndSection } from './ContractEndSection';
import { RetentionSection } from './RetentionSection';

/** Firm editor › Confidentialité: the firm's retention, its register of processing activities, the end of contract. */
export function FirmPrivacyTab({ firmId }: { firmId: string }) {
  const name = useEditor((s) => s.detail?.profile.name ?? '');
  const markRemoved = useEditor((s) => s.markRemoved);
  return (
    <div className="billing-rules firm-privacy">
      <RetentionSection key={`retention-${firmId}`} firmId={firmId} />
      <RegisterSection firmId={firmId} />
      <ContractEndSection
        key={`contract-${firmId}`}
        firmId={firmId}
        firmName={name}
        onEnded={(result) => markRemoved(result)}
      />
    </div>
  );
}

function RegisterSection({ firmId }: { firmId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function exportRegister() {
    setBusy(true);
    setError(null);
    try {
      setFiles((await api.privacy.exportRegister({ firmId })).files);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="billing-rules__group">
      <legend>{t('privacy.register.title')}</legend>
      <p className="field__hint">{t('privacy.register.intro')}</p>
      <div className="row">
        <button type="button" className="button button--plain" disabled={busy} onClick={() => void exportRegister()}>
          {busy ? t('privacy.register.exporting') : t('privacy.register.export')}
        </button>
      </div>
      {files ? (
        <div role="status" className="banner banner--ok">
          {t('privacy.register.done')}
          <ul>
            {files.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
