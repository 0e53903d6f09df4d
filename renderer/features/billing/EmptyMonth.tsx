import { useTranslation } from 'react-i18next';
import type { MonthOverviewRow } from '../../../shared/contract/methods/timesheets';
import { currentMonth } from './format';

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function monthName(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, 1));
}

/** Why Facturation shows nothing this month, and the way to the month before. */
export function EmptyMonth({
  month,
  rows,
  onMonth,
}: {
  month: string;
  rows: MonthOverviewRow[];
  onMonth(month: string): void;
}) {
  const { t, i18n } = useTranslation();
  const demo = rows.reduce((sum, r) => sum + r.demoEntryCount, 0);
  const previous = shift(month, -1);
  return (
    <div className="empty-state billing-empty" role="status">
      <p>{t('timesheets.billing.empty.nothing', { month: monthName(month, i18n.language) })}</p>
      {month === currentMonth() ? <p>{t('timesheets.billing.empty.current')}</p> : null}
      {demo > 0 ? <p>{t('timesheets.billing.empty.demo', { count: demo })}</p> : null}
      <button type="button" className="button" onClick={() => onMonth(previous)}>
        {t('timesheets.billing.empty.previous', { month: monthName(previous, i18n.language) })}
      </button>
    </div>
  );
}
