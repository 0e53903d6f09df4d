import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmDraftInput } from '../../../shared/domain/firm/aggregate';
import { END_OF_SCRIPT } from '../../../shared/domain/firm/script';
import { Field } from '../../ui/Field';
import { useEditor, useFieldError, EMPTY_LIST } from './editor-context';
import { FieldDefinitionEditor, type FieldDefinition } from './FieldDefinitionEditor';
import { ScriptPreview } from './ScriptPreview';
import { TemplatePicker } from '../call-desk/TemplatePicker';
import { mergeMessageFields } from '../../../shared/domain/script-templates';

type StepInput = FirmDraftInput['script'] extends infer S ? (S extends { steps: (infer T)[] } ? T : never) : never;

export function ScriptTab() {
  const { t } = useTranslation();
  const steps = useEditor((s) => (s.draft.script?.steps ?? EMPTY_LIST) as StepInput[]);
  const update = useEditor((s) => s.update);
  const sector = useEditor((s) => s.draft.profile.sector);
  const [showPreview, setShowPreview] = useState(false);

  function move(from: number, to: number) {
    if (to < 0 || to >= steps.length) return;
    update((d) => {
      const list = d.script!.steps;
      const [step] = list.splice(from, 1);
      list.splice(to, 0, step!);
    });
    // Keep the keyboard user on the step they moved.
    window.requestAnimationFrame(() => document.getElementById(`step-move-${to}`)?.focus());
  }

  return (
    <div className="script-editor">
      <div className="stack">
        <div className="row row--end">
          <TemplatePicker
            sector={sector}
            hasSteps={steps.length > 0}
            onApply={(template) =>
              update((d) => {
                d.script = structuredClone(template.script);
                d.messageFields = mergeMessageFields(
                  (d.messageFields ?? []).map((f) => ({
                    ...f,
                    required: f.required ?? false,
                    options: f.options ?? [],
                  })),
                  template,
                );
              })
            }
          />
          <button
            type="button"
            className="button button--plain"
            aria-pressed={showPreview}
            onClick={() => setShowPreview(!showPreview)}
          >
            {showPreview ? t('script.hidePreview') : t('script.showPreview')}
          </button>
        </div>
        {steps.length === 0 ? <p className="muted">{t('script.none')}</p> : null}
        <ol className="steps">
          {steps.map((step, index) => (
            <StepCard key={index} index={index} step={step} allSteps={steps} move={move} />
          ))}
        </ol>
        <button
          type="button"
          className="button button--plain"
          onClick={() =>
            update((d) => {
              d.script ??= { steps: [] };
              const used = new Set(d.script.steps.map((s) => s.id));
              let n = d.script.steps.length + 1;
              while (used.has(`etape-${n}`)) n += 1;
              d.script.steps.push({ id: `etape-${n}`, prompt: '', field: null, branches: [] });
            })
          }
        >
          {t('script.addStep')}
        </button>
      </div>
      {showPreview ? <ScriptPreview /> : null}
    </div>
  );
}

