import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import {
  billingSettingsSchema,
  defaultBillingSettings,
  FORFAIT_QUOTA_UNITS,
  HOLIDAY_REGIONS,
  ROUNDING_UNITS_SECONDS,
  TASK_TYPES,
  type BillingSettings,
  type MajorationRule,
  type TaskType,
} from '../../../shared/domain/billing/billing-settings';
import { Field } from '../../ui/Field';
import { useEditor, useFieldError } from '../firm-editor/editor-context';

const toCents = (text: string) => Math.max(0, Math.round(Number(text.replace(',', '.')) * 100) || 0);
const toInt = (text: string) => Math.max(0, Math.round(Number(text)) || 0);
const euros = (cents: number) => (cents / 100).toFixed(2);

type MoneyInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  cents: number | undefined;
  /** undefined: the field was emptied (only where an empty price means "no price"). */
  onCents(cents: number | undefined): void;
};

/**
 * A euro amount typed freely ("52,5", "52.50"): keeps what she types while the stored cents follow it, and shows
 * the formatted amount again only when the value changes from elsewhere (another firm, a reset).
 */
function MoneyInput({ cents, onCents, ...rest }: MoneyInputProps) {
  const format = (c: number | undefined) => (c === undefined ? '' : euros(c));
  const parse = (text: string) => (text.trim() === '' ? undefined : toCents(text));
  const [text, setText] = useState(() => format(cents));
  const [seen, setSeen] = useState(cents);
  if (cents !== seen) {
    setSeen(cents);
    if ((parse(text) ?? 0) !== (cents ?? 0)) setText(format(cents));
  }
  return (
    <input
      {...rest}
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        const next = parse(e.target.value);
        setText(e.target.value);
        setSeen(next);
        onCents(next);
      }}
    />
  );
}

/**
 * The firm's billing rules, a tab of the firm editor: reads and writes `draft.billing` through the editor store,
 * so it is saved with the rest of the firm in one transaction and validated by the same schema.
 */
