import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/domain/settings';
import type { WorkspaceImportReport } from '../../../shared/domain/workspace';
import { useApi } from '../../api/client';
import { Field } from '../../ui/Field';
import { SipSettingsSection } from '../sip-settings/SipSettingsSection';
import { SmtpSettingsSection } from '../smtp-settings';
import { InvoicingSettingsSection } from '../invoices/InvoicingSettingsSection';
import { IdentitySection } from './IdentitySection';
import { BackupsSection } from '../privacy/BackupsSection';
import { RightsSection } from '../privacy/rights/RightsSection';
import { LockSection } from '../privacy/lock/LockSection';

interface SettingsDialogProps {
  settings: Settings;
  onClose(): void;
}

export function SettingsDialog({ settings, onClose }: SettingsDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(settings.secretaryName);
  const [report, setReport] = useState<WorkspaceImportReport | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, []);

  async function exportWorkspace() {
    const { content, fileName } = await api.workspace.export({});
    const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  }

  async function importWorkspace(file: File) {
    setReport(null);
    setImportError(null);
    try {
      setReport(await api.workspace.import({ content: await file.text() }));
    } catch (e) {
      setImportError((e as Error).message);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide"
      aria-labelledby="settings-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="settings-title">{t('settings.title')}</h2>
      <div className="stack">
        <Field label={t('settings.language')}>
          {(p) => (
            <select
              {...p}
              value={settings.locale}
              onChange={(e) => void api.settings.update({ locale: e.target.value as Settings['locale'] })}
            >
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          )}
        </Field>
        <Field label={t('settings.secretaryName')} hint={t('settings.secretaryNameHint')}>
          {(p) => (
            <input
              {...p}
              value={name}
              onChange={(e) => setName(e.target.value)}
              onBlur={() => void api.settings.update({ secretaryName: name })}
            />
          )}
        </Field>
        <IdentitySection settings={settings} />
        <InvoicingSettingsSection />
        <SipSettingsSection />
        <SmtpSettingsSection />
        <BackupsSection />
        <RightsSection />
        <LockSection />
        <fieldset className="group">
          <legend>{t('settings.workspace')}</legend>
          <div className="row">
            <button type="button" className="button button--plain" onClick={() => void exportWorkspace()}>
              {t('settings.export')}
            </button>
            <label className="button button--plain file-button">
              {t('settings.import')}
              <input
                type="file"
                accept="application/json,.json"
                aria-label={t('settings.importFile')}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void importWorkspace(file);
                  e.target.value = '';
                }}
              />
            </label>
          </div>
          {report ? (
            <p role="status" className="banner banner--ok">
              {t('settings.importReport', {
                firms: t('settings.importFirms', { count: report.firmsCreated, updated: report.firmsUpdated }),
                contacts: t('settings.importContacts', {
                  count: report.contactsCreated,
                  updated: report.contactsUpdated,
                }),
              })}
            </p>
          ) : null}
          {importError ? (
            <p role="alert" className="banner banner--error">
              {importError}
            </p>
          ) : null}
        </fieldset>
      </div>
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            void api.settings.update({ secretaryName: name });
            onClose();
          }}
        >
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
