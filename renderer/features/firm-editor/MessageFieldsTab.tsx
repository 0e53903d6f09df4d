import { useTranslation } from 'react-i18next';
import { FirmDeliverySettings } from '../messages/FirmDeliverySettings';
import { useEditor, EMPTY_LIST } from './editor-context';
import { FieldDefinitionEditor, type FieldDefinition } from './FieldDefinitionEditor';

export function MessageFieldsTab() {
  const { t } = useTranslation();
  const fields = useEditor((s) => (s.draft.messageFields ?? EMPTY_LIST) as FieldDefinition[]);
  const update = useEditor((s) => s.update);
  const firmId = useEditor((s) => s.firmId);
  return (
    <div className="stack">
      <p className="muted">{t('messageFields.intro')}</p>
      {fields.map((field, index) => {
        const name = field.label || t('messageFields.unnamed', { index: index + 1 });
        return (
          <fieldset key={index} className="group card">
            <legend>{name}</legend>
            <FieldDefinitionEditor
              name={name}
              value={field}
              errorPath={`messageFields.${index}`}
              onChange={(next) => update((d) => void (d.messageFields![index] = next))}
            />
            <button
              type="button"
              className="button button--danger-plain"
              onClick={() => update((d) => void d.messageFields!.splice(index, 1))}
            >
              {t('messageFields.remove', { name })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button--plain"
        onClick={() =>
          update((d) => {
            d.messageFields = [
              ...(d.messageFields ?? []),
              { key: `champ${(d.messageFields ?? []).length + 1}`, label: '', type: 'text' },
            ];
          })
        }
      >
        {t('messageFields.add')}
      </button>
      {firmId ? <FirmDeliverySettings firmId={firmId} /> : null}
    </div>
  );
}
