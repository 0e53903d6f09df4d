/** Money, days and months of the invoices screens, through Intl (fr-FR first). Integer cents only. */
const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'fr-FR');

export function formatEuros(cents: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** 'YYYY-MM-DD' → « 2 déc. 2026 » (a calendar day, never shifted by a time zone). */
export function formatDay(iso: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, d),
  );
}

/** 'YYYY-MM' → « novembre 2026 ». */
export function formatMonth(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
}

/** Quantity × 10 000 → « 1,5 » (4 decimals at most, as stored). */
export function formatQuantity(quantity10k: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 4 }).format(quantity10k / 10_000);
}

/** Basis points → « 20 % ». */
export function formatRate(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}

/** 'YYYY-MM' of the month before `now` (local): invoices are issued once a month is over. */
export function previousMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Today as 'YYYY-MM-DD' in her local calendar. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * An amount typed freely in euros (« 12,50 », « 12.5 », « 1 200 € ») → cents, without going through a float;
 * null when it is not an amount (letters, more than 2 decimals, empty).
 */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '');
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** How the next invoice number reads with this prefix (the service pads the sequence to 4 digits). */
export function numberPreview(prefix: string, seq = 1): string {
  return `${prefix}${String(seq).padStart(4, '0')}`;
}
