import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

function elapsed(from: number | null, now: number): string {
  if (from === null) return '0:00';
  const s = Math.max(0, Math.floor((now - from) / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The call timer re-renders itself every second, not the whole card (greeting, consignes, history): the less the
 * page does each second, the sooner sip.js answers the next INVITE.
 */
export function CallTimer({ from, to, running }: { from: number | null; to: number | null; running: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return (
    <span className="phone-card__timer" role="timer" aria-label={t('phone.card.timer')}>
      {elapsed(from, to ?? now)}
    </span>
  );
}
