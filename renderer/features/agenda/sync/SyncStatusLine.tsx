import { useTranslation } from 'react-i18next';
import type { AgendaSyncView } from '../../../../shared/domain/agenda/sync';

const time = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/** Where an agenda's sync stands: last success, the error in words, writes waiting, appointments to settle. */
export function SyncStatusLine({
  view,
  busy,
  onConfirmEmpty,
}: {
  view: AgendaSyncView;
  busy: boolean;
  onConfirmEmpty: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="agenda-sync-status">
      <p role="status">
        {view.calendarUrl
          ? t('agendaSync.syncedTo', { name: view.calendarName || view.calendarUrl })
          : t('agendaSync.noCalendar')}{' '}
        {view.lastSyncAt
          ? t('agendaSync.lastSync', { at: time.format(view.lastSyncAt) })
          : view.calendarUrl
            ? t('agendaSync.neverSynced')
            : null}
      </p>
      {view.status === 'error' && view.errorCode ? (
        <p role="alert" className="banner banner--error">
          {t(`agendaSync.errors.${view.errorCode}`)}
        </p>
      ) : null}
      {view.status === 'server_empty' ? (
        <div role="alert" className="banner banner--error">
          <p>{t('agendaSync.serverEmpty')}</p>
          <button type="button" className="button" disabled={busy} onClick={onConfirmEmpty}>
            {t('agendaSync.confirmEmpty')}
          </button>
        </div>
      ) : null}
      {view.pending > 0 ? <p>{t('agendaSync.pending', { count: view.pending })}</p> : null}
      {view.issues > 0 ? (
        <p className="banner banner--warning">{t('agendaSync.issuesCount', { count: view.issues })}</p>
      ) : null}
    </div>
  );
}
