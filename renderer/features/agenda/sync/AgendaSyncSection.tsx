import { useTranslation } from 'react-i18next';
import { AgendaSyncAccount } from './AgendaSyncAccount';
import { SyncIssues } from './SyncIssues';

/**
 * « Synchronisation »: the part of a firm's agenda settings that links each agenda to the practitioner's own
 * calendar (CalDAV: Nextcloud, Radicale, iCloud, Fastmail, SOGo…), with what waits for her choice.
 */
export function AgendaSyncSection({
  firmId,
  timeZone,
  agendas,
}: {
  firmId: string;
  timeZone: string;
  agendas: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  return (
    <section className="agenda-sync" aria-labelledby={`agenda-sync-${firmId}`}>
      <h2 id={`agenda-sync-${firmId}`}>{t('agendaSync.title')}</h2>
      <p className="field__hint">{t('agendaSync.intro')}</p>
      <details>
        <summary>{t('agendaSync.providers.title')}</summary>
        <ul>
          <li>{t('agendaSync.providers.nextcloud')}</li>
          <li>{t('agendaSync.providers.icloud')}</li>
          <li>{t('agendaSync.providers.fastmail')}</li>
          <li>{t('agendaSync.providers.google')}</li>
        </ul>
      </details>
      <SyncIssues firmId={firmId} timeZone={timeZone} />
      {agendas.length === 0 ? <p>{t('agendaSync.noAgenda')}</p> : null}
      {agendas.map((agenda) => (
        <AgendaSyncAccount key={agenda.id} agendaId={agenda.id} agendaName={agenda.name} />
      ))}
    </section>
  );
}
