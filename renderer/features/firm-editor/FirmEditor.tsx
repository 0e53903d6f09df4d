import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Tabs } from '../../ui/Tabs';
import { BillingRulesTab } from '../billing/BillingRulesTab';
import { ConsignesTab } from './ConsignesTab';
import { ContactsTab } from './ContactsTab';
import { useEditor, useIssueCount } from './editor-context';
import { isDirty } from './editor-store';
import { HoursTab } from './HoursTab';
import { IdentityTab } from './IdentityTab';
import { MessageFieldsTab } from './MessageFieldsTab';
import { PeopleTab } from './PeopleTab';
import { ScriptTab } from './ScriptTab';
import { ContractEndedPanel } from '../privacy/retention/ContractEndedPanel';
import { FirmPrivacyTab } from '../privacy/retention/FirmPrivacyTab';
import { FirmAgendaSyncTab } from '../agenda/sync';
import { AgendaTab } from './agenda/AgendaTab';

const TAB_IDS = [
  'identity',
  'hours',
  'people',
  'consignes',
  'script',
  'messageFields',
  'billing',
  'contacts',
  'agenda',
  'agendaSync',
  'privacy',
] as const;
type TabId = (typeof TAB_IDS)[number];

export function FirmEditor() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<TabId>('identity');
  const firmId = useEditor((s) => s.firmId);
  const name = useEditor((s) => s.draft.profile.name || s.detail?.profile.name || '');
  const color = useEditor((s) => s.draft.profile.color);
  const dirty = useEditor(isDirty);
  const saveState = useEditor((s) => s.saveState);
  const saveError = useEditor((s) => s.saveError);
  const showIssues = useEditor((s) => s.showIssues && s.issues.length > 0);
  const save = useEditor((s) => s.save);
  const discard = useEditor((s) => s.discard);
  const archive = useEditor((s) => s.archive);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const removed = useEditor((s) => s.removed);
  const startNew = useEditor((s) => s.startNew);
  const counts = {
    identity: useIssueCount([
      'profile.name',
      'profile.sector',
      'profile.color',
      'profile.greeting',
      'profile.numbers',
      'profile.timeZone',
    ]),
    hours: useIssueCount(['profile.weeklyHours', 'profile.closures']),
    people: useIssueCount(['people']),
    consignes: useIssueCount(['consignes']),
    script: useIssueCount(['script']),
    messageFields: useIssueCount(['messageFields']),
    billing: useIssueCount(['billing']),
  };

  if (removed) return <ContractEndedPanel name={name} result={removed} onClose={startNew} />;

  return (
    <section className="editor" aria-label={t('editor.label', { name: name || t('editor.newFirm') })}>
      <header className="editor__header">
        <span className="swatch" style={{ background: color }} aria-hidden />
        <h2>{name || t('editor.newFirm')}</h2>
        <span className="editor__state" role="status">
          {saveState === 'saving'
            ? t('editor.saving')
            : dirty
              ? t('editor.unsaved')
              : saveState === 'saved'
                ? t('editor.saved')
                : ''}
        </span>
        {firmId ? (
          <button type="button" className="button button--danger-plain" onClick={() => setConfirmArchive(true)}>
            {t('editor.archive')}
          </button>
        ) : null}
        <button type="button" className="button button--plain" disabled={!dirty} onClick={discard}>
          {t('editor.discard')}
        </button>
        <button
          type="button"
          className="button button--primary"
          aria-keyshortcuts="Control+S"
          disabled={saveState === 'saving'}
          onClick={() => void save()}
        >
          {t('common.save')}
        </button>
      </header>
      {showIssues || saveError ? (
        <div className="banner banner--error" role="alert">
          {saveError ?? t('editor.fixErrors')}
        </div>
      ) : null}
      <Tabs
        label={t('editor.tabs')}
        idPrefix="firm"
        active={tab}
        onChange={(id) => setTab(id as TabId)}
        tabs={TAB_IDS.map((id) => ({
          id,
          label: t(`editor.tab.${id}`),
          disabled: (id === 'contacts' || id === 'agenda' || id === 'agendaSync' || id === 'privacy') && !firmId,
          badge:
            id === 'contacts' || id === 'agenda' || id === 'agendaSync' || id === 'privacy' ? undefined : counts[id],
        }))}
      />
      <div
        role="tabpanel"
        id={`firm-panel-${tab}`}
        aria-labelledby={`firm-tab-${tab}`}
        className="editor__panel"
        tabIndex={0}
      >
        {tab === 'identity' ? <IdentityTab /> : null}
        {tab === 'hours' ? <HoursTab /> : null}
        {tab === 'people' ? <PeopleTab /> : null}
        {tab === 'consignes' ? <ConsignesTab /> : null}
        {tab === 'script' ? <ScriptTab /> : null}
        {tab === 'messageFields' ? <MessageFieldsTab /> : null}
        {tab === 'billing' ? <BillingRulesTab /> : null}
        {tab === 'contacts' && firmId ? <ContactsTab firmId={firmId} /> : null}
        {tab === 'agenda' && firmId ? <AgendaTab firmId={firmId} /> : null}
        {tab === 'agendaSync' && firmId ? <FirmAgendaSyncTab firmId={firmId} /> : null}
        {tab === 'privacy' && firmId ? <FirmPrivacyTab firmId={firmId} /> : null}
      </div>
      {confirmArchive ? (
        <ConfirmDialog
          title={t('editor.archiveTitle', { name })}
          onCancel={() => setConfirmArchive(false)}
          choices={[
            { label: t('common.cancel'), onSelect: () => setConfirmArchive(false) },
            {
              label: t('editor.archiveConfirm'),
              variant: 'danger',
              onSelect: () => {
                setConfirmArchive(false);
                void archive();
              },
            },
          ]}
        >
          <p>{t('editor.archiveBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
