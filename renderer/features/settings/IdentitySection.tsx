import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/domain/settings';
import { useApi } from '../../api/client';
import { Field } from '../../ui/Field';

type IdentityFields = Pick<Settings, 'legalName' | 'siren' | 'address' | 'vatMode' | 'vatRateBasisPoints'>;

/** Her legal identity as printed on every relevé d'activité: name "EI", SIREN, address, VAT regime. */
export function IdentitySection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const api = useApi();
  const [fields, setFields] = useState<IdentityFields>({
    legalName: settings.legalName,
    siren: settings.siren,
    address: settings.address,
    vatMode: settings.vatMode,
    vatRateBasisPoints: settings.vatRateBasisPoints,
  });
  const [error, setError] = useState<string | null>(null);

  async function save(patch: Partial<IdentityFields>) {
    try {
      await api.settings.update(patch);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <fieldset className="group">
      <legend>{t('settings.identity.title')}</legend>
      <p className="field__hint">{t('settings.identity.intro')}</p>
      <Field label={t('settings.identity.legalName')} hint={t('settings.identity.legalNameHint')}>
        {(p) => (
          <input
            {...p}
            value={fields.legalName}
            onChange={(e) => setFields({ ...fields, legalName: e.target.value })}
            onBlur={() => void save({ legalName: fields.legalName })}
          />
        )}
      </Field>
      <Field label={t('settings.identity.siren')} error={error}>
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            value={fields.siren}
            onChange={(e) => setFields({ ...fields, siren: e.target.value })}
            onBlur={() => void save({ siren: fields.siren })}
          />
        )}
      </Field>
      <Field label={t('settings.identity.address')}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={fields.address}
            onChange={(e) => setFields({ ...fields, address: e.target.value })}
            onBlur={() => void save({ address: fields.address })}
          />
        )}
      </Field>
      <Field label={t('settings.identity.vatMode')}>
        {(p) => (
          <select
            {...p}
            value={fields.vatMode}
            onChange={(e) => {
              const vatMode = e.target.value as IdentityFields['vatMode'];
              setFields({ ...fields, vatMode });
              void save({ vatMode });
            }}
          >
            <option value="franchise">{t('settings.identity.franchise')}</option>
            <option value="rate">{t('settings.identity.rate')}</option>
          </select>
        )}
      </Field>
      {fields.vatMode === 'rate' ? (
        <Field label={t('settings.identity.vatRate')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              max={100}
              step={0.1}
              value={fields.vatRateBasisPoints / 100}
              onChange={(e) =>
                setFields({ ...fields, vatRateBasisPoints: Math.round(Number(e.target.value.replace(',', '.')) * 100) })
              }
              onBlur={() => void save({ vatRateBasisPoints: fields.vatRateBasisPoints })}
            />
          )}
        </Field>
      ) : null}
    </fieldset>
  );
}
