import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { branchFor, nextStepId } from '../../../shared/domain/firm/script-flow';
import { scriptSchema } from '../../../shared/domain/firm/script';
import { useEditor } from './editor-context';

/** A dry run of the script as the secretary will see it on a call, to check branches before saving. */
export function ScriptPreview() {
  const { t } = useTranslation();
  const script = useEditor((s) => s.draft.script);
  const greeting = useEditor((s) => s.draft.profile.greeting);
  const parsed = scriptSchema.safeParse(script ?? { steps: [] });
  const [path, setPath] = useState<string[]>([]);
  const [answer, setAnswer] = useState('');

  if (!parsed.success) {
    return (
      <aside className="preview card" aria-label={t('script.preview')}>
        <p className="field__error">{t('script.previewInvalid')}</p>
      </aside>
    );
  }
  const steps = parsed.data.steps;
  const currentId = path.length === 0 ? steps[0]?.id : path[path.length - 1];
  const current = steps.find((s) => s.id === currentId);
  const branch = current ? branchFor(current, answer) : null;

  return (
    <aside className="preview card" aria-label={t('script.preview')}>
      <h4>{t('script.preview')}</h4>
      {greeting ? <p className="preview__greeting">« {greeting} »</p> : null}
      {current ? (
        <>
          <p className="muted">
            {t('script.previewProgress', { index: steps.indexOf(current) + 1, total: steps.length })}
          </p>
          <p className="preview__prompt">{current.prompt}</p>
          {current.field ? (
            <label className="field">
              {current.field.label}
              {current.field.type === 'yesno' ? (
                <select value={answer} onChange={(e) => setAnswer(e.target.value)}>
                  <option value="" />
                  <option value="oui">{t('common.yes')}</option>
                  <option value="non">{t('common.no')}</option>
                </select>
              ) : current.field.type === 'choice' ? (
                <select value={answer} onChange={(e) => setAnswer(e.target.value)}>
                  <option value="" />
                  {current.field.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input value={answer} onChange={(e) => setAnswer(e.target.value)} />
              )}
            </label>
          ) : null}
          {branch?.consigne ? (
            <p className="consigne-callout" role="note">
              {branch.consigne}
            </p>
          ) : null}
          <div className="row">
            <button
              type="button"
              className="button button--plain"
              disabled={path.length === 0}
              onClick={() => {
                setPath(path.slice(0, -1));
                setAnswer('');
              }}
            >
              {t('script.previewBack')}
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                const next = nextStepId(steps, current.id, answer);
                setPath(next ? [...(path.length === 0 ? [current.id] : path), next] : [...path, '__end__']);
                setAnswer('');
              }}
            >
              {t('script.previewNext')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{steps.length === 0 ? t('script.none') : t('script.previewEnd')}</p>
          <button
            type="button"
            className="button button--plain"
            onClick={() => {
              setPath([]);
              setAnswer('');
            }}
          >
            {t('script.previewRestart')}
          </button>
        </>
      )}
    </aside>
  );
}
