import { useTranslation } from 'react-i18next';
import { useFieldError } from './editor-context';

interface StringListEditorProps {
  legend: string;
  itemLabel(index: number): string;
  addLabel: string;
  values: string[];
  onChange(values: string[]): void;
  errorPath: string;
}

export function StringListEditor(props: StringListEditorProps) {
  return (
    <fieldset className="group">
      <legend>{props.legend}</legend>
      {props.values.map((value, index) => (
        <StringRow key={index} index={index} value={value} {...props} />
      ))}
      <button type="button" className="button button--plain" onClick={() => props.onChange([...props.values, ''])}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}

function StringRow(props: StringListEditorProps & { index: number; value: string }) {
  const { t } = useTranslation();
  const error = useFieldError(`${props.errorPath}.${props.index}`);
  const label = props.itemLabel(props.index);
  return (
    <div className="row">
      <input
        aria-label={label}
        aria-invalid={Boolean(error)}
        className="grow"
        value={props.value}
        onChange={(e) => props.onChange(props.values.map((v, i) => (i === props.index ? e.target.value : v)))}
      />
      <button
        type="button"
        className="button button--danger-plain"
        aria-label={t('common.removeItem', { item: label })}
        onClick={() => props.onChange(props.values.filter((_, i) => i !== props.index))}
      >
        ✕
      </button>
      {error ? (
        <span className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
