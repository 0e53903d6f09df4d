import { useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScriptField } from '../../../shared/domain/firm/script';
import { foldAccents } from '../../../shared/domain/text';

interface FieldInputProps {
  field: ScriptField;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  /** Enter in a one-line field: the runner goes to the next step. */
  onEnter?(): void;
  autoFocus?: boolean;
  id?: string;
  describedBy?: string;
  invalid?: boolean;
  large?: boolean;
  /** A drop-down for choices instead of a row of radio buttons (the message form, where room is short). */
  compact?: boolean;
}

/** The input a script or message field asks for: text, phone, e-mail, date, a choice or oui/non. */
export function FieldInput({
  field,
  value,
  onChange,
  onBlur,
  onEnter,
  autoFocus,
  id,
  describedBy,
  invalid,
  large,
  compact,
}: FieldInputProps) {
  const { t } = useTranslation();
  const generated = useId();
  const inputId = id ?? generated;
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey && onEnter) {
      event.preventDefault();
      onEnter();
    }
  };
  const common = {
    id: inputId,
    'aria-invalid': invalid ?? false,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    onBlur,
    onKeyDown,
    autoFocus,
    className: large ? 'cd-input cd-input--large' : 'cd-input',
  };
  if (compact && (field.type === 'yesno' || field.type === 'choice')) {
    const values = field.type === 'yesno' ? ['oui', 'non'] : field.options;
    const labels = field.type === 'yesno' ? [t('common.yes'), t('common.no')] : field.options;
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {values.map((v, i) => (
          <option key={v} value={v}>
            {labels[i]}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'yesno' || field.type === 'choice') {
    const options = field.type === 'yesno' ? [t('common.yes'), t('common.no')] : field.options;
    const values = field.type === 'yesno' ? ['oui', 'non'] : field.options;
    // She types the answer: its first letter (« o » for Oui, « n » for Non) or its number (1, 2…) chooses it.
    const onChoiceKey = (event: KeyboardEvent<HTMLElement>) => {
      if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
        const typed = foldAccents(event.key);
        const index = /^[1-9]$/.test(typed)
          ? Number(typed) - 1
          : options.findIndex((o) => foldAccents(o.trim()).startsWith(typed));
        const chosen = values[index];
        if (chosen !== undefined) {
          event.preventDefault();
          onChange(chosen);
          event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="radio"]')[index]?.focus();
          return;
        }
      }
      onKeyDown(event);
    };
    return (
      <div
        role="radiogroup"
        aria-labelledby={`${inputId}-label`}
        className="cd-choices"
        id={inputId}
        onKeyDown={onChoiceKey}
      >
        <span id={`${inputId}-label`} className="visually-hidden">
          {field.label}
        </span>
        {values.map((v, i) => (
          <label key={v} className={`cd-choice ${value === v ? 'cd-choice--on' : ''}`}>
            <input
              type="radio"
              name={inputId}
              value={v}
              checked={value === v}
              autoFocus={autoFocus && (value === v || (value === '' && i === 0))}
              onChange={() => onChange(v)}
              onBlur={onBlur}
            />
            {options[i]}
          </label>
        ))}
      </div>
    );
  }
  const type =
    field.type === 'phone' ? 'tel' : field.type === 'email' ? 'email' : field.type === 'date' ? 'date' : 'text';
  return <input {...common} type={type} value={value} onChange={(e) => onChange(e.target.value)} />;
}
