import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'fr-FR');

/** What she may type: « 52,5 », « 52.50 », « 52,50 € » (the symbol and spaces are ignored). */
export function parseHundredths(text: string): number | undefined {
  const cleaned = text.replace(/[^\d,.-]/g, '').replace(',', '.');
  if (cleaned === '') return undefined;
  return Math.max(0, Math.round(Number(cleaned) * 100) || 0);
}

/** The editable form, in the interface's decimal style: « 30,00 » in French, « 30.00 » in English. */
function editable(hundredths: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(hundredths / 100);
}

/** The read form: « 30,00 € » or « 25 % » in French. */
function readable(hundredths: number, unit: 'euro' | 'percent', locale: string): string {
  return unit === 'euro'
    ? new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' }).format(hundredths / 100)
    : new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(
        hundredths / 10000,
      );
}

type MoneyInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  /** Cents for 'euro', basis points (hundredths of a percent) for 'percent'. */
  cents: number | undefined;
  /** undefined: the field was emptied (only where an empty price means "no price"). */
  onCents(cents: number | undefined): void;
  unit?: 'euro' | 'percent';
};

/**
 * An amount typed freely: while she edits it, it keeps exactly what she types (the stored value follows it);
 * otherwise it reads as the app writes amounts everywhere else (« 30,00 € », « 25 % »).
 */
export function MoneyInput({ cents, onCents, unit = 'euro', onFocus, onBlur, ...rest }: MoneyInputProps) {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const [typing, setTyping] = useState<string | null>(null);
  const shown = typing ?? (cents === undefined ? '' : readable(cents, unit, locale));
  return (
    <input
      {...rest}
      inputMode="decimal"
      value={shown}
      onFocus={(e) => {
        setTyping(cents === undefined ? '' : editable(cents, locale));
        onFocus?.(e);
      }}
      onBlur={(e) => {
        setTyping(null);
        onBlur?.(e);
      }}
      onChange={(e) => {
        setTyping(e.target.value);
        onCents(parseHundredths(e.target.value));
      }}
    />
  );
}
