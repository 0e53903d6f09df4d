import './agenda.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaAvailability } from '../../../shared/contract/methods/agenda';
import { useApi } from '../../api/client';
import { longDay, slotTime, startOfDay } from './format';

/** Past this age, the line says how old the local copy of the calendar is. */
export const STALE_AFTER_MS = 5 * 60_000;
/** Without a usual person, the card names at most this many agendas. */
const AT_MOST = 3;

/**
 * The agenda whose person this caller usually asks for: the one of most of their appointments (ties: the
 * latest). Null when they have none: the card then shows every agenda (a small practice has two or three).
 */
export function usualAgenda(appointments: ReadonlyArray<{ agendaId: string; startsAt: number }>): string | null {
  const count = new Map<string, { n: number; last: number }>();
  for (const a of appointments) {
    const c = count.get(a.agendaId) ?? { n: 0, last: 0 };
    count.set(a.agendaId, { n: c.n + 1, last: Math.max(c.last, a.startsAt) });
  }
  let best: string | null = null;
  let bestCount = { n: 0, last: 0 };
  for (const [id, c] of count) {
    if (c.n > bestCount.n || (c.n === bestCount.n && c.last > bestCount.last)) {
      best = id;
      bestCount = c;
    }
  }
  return best;
}

function ageText(ms: number, t: (key: string, values?: Record<string, unknown>) => string): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return t('rdv.ring.ageMinutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('rdv.ring.ageHours', { count: hours });
  return t('rdv.ring.ageDays', { count: Math.floor(hours / 24) });
}

/**
 * At ring time: whether the person the caller usually asks for is free now and until when (« Dr Morel : en
 * consultation jusqu’à 11:30 »), read by main from the local store only: no network while it rings. When the
 * calendar's last sync is older than five minutes, the line says how old it is.
 */
export function RingAvailability({ firmId, callerE164 }: { firmId: string; callerE164: string | null }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [lines, setLines] = useState<AgendaAvailability[] | null>(null);
  const [now] = useState(() => Date.now());

  useEffect(() => {
    let current = true;
    void (async () => {
      try {
        const all = await api.agenda.availability({ firmId });
        if (all.length === 0 || !current) return setLines([]);
        const theirs = callerE164 ? await api.agenda.findForCaller({ firmId, query: callerE164 }) : [];
        const usual = usualAgenda(theirs.filter((a) => a.status !== 'cancelled'));
        if (current) setLines(usual ? all.filter((a) => a.agendaId === usual) : all.slice(0, AT_MOST));
      } catch {
        // The line is a help, never a blocker: a firm without an agenda, or an error, shows nothing.
        if (current) setLines([]);
      }
    })();
    return () => {
      current = false;
    };
  }, [api, firmId, callerE164]);

  if (!lines || lines.length === 0) return null;
  return (
    <ul className="phone-card__availability" aria-label={t('rdv.ring.label')}>
      {lines.map((line) => {
        const a = line.availability;
        const until = a.until === null ? '' : slotTime(a.until, i18n.language, line.timeZone);
        const laterDay =
          a.until !== null && startOfDay(a.until, line.timeZone) !== startOfDay(now, line.timeZone)
            ? longDay(a.until, i18n.language, line.timeZone)
            : null;
        const key =
          a.state === 'busy'
            ? a.reason === 'appointment'
              ? 'busyAppointment'
              : 'busyEvent'
            : a.state === 'absent'
              ? laterDay
                ? 'absentUntilDay'
                : 'absent'
              : a.state;
        const age = line.syncedAt != null && now - line.syncedAt > STALE_AFTER_MS ? now - line.syncedAt : null;
        return (
          <li key={line.agendaId} className={`phone-card__availability-line availability--${a.state}`}>
            {t(`rdv.ring.${key}`, { name: line.agendaName, until, day: laterDay ?? '' })}
            {age !== null ? (
              <span className="phone-card__muted"> · {t('rdv.ring.age', { age: ageText(age, t) })}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
