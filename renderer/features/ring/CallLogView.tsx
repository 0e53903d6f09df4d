import { useCallback, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { PermanenceClient } from '../../../shared/api';
import { CALL_OUTCOMES, callDurations, type CallLogItem, type CallOutcome } from '../../../shared/domain/call';
import type { FirmSummary } from '../../../shared/domain/firm/firm';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import { ShellContext, createShellStore } from '../../app/shell-context';
import { formatDateTime } from '../../ui/format';
import { FirmSelect } from '../../ui/FirmSelect';
import { zoneDiffers, zoneLabel } from '../../ui/zone';
import { CallMessageDialog } from './CallMessageDialog';

const idleShell = createShellStore();

function dayStart(iso: string): number | undefined {
  return iso ? new Date(`${iso}T00:00:00`).getTime() : undefined;
}

function seconds(total: number): string {
  const m = Math.floor(total / 60);
  return `${m}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The call log (Alt+6): every call main recorded, filtered by firm, date and outcome; who it was with in words,
 * the message taken on it (opened here), times in the firm's zone, and call-back when a line is configured.
 */
export function CallLogView({ api, firms }: { api: PermanenceClient; firms: FirmSummary[] }) {
  const { t, i18n } = useTranslation();
  const shell = useContext(ShellContext) ?? idleShell;
  const phone = useStore(shell, (s) => s.phone);
  const [firmId, setFirmId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [outcome, setOutcome] = useState<CallOutcome | ''>('');
  const [page, setPage] = useState<{ items: CallLogItem[]; total: number } | null>(null);
  const [openMessage, setOpenMessage] = useState<string | null>(null);
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
  const zoneOf = (id: string | null) => firms.find((f) => f.id === id)?.timeZone;
  // Calling back needs a real line: on the demo line it would only pretend a connected call.
  const canCall = Boolean(phone?.account);
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
      {page && !canCall ? (
        <p id="call-back-reason" className="muted call-log__note">
          {t('phone.log.callBackNeedsLine')}
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
              <th scope="col">{t('phone.log.message')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('phone.log.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((call) => {
              const d = callDurations(call);
              const number = call.callerNumber;
              const zone = zoneOf(call.firmId);
              const formatted = number ? formatPhoneForDisplay(number) : '';
              const who = call.anonymous ? t('phone.card.anonymous') : call.counterpart || formatted || '—';
              const callBackBlocked = !canCall ? 'call-back-reason' : call.demo ? `call-back-demo-${call.id}` : null;
              return (
                <tr key={call.id} data-call-id={call.id}>
                  <td>
                    {formatDateTime(call.offeredAt, i18n.language, zone)}
                    {zone && zoneDiffers(zone, call.offeredAt) ? (
                      <span className="zone-note">{zoneLabel(zone, call.offeredAt, i18n.language)}</span>
                    ) : null}
                  </td>
                  <td>
                    {firmName(call.firmId)}
                    {call.demo ? <span className="phone-card__badge badge--after">{t('phone.demo.badge')}</span> : null}
                  </td>
                  <td>
                    {call.direction === 'outbound' ? (
                      <span aria-label={t('phone.log.outgoing')} title={t('phone.log.outgoing')}>
                        {'→ '}
                      </span>
                    ) : null}
                    {who}
                    {formatted && who !== formatted ? <span className="muted"> · {formatted}</span> : null}
                  </td>
                  <td>{t(`phone.outcome.${call.outcome ?? 'ringing'}`)}</td>
                  <td>{call.answeredAt ? seconds(d.handledSeconds) : '—'}</td>
                  <td>
                    {call.messageId ? (
                      <button
                        type="button"
                        className="button button--plain"
                        aria-label={t('phone.log.openMessageOf', { who })}
                        onClick={() => setOpenMessage(call.messageId)}
                      >
                        {t('phone.log.openMessage')}
                      </button>
                    ) : null}
                  </td>
                  <td>
                    {number ? (
                      <>
                        <button
                          type="button"
                          className="button button--plain"
                          disabled={callBackBlocked !== null}
                          aria-describedby={callBackBlocked ?? undefined}
                          onClick={() => void phone?.calls.call(number, call.firmId)}
                        >
                          {t('phone.log.callBack')}
                        </button>
                        {canCall && call.demo ? (
                          <span id={`call-back-demo-${call.id}`} className="visually-hidden">
                            {t('phone.log.callBackDemo')}
                          </span>
                        ) : null}
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {openMessage ? (
        <CallMessageDialog
          api={api}
          messageId={openMessage}
          firmName={(id) => firmName(id)}
          zoneOf={(id) => zoneOf(id)}
          onClose={() => setOpenMessage(null)}
        />
      ) : null}
    </section>
  );
}