function StepCard(props: {
  index: number;
  step: StepInput;
  allSteps: StepInput[];
  move(from: number, to: number): void;
}) {
  const { t } = useTranslation();
  const { index, step, allSteps, move } = props;
  const update = useEditor((s) => s.update);
  const idError = useFieldError(`script.steps.${index}.id`);
  const promptError = useFieldError(`script.steps.${index}.prompt`);
  const edit = (mutate: (s: StepInput) => void) => update((d) => mutate(d.script!.steps[index]!));
  const title = t('script.stepTitle', { index: index + 1 });

  function onMoveKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.altKey && event.key === 'ArrowUp') {
      event.preventDefault();
      move(index, index - 1);
    } else if (event.altKey && event.key === 'ArrowDown') {
      event.preventDefault();
      move(index, index + 1);
    }
  }

  return (
    <li className="card step">
      <div className="row">
        <h4 className="grow">{title}</h4>
        <button
          id={`step-move-${index}`}
          type="button"
          className="button button--plain"
          aria-label={t('script.moveUp', { title })}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
          disabled={index === 0}
          onKeyDown={onMoveKey}
          onClick={() => move(index, index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button--plain"
          aria-label={t('script.moveDown', { title })}
          disabled={index === allSteps.length - 1}
          onKeyDown={onMoveKey}
          onClick={() => move(index, index + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="button button--danger-plain"
          aria-label={t('script.removeStep', { title })}
          onClick={() => update((d) => void d.script!.steps.splice(index, 1))}
        >
          ✕
        </button>
      </div>
      <div className="form-grid">
        <Field label={t('script.prompt', { title })} error={promptError} className="span-2">
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={step.prompt}
              onChange={(e) => edit((s) => void (s.prompt = e.target.value))}
            />
          )}
        </Field>
        <Field label={t('script.stepId', { title })} error={idError} hint={t('script.stepIdHint')}>
          {(p) => <input {...p} value={step.id} onChange={(e) => edit((s) => void (s.id = e.target.value))} />}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={Boolean(step.field)}
            onChange={(e) =>
              edit((s) => {
                s.field = e.target.checked ? { key: `champ${index + 1}`, label: '', type: 'text' } : null;
              })
            }
          />
          {t('script.hasField')}
        </label>
      </div>
      {step.field ? (
        <FieldDefinitionEditor
          name={title}
          value={step.field as FieldDefinition}
          errorPath={`script.steps.${index}.field`}
          onChange={(next) => edit((s) => void (s.field = next))}
        />
      ) : null}
      <Branches index={index} step={step} allSteps={allSteps} title={title} />
    </li>
  );
}

function Branches({
  index,
  step,
  allSteps,
  title,
}: {
  index: number;
  step: StepInput;
  allSteps: StepInput[];
  title: string;
}) {
  const { t } = useTranslation();
  const update = useEditor((s) => s.update);
  const branches = step.branches ?? [];
  const suggestions =
    step.field?.type === 'yesno' ? ['oui', 'non'] : step.field?.type === 'choice' ? (step.field.options ?? []) : [];
  return (
    <div className="branches">
      <h5>{t('script.branches')}</h5>
      {branches.map((branch, b) => (
        <BranchRow
          key={b}
          stepIndex={index}
          branchIndex={b}
          branch={branch}
          allSteps={allSteps}
          title={title}
          suggestions={suggestions}
        />
      ))}
      <button
        type="button"
        className="button button--plain"
        onClick={() =>
          update((d) => {
            const target = d.script!.steps[index]!;
            target.branches = [
              ...(target.branches ?? []),
              { answer: suggestions[0] ?? '', goto: END_OF_SCRIPT, consigne: '' },
            ];
          })
        }
      >
        {t('script.addBranch', { title })}
      </button>
    </div>
  );
}

function BranchRow(props: {
  stepIndex: number;
  branchIndex: number;
  branch: NonNullable<StepInput['branches']>[number];
  allSteps: StepInput[];
  title: string;
  suggestions: string[];
}) {
  const { t } = useTranslation();
  const update = useEditor((s) => s.update);
  const base = `script.steps.${props.stepIndex}.branches.${props.branchIndex}`;
  const gotoError = useFieldError(`${base}.goto`);
  const answerError = useFieldError(`${base}.answer`);
  const edit = (mutate: (b: NonNullable<StepInput['branches']>[number]) => void) =>
    update((d) => mutate(d.script!.steps[props.stepIndex]!.branches![props.branchIndex]!));
  const listId = `answers-${props.stepIndex}`;
  const label = t('script.branchLabel', { title: props.title, index: props.branchIndex + 1 });
  return (
    <div className="row">
      <Field label={t('script.branchAnswer', { label })} error={answerError}>
        {(p) => (
          <>
            <input
              {...p}
              list={listId}
              value={props.branch.answer}
              onChange={(e) => edit((b) => void (b.answer = e.target.value))}
            />
            <datalist id={listId}>
              {props.suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={t('script.branchGoto', { label })} error={gotoError}>
        {(p) => (
          <select {...p} value={props.branch.goto} onChange={(e) => edit((b) => void (b.goto = e.target.value))}>
            {props.allSteps.map((s, i) => (
              <option key={`${s.id}-${i}`} value={s.id}>
                {t('script.stepTitle', { index: i + 1 })} — {s.prompt.slice(0, 40) || s.id}
              </option>
            ))}
            <option value={END_OF_SCRIPT}>{t('script.end')}</option>
          </select>
        )}
      </Field>
      <Field label={t('script.branchConsigne', { label })}>
        {(p) => (
          <input
            {...p}
            value={props.branch.consigne ?? ''}
            onChange={(e) => edit((b) => void (b.consigne = e.target.value))}
          />
        )}
      </Field>
      <button
        type="button"
        className="button button--danger-plain"
        aria-label={t('script.removeBranch', { label })}
        onClick={() => update((d) => void d.script!.steps[props.stepIndex]!.branches!.splice(props.branchIndex, 1))}
      >
        ✕
      </button>
    </div>
  );
}
