import { useTranslation } from 'react-i18next';
import { ELECTRONIC_ADDRESS_SCHEMES, type ElectronicAddress } from '../../../shared/domain/invoices/settings';
import { Field } from '../../ui/Field';

/** An electronic invoicing address: its scheme (0002 SIREN, 0225 SIREN_suffix) and its identifier. */
export function ElectronicAddressFields({
  value,
  onChange,
  error,
  labels,
}: {
  value: ElectronicAddress;
  onChange(next: ElectronicAddress): void;
  error: string | null;
  /** i18n keys: her own address and a firm's are worded differently. */
  labels: { scheme: string; id: string; hint: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t(labels.scheme)}>
        {(p) => (
          <select
            {...p}
            value={value.scheme}
            onChange={(e) =>
              onChange({ ...value, scheme: e.target.value as (typeof ELECTRONIC_ADDRESS_SCHEMES)[number] })
            }
          >
            {ELECTRONIC_ADDRESS_SCHEMES.map((s) => (
              <option key={s} value={s}>
                {t(`invoices.scheme.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t(labels.id)} error={error} hint={t(labels.hint)}>
        {(p) => (
          <input
            {...p}
            autoComplete="off"
            value={value.id}
            onChange={(e) => onChange({ ...value, id: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
