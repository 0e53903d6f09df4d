import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { weeklyHoursSchema, type Closure, type WeeklyHours } from '../../../shared/domain/firm/hours';
import { openingStateAt } from '../../../shared/domain/firm/opening';
import { isKnownPublicHoliday } from '../../api/public-holidays';
import { formatWhenFrom } from '../../ui/format';
import { useEditor } from './editor-context';

/** "Ouvert jusqu'à 12:30" for the draft as typed, refreshed every minute. */
export function OpeningPreview() {
  const { t, i18n } = useTranslation();
  const profile = useEditor((s) => s.draft.profile);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const hours = weeklyHoursSchema.safeParse(profile.weeklyHours);
  if (!hours.success) return null;
  const zone = profile.timeZone ?? 'Europe/Paris';
  const state = openingStateAt(
    {
      timeZone: zone,
      weeklyHours: hours.data as WeeklyHours,
      closures: (profile.closures ?? []) as Closure[],
      closedOnPublicHolidays: profile.closedOnPublicHolidays ?? true,
    },
    now,
    isKnownPublicHoliday,
  );
  const when = (ms: number) => formatWhenFrom(ms, now, i18n.language, zone);
  return (
    <p className={`opening opening--${state.open ? 'open' : 'closed'}`} role="status">
      {state.open
        ? t('opening.openUntil', { when: when(state.until) })
        : state.nextOpening
          ? t(`opening.closed.${state.reason}`, { when: when(state.nextOpening), label: state.closureLabel ?? '' })
          : t('opening.neverOpen')}
    </p>
  );
}
