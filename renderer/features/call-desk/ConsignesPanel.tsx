import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmDetail } from '../../../shared/domain/firm/aggregate';
import { consignesNow } from '../../../shared/domain/message-consignes';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import { isKnownPublicHoliday } from '../../api/public-holidays';
import { useDial } from '../../app/use-dial';
import { formatDateTime, formatIsoDay, formatWhenFrom } from '../../ui/format';
import { SafeMarkdown } from '../../ui/SafeMarkdown';

interface ConsignesPanelProps {
  firm: FirmDetail;
  /** Set when the consignes changed since her last call for this firm. */
  changedSince?: number | null;
  now?: () => number;
}

/** The firm's consignes beside the script, with what applies right now on top. */
export function ConsignesPanel({ firm, changedSince = null, now = Date.now }: ConsignesPanelProps) {
  const { t, i18n } = useTranslation();
  const dial = useDial(firm.id);
  const [instant, setInstant] = useState(now);
  useEffect(() => {
    const timer = window.setInterval(() => setInstant(now()), 30_000);
    return () => window.clearInterval(timer);
  }, [now]);
  const zone = firm.profile.timeZone;
  const applies = consignesNow(firm, instant, isKnownPublicHoliday);
  const rules = firm.consignes.rules;
  const when = (ms: number) => formatWhenFrom(ms, instant, i18n.language, zone);
  const opening = applies.opening;

  return (
    <aside className="cd-consignes" aria-labelledby="cd-consignes-title">
      <h2 id="cd-consignes-title">{t('callDesk.consignes.title')}</h2>
      {changedSince !== null ? (
        <p className="banner cd-banner-changed" role="alert">
          {t('callDesk.consignes.changed', {
            version: firm.consignes.version,
            by: firm.consignes.changedBy,
            when: formatDateTime(firm.consignes.changedAt, i18n.language, zone),
          })}
        </p>
      ) : null}
      <section className="cd-now" aria-labelledby="cd-now-title">
        <h3 id="cd-now-title">{t('callDesk.consignes.now')}</h3>
        <p className={`opening opening--${opening.open ? 'open' : 'closed'}`}>
          {opening.open
            ? t('opening.openUntil', { when: when(opening.until) })
            : opening.nextOpening
              ? t(`opening.closed.${opening.reason}`, {
                  when: when(opening.nextOpening),
                  label: opening.closureLabel ?? '',
                })
              : t('opening.neverOpen')}
        </p>
        {applies.absent.length > 0 ? (
          <ul className="cd-absent" aria-label={t('callDesk.consignes.absentToday')}>
            {applies.absent.map((a) => (
              <li key={a.person.id}>
                {t('callDesk.consignes.absent', {
                  name: a.person.name,
                  until: formatIsoDay(a.until, i18n.language),
                  note: a.note,
                })}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {rules.neverDisclose.length > 0 ? (
        <section className="cd-never" aria-labelledby="cd-never-title">
          <h3 id="cd-never-title">⚠ {t('callDesk.consignes.neverDisclose')}</h3>
          <ul>
            {rules.neverDisclose.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {rules.identityChecks.length > 0 ? (
        <section aria-labelledby="cd-identity-title">
          <h3 id="cd-identity-title">
            {t('callDesk.consignes.identityChecks')}
            {rules.identityCheckRequired ? (
              <span className="badge badge--required"> {t('callDesk.consignes.required')}</span>
            ) : null}
          </h3>
          <ul>
            {rules.identityChecks.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {applies.transfers.length > 0 ? (
        <section aria-labelledby="cd-transfer-title">
          <h3 id="cd-transfer-title">{t('callDesk.consignes.transfers')}</h3>
          <ul className="cd-transfers">
            {applies.transfers.map((rule, index) => (
              <li key={index} className={rule.available ? '' : 'cd-transfers__off'}>
                <strong>{rule.when}</strong> → {rule.person?.name ?? t('callDesk.consignes.nobody')}
                {rule.person?.transferTarget ? ` (${displayTarget(rule.person.transferTarget)})` : ''}
                {!rule.available ? ` — ${t('callDesk.consignes.absentNow')}` : ''}
                {rule.note ? <span className="muted"> — {rule.note}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rules.urgentDefinition ? (
        <section aria-labelledby="cd-urgent-title">
          <h3 id="cd-urgent-title">{t('callDesk.consignes.urgentDefinition')}</h3>
          <p>{rules.urgentDefinition}</p>
        </section>
      ) : null}
      {rules.vipCallers.length > 0 ? (
        <section aria-labelledby="cd-vip-title">
          <h3 id="cd-vip-title">{t('callDesk.consignes.vip')}</h3>
          <ul>
            {rules.vipCallers.map((vip) => (
              <li key={vip.name}>
                {vip.name}
                {vip.phone ? ` (${formatPhoneForDisplay(vip.phone)})` : ''}
                {vip.note ? <span className="muted"> — {vip.note}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {firm.consignes.body ? (
        <section className="markdown cd-consignes__body" aria-label={t('callDesk.consignes.body')}>
          <SafeMarkdown onDial={dial}>{firm.consignes.body}</SafeMarkdown>
        </section>
      ) : null}
    </aside>
  );
}

function displayTarget(target: string): string {
  return target.startsWith('+') ? formatPhoneForDisplay(target) : target;
}
