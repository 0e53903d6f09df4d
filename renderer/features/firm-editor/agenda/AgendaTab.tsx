import './agenda-setup.css';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PermanenceError } from '../../../../shared/api';
import { SLOT_STEPS_MINUTES } from '../../../../shared/domain/agenda/config';
import { HOLIDAY_REGIONS } from '../../../../shared/domain/billing/billing-settings';
import { Field } from '../../../ui/Field';
import { AgendasSection } from './AgendasSection';
import { ExceptionsSection } from './ExceptionsSection';
import { MotifsSection } from './MotifsSection';
import { AgendaDraftContext, useAgendaDraft, useAgendaTab } from './use-agenda-draft';

/**
 * The firm editor's « Agenda » tab: settings, the practitioners' agendas with their weekly templates, the motifs
 * and the exceptions. Its own save (Ctrl+S inside the tab, or the button), checked by the same rules as main.
 */
export function AgendaTab({ firmId }: { firmId: string }) {
  const { t } = useTranslation();
  const tab = useAgendaDraft(firmId);
  if (tab.state === 'loading') return <p role="status">{t('agendaSetup.loading')}</p>;
  if (!tab.draft) {
    return (
      <p className="field__error" role="alert">
        {tab.error?.message}
      </p>
    );
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      event.stopPropagation();
      void tab.save();
    }
  };
  return (
    <AgendaDraftContext.Provider value={tab}>
      <div className="stack agenda-setup" onKeyDown={onKeyDown}>
        <SaveBar />
        <SettingsSection />
        <AgendasSection />
        <MotifsSection />
        <ExceptionsSection />
      </div>
    </AgendaDraftContext.Provider>
  );
}

function SaveBar() {
  const { t } = useTranslation();
  const { save, state, dirty, error, issues, showIssues } = useAgendaTab();
  const message =
    error instanceof PermanenceError && error.text
      ? t(error.text.key, { ...error.text.values, defaultValue: error.message })
      : error?.message;
  return (
    <div className="stack">
      <div className="row agenda-setup__bar">
        <p className="grow muted">{t('agendaSetup.intro')}</p>
        <span role="status" className="editor__state">
          {state === 'saving'
            ? t('editor.saving')
            : dirty
              ? t('editor.unsaved')
              : state === 'saved'
                ? t('editor.saved')
                : ''}
        </span>
        <button
          type="button"
          className="button button--primary"
          aria-keyshortcuts="Control+S"
          disabled={state === 'saving'}
          onClick={() => void save()}
        >
          {t('agendaSetup.save')}
        </button>
      </div>
      {showIssues && (issues.length > 0 || message) ? (
        <div className="banner banner--error" role="alert">
          {message ?? t('agendaSetup.fixErrors', { count: issues.length })}
        </div>
      ) : null}
    </div>
  );
}

function SettingsSection() {
  const { t } = useTranslation();
  const { draft, update } = useAgendaTab();
  return (
    <fieldset className="group">
      <legend>{t('agendaSetup.settings')}</legend>
      <div className="row">
        <Field label={t('agendaSetup.holidayRegion')}>
          {(props) => (
            <select
              {...props}
              value={draft.settings.holidayRegion}
              onChange={(e) =>
                update((d) => void (d.settings.holidayRegion = e.target.value as (typeof HOLIDAY_REGIONS)[number]))
              }
            >
              {HOLIDAY_REGIONS.map((region) => (
                <option key={region} value={region}>
                  {t(`agendaSetup.region.${region}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('agendaSetup.slotStep')}>
          {(props) => (
            <select
              {...props}
              value={draft.settings.slotStepMinutes}
              onChange={(e) =>
                update(
                  (d) =>
                    void (d.settings.slotStepMinutes = Number(e.target.value) as (typeof SLOT_STEPS_MINUTES)[number]),
                )
              }
            >
              {SLOT_STEPS_MINUTES.map((step) => (
                <option key={step} value={step}>
                  {t('agendaSetup.minutes', { count: step })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.settings.closedOnPublicHolidays}
            onChange={(e) => update((d) => void (d.settings.closedOnPublicHolidays = e.target.checked))}
          />
          {t('agendaSetup.closedOnPublicHolidays')}
        </label>
      </div>
    </fieldset>
  );
}
