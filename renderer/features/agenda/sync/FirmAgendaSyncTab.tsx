import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaConfigView } from '../../../../shared/contract/methods/agenda';
import { useApi } from '../../../api/client';
import { AgendaSyncSection } from './AgendaSyncSection';

/** The firm editor's « Synchronisation des agendas » tab: the firm's agendas as its agenda set-up lists them. */
export function FirmAgendaSyncTab({ firmId }: { firmId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [view, setView] = useState<AgendaConfigView | null>(null);
  useEffect(() => {
    void api.agenda.config({ firmId }).then(setView);
  }, [api, firmId]);
  if (!view) return <p role="status">{t('agendaSync.loading')}</p>;
  return (
    <AgendaSyncSection
      firmId={firmId}
      timeZone={view.timeZone}
      agendas={view.config.agendas.filter((a) => a.active).map((a) => ({ id: a.id, name: a.name }))}
    />
  );
}
