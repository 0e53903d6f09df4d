import { useTranslation } from 'react-i18next';
import type { PostalAddress } from '../../../shared/domain/invoices/settings';
import { Field } from '../../ui/Field';

/** A structured postal address (street, complement, postcode, city, country), as an e-invoice needs it. */
export function AddressFields({
  value,
  onChange,
  error,
}: {
  value: PostalAddress;
  onChange(next: PostalAddress): void;
  /** The message for one of the address's fields ('postcode', 'countryCode'…), or null. */
  error(field: keyof PostalAddress): string | null;
}) {
  const { t } = useTranslation();
  const set = (field: keyof PostalAddress, text: string) => onChange({ ...value, [field]: text });
  return (
    <div className="form-grid form-grid--4">
      <Field label={t('invoices.address.line1')} error={error('line1')} className="span-2">
        {(p) => <input {...p} autoComplete="off" value={value.line1} onChange={(e) => set('line1', e.target.value)} />}
      </Field>
      <Field label={t('invoices.address.line2')} error={error('line2')} className="span-2">
        {(p) => <input {...p} autoComplete="off" value={value.line2} onChange={(e) => set('line2', e.target.value)} />}
      </Field>
      <Field label={t('invoices.address.postcode')} error={error('postcode')}>
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            autoComplete="off"
            value={value.postcode}
            onChange={(e) => set('postcode', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('invoices.address.city')} error={error('city')} className="span-2">
        {(p) => <input {...p} autoComplete="off" value={value.city} onChange={(e) => set('city', e.target.value)} />}
      </Field>
      <Field label={t('invoices.address.country')} error={error('countryCode')}>
        {(p) => (
          <input
            {...p}
            autoComplete="off"
            maxLength={2}
            value={value.countryCode}
            onChange={(e) => set('countryCode', e.target.value.toUpperCase())}
          />
        )}
      </Field>
    </div>
  );
}
