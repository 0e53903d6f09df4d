import { useCallback, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { PermanenceClient } from '../../../shared/api';
import { CALL_OUTCOMES, callDurations, type CallOutcome, type CallRecord } from '../../../shared/domain/call';
import type { FirmSummary } from '../../../shared/domain/firm/firm';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import { ShellContext, createShellStore } from '../../app/shell-context';
import { formatDateTime } from '../../ui/format';
import { FirmSelect } from '../../ui/FirmSelect';

const idleShell = createShellStore();

function dayStart(iso: string): number | undefined {
  return iso ? new Date(`${iso}T00:00:00`).getTime() : undefined;
}

function seconds(total: number): string {
  const m = Math.floor(total / 60);
  return `${m}:${String(total % 60).padStart(2, '0')}`;
}

/** The call log (Alt+6): every call main recorded, filtered by firm, date and outcome, with call-back. */
export function CallLogView({ api, firms }: { api: PermanenceClient; firms: FirmSummary[] }) {
  const { t, i18n } = useTranslation();
  const shell = useContext(ShellContext) ?? idleShell;
  const phone = useStore(shell, (s) => s.phone);
  const [firmId, setFirmId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [outcome, setOutcome] = useState<CallOutcome | ''>('');
  const [page, setPage] = useState<{ items: CallRecord[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const toMs = dayStart(to);
    api.calls
      .list({
        ...(firmId ? { firmId } : {}),
        ...(from ? { from: dayStart(from) } : {}),
        ...(toMs !== undefined ? { to: toMs + 86_400_000 } : {}),
        ...(outcome ? { outcome } : {}),
        limit: 200,
      })
      .then(setPage, (e: Error) => setError(e.message));
  }, [api, firmId, from, to, outcome]);

  useEffect(() => {
    load();
    return api.events.subscribe('calls:changed', load);
  }, [api, load]);

  const firmName = (id: string | null) => firms.find((f) => f.id === id)?.name ?? t('phone.log.noFirm');
  return (
    <section className="call-log" aria-labelledby="call-log-title">
      <h2 id="call-log-title">{t('phone.log.title')}</h2>
      <form className="call-log__filters row" onSubmit={(e) => e.preventDefault()} aria-label={t('phone.log.filters')}>
        <label>
          {t('phone.log.firm')}{' '}
          <FirmSelect firms={firms} value={firmId} onChange={setFirmId} allLabel={t('phone.log.allFirms')} />
        </label>
        <label>
          {t('phone.log.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('phone.log.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('phone.log.outcome')}{' '}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as CallOutcome | '')}>
            <option value="">{t('phone.log.allOutcomes')}</option>
            {CALL_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`phone.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      {page ? (
        <table className="call-log__table">
          <caption>{t('phone.log.count', { count: page.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('phone.log.when')}</th>
              <th scope="col">{t('phone.log.firm')}</th>
              <th scope="col">{t('phone.log.caller')}</th>
              <th scope="col">{t('phone.log.outcome')}</th>
              <th scope="col">{t('phone.log.duration')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('phone.log.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((call) => {
              const d = callDurations(call);
              const number = call.callerNumber;
              return (
                <tr key={call.id} data-call-id={call.id}>
                  <td>{formatDateTime(call.offeredAt, i18n.language)}</td>
                  <td>
                    {firmName(call.firmId)}
                    {call.demo ? (
                      <span className="phone-card__badge phone-card__badge--demo">{t('phone.demo.badge')}</span>
                    ) : null}
                  </td>
                  <td>
                    {call.direction === 'outbound' ? '→ ' : ''}
                    {call.anonymous ? t('phone.card.anonymous') : number ? formatPhoneForDisplay(number as never) : '—'}
                    {call.callerName ? ` (${call.callerName})` : ''}
                  </td>
                  <td>{t(`phone.outcome.${call.outcome ?? 'ringing'}`)}</td>
                  <td>{call.answeredAt ? seconds(d.handledSeconds) : '—'}</td>
                  <td>
                    {number && phone ? (
                      <button
                        type="button"
                        className="button button--plain"
                        onClick={() => void phone.calls.call(number, call.firmId)}
                      >
                        {t('phone.log.callBack')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
