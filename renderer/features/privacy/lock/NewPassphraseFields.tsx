import { useTranslation } from 'react-i18next';
import { PASSPHRASE_LENGTH } from '../../../../shared/domain/lock';
import { Field } from '../../../ui/Field';

export interface NewPassphrase {
  next: string;
  confirm: string;
}

/** The sentence to show under the fields, or null when the new passphrase can be sent. */
export function newPassphraseProblem(value: NewPassphrase, t: (key: string) => string): string | null {
  if (value.next.length < PASSPHRASE_LENGTH.min) return t('lock.errors.passphraseTooShort');
  if (value.next !== value.confirm) return t('lock.passphrase.mismatch');
  return null;
}

/** A new passphrase typed twice. */
export function NewPassphraseFields({
  value,
  onChange,
  error,
  autoFocus = false,
}: {
  value: NewPassphrase;
  onChange(value: NewPassphrase): void;
  error: string | null;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('lock.passphrase.new')} hint={t('lock.passphrase.newHint')}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            autoFocus={autoFocus}
            maxLength={PASSPHRASE_LENGTH.max}
            value={value.next}
            onChange={(e) => onChange({ ...value, next: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('lock.passphrase.confirm')} error={error}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            maxLength={PASSPHRASE_LENGTH.max}
            value={value.confirm}
            onChange={(e) => onChange({ ...value, confirm: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
