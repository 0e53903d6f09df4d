import { useTranslation } from 'react-i18next';
import {
  billingSettingsSchema,
  defaultBillingSettings,
  FORFAIT_QUOTA_UNITS,
  HOLIDAY_REGIONS,
  ROUNDING_UNITS_SECONDS,
  TASK_TYPES,
  type BillingSettings,
  type TaskType,
} from '../../../shared/domain/billing/billing-settings';
import { Field } from '../../ui/Field';
import { useEditor, useFieldError } from '../firm-editor/editor-context';
import { FirmInvoicingSection } from '../invoices/FirmInvoicingSection';
import { MajorationEditor } from './MajorationEditor';
import { MoneyInput } from './MoneyInput';

const toInt = (text: string) => Math.max(0, Math.round(Number(text)) || 0);

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
      <FirmInvoicingSection />
    </div>
  );
}
