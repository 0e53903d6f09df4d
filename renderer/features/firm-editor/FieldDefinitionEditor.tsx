import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, type FieldType } from '../../../shared/domain/firm/script';
import { Field } from '../../ui/Field';
import { useFieldError } from './editor-context';

export interface FieldDefinition {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean | undefined;
  options?: string[] | undefined;
}

interface Props {
  value: FieldDefinition;
  onChange(next: FieldDefinition): void;
  errorPath: string;
  name: string;
}

/** Key, label, type, required and options of one field; shared by script steps and message fields. */
export function FieldDefinitionEditor({ value, onChange, errorPath, name }: Props) {
  const { t } = useTranslation();
  const keyError = useFieldError(`${errorPath}.key`);
  const labelError = useFieldError(`${errorPath}.label`);
  const optionsError = useFieldError(`${errorPath}.options`);
  return (
    <div className="form-grid form-grid--4">
      <Field label={t('fields.label', { name })} error={labelError}>
        {(p) => <input {...p} value={value.label} onChange={(e) => onChange({ ...value, label: e.target.value })} />}
      </Field>
      <Field label={t('fields.key', { name })} error={keyError} hint={t('fields.keyHint')}>
        {(p) => <input {...p} value={value.key} onChange={(e) => onChange({ ...value, key: e.target.value })} />}
      </Field>
      <Field label={t('fields.type', { name })}>
        {(p) => (
          <select {...p} value={value.type} onChange={(e) => onChange({ ...value, type: e.target.value as FieldType })}>
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`fieldType.${type}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value.required ?? false}
          onChange={(e) => onChange({ ...value, required: e.target.checked })}
        />
        {t('fields.required')}
      </label>
      {value.type === 'choice' ? (
        <Field
          label={t('fields.options', { name })}
          error={optionsError}
          hint={t('fields.optionsHint')}
          className="span-4"
        >
          {(p) => (
            <input
              {...p}
              value={(value.options ?? []).join(' ; ')}
              onChange={(e) =>
                onChange({
                  ...value,
                  options: e.target.value
                    .split(';')
                    .map((o) => o.trim())
                    .filter((o, i, all) => o !== '' || i === all.length - 1),
                })
              }
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}
