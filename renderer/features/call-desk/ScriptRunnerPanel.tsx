import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { currentStep, progress, takenBranch } from '../../../shared/domain/script-runner';
import type { CallDeskStore } from './call-desk-store';
import { FieldInput } from './FieldInput';
import { MessageReadback } from './MessageReadback';

/** The firm's script, one step at a time: what to say in large type, what to note, where the answer leads. */
export function ScriptRunnerPanel({ store, onAppointment }: { store: CallDeskStore; onAppointment?: () => void }) {
  const { t } = useTranslation();
  const steps = useStore(store, (s) => s.steps);
  const script = useStore(store, (s) => s.script);
  const content = useStore(store, (s) => s.content);
  const firm = useStore(store, (s) => s.firm);
  const sent = useStore(store, (s) => s.status !== null && s.status !== 'brouillon');
  const { answer, next, back, confirmIdentity } = store.getState();
  const step = currentStep(steps, script);
  const atEnd = !!step && (step.kind === 'recap' || script.finished);
  // At the recap the next thing to do is to send: the focus goes to « Envoyer », never back to <body>.
  useEffect(() => {
    if (atEnd && !sent) document.querySelector<HTMLButtonElement>('.cd .cd-send__button')?.focus();
  }, [atEnd, sent, step?.id]);
  if (!step || !firm) return null;
  const { position, total } = progress(steps, script, content.fields);
  const branch = takenBranch(step, content.fields);
  const value = step.field ? (content.fields[step.field.key] ?? '') : '';

  return (
    <section className="cd-runner" aria-labelledby="cd-runner-title">
      <div className="cd-runner__head">
        <h2 id="cd-runner-title" className="cd-runner__title">
          {t('callDesk.runner.title')}
        </h2>
        <span className="cd-runner__progress">{t('callDesk.runner.progress', { position, total })}</span>
      </div>
      <progress
        className="cd-runner__bar"
        max={total}
        value={position}
        aria-label={t('callDesk.runner.progress', { position, total })}
      />
      <div className={`cd-step cd-step--${step.kind}`} key={step.id}>
        <p className="cd-step__kind">{t(`callDesk.runner.kind.${step.kind}`)}</p>
        <p className="cd-step__prompt" id="cd-step-prompt" aria-live="polite">
          {step.prompt}
        </p>
        {step.kind === 'identity' ? (
          <div className="cd-identity">
            <ul>
              {step.checks.map((check) => (
                <li key={check}>{check}</li>
              ))}
            </ul>
            <label className="checkbox">
              <input
                type="checkbox"
                autoFocus
                checked={script.identityChecked}
                onChange={(e) => confirmIdentity(e.target.checked)}
                onKeyDown={(e) => {
                  // Entrée: « vérifiée », then the next step, in one key (Alt+→ goes on without confirming).
                  if (e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey) {
                    e.preventDefault();
                    if (!script.identityChecked) confirmIdentity(true);
                    next();
                  }
                }}
              />
              {t('callDesk.runner.identityChecked')}
            </label>
            {!script.identityChecked ? <p className="cd-warning">{t('callDesk.runner.identityWarning')}</p> : null}
          </div>
        ) : null}
        {step.field ? (
          <div className="field cd-step__field">
            <label htmlFor="cd-step-input">{step.field.label}</label>
            <FieldInput
              id="cd-step-input"
              field={step.field}
              value={value}
              large
              autoFocus
              describedBy="cd-step-prompt"
              onChange={(v) => answer(step.field!, v)}
              onEnter={next}
            />
          </div>
        ) : null}
        {step.kind === 'appointment' && onAppointment ? (
          <p className="cd-step__action">
            <button
              type="button"
              className="button button--primary"
              aria-keyshortcuts="Alt+R"
              autoFocus
              onClick={onAppointment}
            >
              {t('rdv.desk.open')}
            </button>
          </p>
        ) : null}
        {branch?.consigne ? (
          <p className="consigne-callout" role="note">
            {t('callDesk.runner.branchConsigne', { consigne: branch.consigne })}
          </p>
        ) : null}
        {step.kind === 'recap' ? <MessageReadback firm={firm} content={content} /> : null}
      </div>
      <div className="row cd-runner__nav">
        <button
          type="button"
          className="button"
          aria-keyshortcuts="Alt+ArrowLeft"
          disabled={script.history.length === 0 && !script.finished}
          onClick={back}
        >
          ← {t('callDesk.runner.back')}
        </button>
        <span className="grow" />
        {sent || script.finished || step.kind === 'recap' ? (
          <span className="muted" role="status">
            {t(sent ? 'callDesk.runner.messageDone' : 'callDesk.runner.done')}
          </span>
        ) : (
          <button
            type="button"
            className="button button--primary"
            aria-keyshortcuts="Alt+ArrowRight"
            autoFocus={!step.field && step.kind !== 'identity' && !(step.kind === 'appointment' && onAppointment)}
            onClick={next}
          >
            {t('callDesk.runner.next')} →
          </button>
        )}
      </div>
    </section>
  );
}
