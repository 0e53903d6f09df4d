import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentSyncIssue } from '../../../../shared/domain/agenda/sync';
import { useApi } from '../../../api/client';

/**
 * The firm's appointments the sync cannot settle alone: changed on both sides (she chooses the version kept) or
 * deleted in the practitioner's calendar (« annulé côté cabinet »: she re-creates it or cancels it here).
 */
export function SyncIssues({ firmId, timeZone }: { firmId: string; timeZone: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [issues, setIssues] = useState<AppointmentSyncIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const format = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone });
  const hour = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone });

  const refresh = useCallback(() => api.caldav.issues({ firmId }).then(setIssues), [api, firmId]);
  useEffect(() => {
    void api.caldav.issues({ firmId }).then(setIssues);
    return api.events.subscribe('caldav:changed', () => void api.caldav.issues({ firmId }).then(setIssues));
  }, [api, firmId]);

  async function resolve(appointmentId: string, keep: 'permanence' | 'server') {
    setError(null);
    try {
      await api.caldav.resolve({ appointmentId, keep });
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (issues.length === 0) return null;
  return (
    <section className="agenda-sync-issues" aria-label={t('agendaSync.issuesTitle')}>
      <h3>{t('agendaSync.issuesTitle')}</h3>
      <ul>
        {issues.map((issue) => (
          <li key={issue.appointmentId}>
            <p>
              <strong>{issue.local.callerName || t('agendaSync.unnamed')}</strong> —{' '}
              {t('agendaSync.ours', { at: format.format(issue.local.startsAt) })}
            </p>
            <p>
              {issue.kind === 'cancelled_remote'
                ? t('agendaSync.cancelledRemote')
                : issue.server?.cancelled
                  ? t('agendaSync.theirsCancelled')
                  : t('agendaSync.theirs', {
                      at: format.format(issue.server!.startsAt),
                      end: hour.format(issue.server!.endsAt),
                    })}
              {issue.server && !issue.server.cancelled && !issue.server.slotFree ? ` ${t('agendaSync.slotTaken')}` : ''}
            </p>
            <div className="row">
              <button type="button" className="button" onClick={() => void resolve(issue.appointmentId, 'permanence')}>
                {issue.kind === 'cancelled_remote' ? t('agendaSync.recreate') : t('agendaSync.keepOurs')}
              </button>
              <button type="button" className="button" onClick={() => void resolve(issue.appointmentId, 'server')}>
                {issue.kind === 'cancelled_remote' ? t('agendaSync.acceptCancel') : t('agendaSync.keepTheirs')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
