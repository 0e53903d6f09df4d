import { useTranslation } from 'react-i18next';
import { formatIsoDay } from './format';

/**
 * Label/value pairs of a message as she reads them back or reviews them; empty values are left out, and a date
 * answer reads as a date (« 01/03/2027 », not « 2027-03-01 »).
 */
export function ReadbackList({ rows, label }: { rows: ReadonlyArray<readonly [string, string]>; label?: string }) {
  const { i18n } = useTranslation();
  return (
    <dl className="cd-readback" aria-label={label}>
      {rows
        .filter(([, value]) => value)
        .map(([term, value]) => (
          <div key={term} className="cd-readback__row">
            <dt>{term}</dt>
            <dd>{formatIsoDay(value, i18n.language)}</dd>
          </div>
        ))}
    </dl>
  );
}
