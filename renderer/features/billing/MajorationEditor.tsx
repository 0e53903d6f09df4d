import { useTranslation } from 'react-i18next';
import type { MajorationRule } from '../../../shared/domain/billing/billing-settings';
import { Field } from '../../ui/Field';
import { MoneyInput } from './MoneyInput';

/** One majoration rule of the firm's billing (« Soirée +25 % »), edited in the Facturation tab. */
export function MajorationEditor({
  rule,
  onChange,
  onRemove,
}: {
  rule: MajorationRule;
  onChange(rule: MajorationRule): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const setKind = (kind: MajorationRule['kind']) => {
    const base = { id: rule.id, label: rule.label, supplement: rule.supplement, taskTypes: rule.taskTypes };
    if (kind === 'weekday') onChange({ ...base, kind, weekdays: [6, 7] });
    else if (kind === 'time-window') onChange({ ...base, kind, from: '19:00', to: '08:00' });
    else onChange({ ...base, kind });
  };
  return (
    <div className="billing-rules__majoration form-grid form-grid--4" role="group" aria-label={rule.label}>
      <Field label={t('timesheets.rules.majorationLabel')}>
        {(p) => <input {...p} value={rule.label} onChange={(e) => onChange({ ...rule, label: e.target.value })} />}
      </Field>
      <Field label={t('timesheets.rules.majorationKind')}>
        {(p) => (
          <select {...p} value={rule.kind} onChange={(e) => setKind(e.target.value as MajorationRule['kind'])}>
            {(['time-window', 'weekday', 'public-holiday', 'urgent'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`timesheets.rules.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {rule.kind === 'time-window' ? (
        <>
          <Field label={t('timesheets.rules.from')}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={rule.from}
                onChange={(e) => onChange({ ...rule, from: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('timesheets.rules.to')}>
            {(p) => (
              <input {...p} type="time" value={rule.to} onChange={(e) => onChange({ ...rule, to: e.target.value })} />
            )}
          </Field>
        </>
      ) : null}
      {rule.kind === 'weekday' ? (
        <fieldset className="span-2 billing-rules__weekdays">
          <legend>{t('timesheets.rules.weekdays')}</legend>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <label key={d} className="checkbox">
              <input
                type="checkbox"
                checked={rule.weekdays.includes(d)}
                onChange={(e) =>
                  onChange({
                    ...rule,
                    weekdays: e.target.checked
                      ? [...rule.weekdays, d].sort()
                      : rule.weekdays.filter((w) => w !== d).length
                        ? rule.weekdays.filter((w) => w !== d)
                        : rule.weekdays,
                  })
                }
              />{' '}
              {t(`weekday.${d}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field label={t('timesheets.rules.supplementType')}>
        {(p) => (
          <select
            {...p}
            value={rule.supplement.type}
            onChange={(e) =>
              onChange({
                ...rule,
                supplement:
                  e.target.value === 'percent' ? { type: 'percent', basisPoints: 2500 } : { type: 'fixed', cents: 500 },
              })
            }
          >
            <option value="percent">{t('timesheets.rules.percent')}</option>
            <option value="fixed">{t('timesheets.rules.fixed')}</option>
          </select>
        )}
      </Field>
      <Field
        label={t(rule.supplement.type === 'percent' ? 'timesheets.rules.percentValue' : 'timesheets.rules.fixedValue')}
      >
        {(p) => (
          <MoneyInput
            {...p}
            key={rule.supplement.type}
            unit={rule.supplement.type === 'percent' ? 'percent' : 'euro'}
            cents={rule.supplement.type === 'percent' ? rule.supplement.basisPoints : rule.supplement.cents}
            onCents={(c) =>
              onChange({
                ...rule,
                supplement:
                  rule.supplement.type === 'percent'
                    ? { type: 'percent', basisPoints: c ?? 0 }
                    : { type: 'fixed', cents: c ?? 0 },
              })
            }
          />
        )}
      </Field>
      <button type="button" className="button button--danger-plain" onClick={onRemove}>
        {t('timesheets.rules.removeMajoration')}
      </button>
    </div>
  );
}
