import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import { openingStateAt } from '../../shared/domain/firm/opening';
import { isKnownPublicHoliday } from '../api/public-holidays';
import { formatWhenFrom } from '../ui/format';
import { LineStatus } from '../features/ring/LineStatus';
import { RunningTimerBadge } from '../features/timesheets/RunningTimerBadge';

/** Line state (the softphone fills it in) and whether the firm on screen is open right now. */
export function StatusBar({ firm, onSettings }: { firm: FirmDetail | null; onSettings(): void }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const opening = firm
    ? openingStateAt(
        {
          timeZone: firm.profile.timeZone,
          weeklyHours: firm.profile.weeklyHours,
          closures: firm.profile.closures,
          closedOnPublicHolidays: firm.profile.closedOnPublicHolidays,
        },
        now,
        isKnownPublicHoliday,
      )
    : null;
  return (
    <header className="status-bar">
      <span className="status-bar__brand">Permanence</span>
      <LineStatus />
      {firm && opening ? (
        <span
          className={`status-bar__firm opening--${opening.open ? 'open' : 'closed'}`}
          role="status"
          aria-label={t('status.firmLabel')}
        >
          <span className="status-bar__firm-name" title={firm.profile.name}>
            {firm.profile.name}
          </span>{' '}
          ·{' '}
          {opening.open
            ? t('opening.openUntil', { when: formatWhenFrom(opening.until, now, i18n.language, firm.profile.timeZone) })
            : t('opening.closedShort')}
        </span>
      ) : null}
      <span className="grow" />
      <RunningTimerBadge currentFirmId={firm?.id ?? null} />
      <button type="button" className="button button--plain" aria-keyshortcuts="Control+," onClick={onSettings}>
        {t('settings.title')}
      </button>
    </header>
  );
}