export function BillingRulesTab() {
  const { t } = useTranslation();
  const raw = useEditor((s) => s.draft.billing);
  const update = useEditor((s) => s.update);
  const parsed = billingSettingsSchema.safeParse(raw ?? {});
  const billing: BillingSettings = parsed.success ? parsed.data : { ...defaultBillingSettings(), ...(raw as object) };
  const sirenError = useFieldError('billing.siren');
  const majorationsError = useFieldError('billing.majorations');

  const edit = (mutate: (b: BillingSettings) => void) =>
    update((d) => {
      const next = structuredClone(billing);
      mutate(next);
      d.billing = next;
    });

  const moneyInput = (label: string, cents: number, onCents: (c: number) => void) => (
    <Field label={label}>{(p) => <MoneyInput {...p} cents={cents} onCents={(c) => onCents(c ?? 0)} />}</Field>
  );
  const numberInput = (label: string, value: string, onChange: (v: string) => void, hint?: string) => (
    <Field label={label} {...(hint ? { hint } : {})}>
      {(p) => <input {...p} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );

  return (
    <div className="billing-rules">
      <fieldset className="billing-rules__group">
        <legend>{t('timesheets.rules.time')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={billing.time.enabled}
            onChange={(e) => edit((b) => void (b.time.enabled = e.target.checked))}
          />{' '}
          {t('timesheets.rules.timeEnabled')}
        </label>
        <div className="form-grid form-grid--4">
          {moneyInput(t('timesheets.rules.hourlyRate'), billing.time.hourlyRateCents, (c) =>
            edit((b) => void (b.time.hourlyRateCents = c)),
          )}
          <Field label={t('timesheets.rules.roundingUnit')}>
            {(p) => (
              <select
                {...p}
                value={billing.time.roundingUnitSeconds}
                onChange={(e) =>
                  edit(
                    (b) =>
                      void (b.time.roundingUnitSeconds = Number(
                        e.target.value,
                      ) as BillingSettings['time']['roundingUnitSeconds']),
                  )
                }
              >
                {ROUNDING_UNITS_SECONDS.map((u) => (
                  <option key={u} value={u}>
                    {t(`timesheets.rules.unit.${u}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('timesheets.rules.direction')}>
            {(p) => (
              <select
                {...p}
                value={billing.time.roundingDirection}
                onChange={(e) => edit((b) => void (b.time.roundingDirection = e.target.value as 'up'))}
              >
                {(['up', 'nearest', 'down'] as const).map((d) => (
                  <option key={d} value={d}>
                    {t(`timesheets.rules.dir.${d}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('timesheets.rules.scope')}>
            {(p) => (
              <select
                {...p}
                value={billing.time.roundingScope}
                onChange={(e) => edit((b) => void (b.time.roundingScope = e.target.value as 'entry'))}
              >
                <option value="entry">{t('timesheets.rules.scopeEntry')}</option>
                <option value="day-task">{t('timesheets.rules.scopeDayTask')}</option>
              </select>
            )}
          </Field>
          {numberInput(t('timesheets.rules.minimumPerCall'), String(billing.time.minimumPerCallSeconds), (v) =>
            edit((b) => void (b.time.minimumPerCallSeconds = toInt(v))),
          )}
          {numberInput(
            t('timesheets.rules.freeUnder'),
            String(billing.time.freeUnderSeconds),
            (v) => edit((b) => void (b.time.freeUnderSeconds = toInt(v))),
            t('timesheets.rules.freeUnderHint'),
          )}
        </div>
      </fieldset>

      <fieldset className="billing-rules__group">
        <legend>{t('timesheets.rules.perTask')}</legend>
        <div className="form-grid form-grid--4">
          {TASK_TYPES.map((type: TaskType) => (
            <Field key={type} label={t(`timesheets.taskType.${type}`)} hint={t('timesheets.rules.unitPriceHint')}>
              {(p) => (
                <MoneyInput
                  {...p}
                  cents={billing.perTask.unitPriceCents[type]}
                  onCents={(c) =>
                    edit((b) => {
                      if (c === undefined) delete b.perTask.unitPriceCents[type];
                      else b.perTask.unitPriceCents[type] = c;
                    })
                  }
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <fieldset className="billing-rules__group">
        <legend>{t('timesheets.rules.forfait')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={billing.forfait.enabled}
            onChange={(e) => edit((b) => void (b.forfait.enabled = e.target.checked))}
          />{' '}
          {t('timesheets.rules.forfaitEnabled')}
        </label>
        <div className="form-grid form-grid--4">
          {moneyInput(t('timesheets.rules.monthlyFee'), billing.forfait.monthlyFeeCents, (c) =>
            edit((b) => void (b.forfait.monthlyFeeCents = c)),
          )}
          <Field label={t('timesheets.rules.quotaUnit')}>
            {(p) => (
              <select
                {...p}
                value={billing.forfait.quotaUnit}
                onChange={(e) => edit((b) => void (b.forfait.quotaUnit = e.target.value as 'calls'))}
              >
                {FORFAIT_QUOTA_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`timesheets.rules.quota.${u}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {numberInput(t('timesheets.rules.included'), String(billing.forfait.includedQuantity), (v) =>
            edit((b) => void (b.forfait.includedQuantity = toInt(v))),
          )}
          {moneyInput(t('timesheets.rules.overagePrice'), billing.forfait.overagePriceCents, (c) =>
            edit((b) => void (b.forfait.overagePriceCents = c)),
          )}
        </div>
      </fieldset>

      <fieldset className="billing-rules__group">
        <legend>{t('timesheets.rules.majorations')}</legend>
        {majorationsError ? (
          <p className="field__error" role="alert">
            {majorationsError}
          </p>
        ) : null}
        {billing.majorations.map((rule, index) => (
          <MajorationEditor
            key={rule.id}
            rule={rule}
            onChange={(next) => edit((b) => void (b.majorations[index] = next))}
            onRemove={() => edit((b) => void b.majorations.splice(index, 1))}
          />
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            edit((b) =>
              b.majorations.push({
                id: `maj-${Date.now().toString(36)}`,
                kind: 'time-window',
                label: t('timesheets.rules.newMajoration'),
                from: '19:00',
                to: '08:00',
                supplement: { type: 'percent', basisPoints: 2500 },
                taskTypes: [...TASK_TYPES],
              }),
            )
          }
        >
          {t('timesheets.rules.addMajoration')}
        </button>
      </fieldset>

      <fieldset className="billing-rules__group">
        <legend>{t('timesheets.rules.other')}</legend>
        <div className="form-grid form-grid--4">
          <Field label={t('timesheets.rules.afterCall')}>
            {(p) => (
              <select
                {...p}
                value={billing.afterCallWork.mode}
                onChange={(e) => edit((b) => void (b.afterCallWork.mode = e.target.value as 'none'))}
              >
                {(['none', 'fixed', 'until-delivered'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t(`timesheets.rules.acw.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {numberInput(t('timesheets.rules.afterCallSeconds'), String(billing.afterCallWork.fixedSeconds), (v) =>
            edit((b) => void (b.afterCallWork.fixedSeconds = toInt(v))),
          )}
          <Field label={t('timesheets.rules.holidays')}>
            {(p) => (
              <select
                {...p}
                value={billing.holidayRegion}
                onChange={(e) => edit((b) => void (b.holidayRegion = e.target.value as 'FR'))}
              >
                {HOLIDAY_REGIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`timesheets.rules.region.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {numberInput(t('timesheets.rules.serviceLevel'), String(billing.serviceLevelSeconds), (v) =>
            edit((b) => void (b.serviceLevelSeconds = Math.max(1, toInt(v)))),
          )}
          <Field label={t('timesheets.rules.siren')} error={sirenError}>
            {(p) => (
              <input {...p} value={billing.siren} onChange={(e) => edit((b) => void (b.siren = e.target.value))} />
            )}
          </Field>
          <Field label={t('timesheets.rules.billingAddress')} className="span-2">
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={billing.billingAddress}
                onChange={(e) => edit((b) => void (b.billingAddress = e.target.value))}
              />
            )}
          </Field>
        </div>
      </fieldset>
    </div>
  );
}

function MajorationEditor({
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
