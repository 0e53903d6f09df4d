import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sector } from '../../../shared/domain/firm/firm';
import { templatesFor, type ScriptTemplate } from '../../../shared/domain/script-templates';

export interface TemplatePickerProps {
  /** The firm's sector: its templates come first. */
  sector?: Sector | undefined;
  /** When the firm already has steps, applying asks first (the script is replaced). */
  hasSteps: boolean;
  /** Replace the draft's script with `template.script` and add `mergeMessageFields(...)` to its message fields. */
  onApply(template: ScriptTemplate): void;
}

/** "Modèles": ready-made sector scripts the firm's own script can start from. */
export function TemplatePicker({ sector, hasSteps, onApply }: TemplatePickerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<ScriptTemplate | null>(null);

  function choose(template: ScriptTemplate) {
    if (hasSteps) setPending(template);
    else apply(template);
  }

  function apply(template: ScriptTemplate) {
    onApply(template);
    setPending(null);
    setOpen(false);
  }

  return (
    <div className="tpl-picker">
      <button type="button" className="button button--plain" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('callDesk.templates.button')}
      </button>
      {open ? (
        <ul className="tpl-picker__list" aria-label={t('callDesk.templates.label')}>
          {templatesFor(sector).map((template) => (
            <li key={template.id}>
              <button type="button" className="tpl-picker__item" onClick={() => choose(template)}>
                <strong>
                  {template.name} <span className="muted">· {t(`sector.${template.sector}`)}</span>
                </strong>
                <span className="muted">{template.description}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {pending ? (
        <div role="alertdialog" aria-labelledby="tpl-confirm" className="banner tpl-picker__confirm">
          <p id="tpl-confirm">{t('callDesk.templates.replace', { name: pending.name })}</p>
          <div className="row">
            <button type="button" className="button button--danger" autoFocus onClick={() => apply(pending)}>
              {t('callDesk.templates.confirm')}
            </button>
            <button type="button" className="button" onClick={() => setPending(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
