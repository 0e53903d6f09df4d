import { useTranslation } from 'react-i18next';
import type { AgendaConfig } from '../../../shared/domain/agenda/config';
import type { Appointment } from '../../../shared/domain/agenda/appointment';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import { longDay, slotTime } from './format';

/** One appointment of the grid, in full: when, with whom, the caller, the note, its status. */
export function AppointmentDetail({
  appointment: a,
  config,
  timeZone,
  onClose,
}: {
  appointment: Appointment;
  config: AgendaConfig;
  timeZone: string;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const motif = config.motifs.find((m) => m.id === a.motifId);
  const agenda = config.agendas.find((x) => x.id === a.agendaId);
  return (
    <aside
      className="rdv-detail"
      aria-label={t('rdv.views.detail')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h3>
        {motif?.name} — {agenda?.name}
      </h3>
      <p>
        {t('rdv.views.when', {
          day: longDay(a.startsAt, i18n.language, timeZone),
          from: slotTime(a.startsAt, i18n.language, timeZone),
          to: slotTime(a.endsAt, i18n.language, timeZone),
        })}
      </p>
      <dl className="rdv-detail__facts">
        <dt>{t('rdv.finder.caller')}</dt>
        <dd>
          {a.callerName || t('rdv.views.noName')}
          {a.newCaller ? ` · ${t('rdv.finder.newCaller')}` : ''}
        </dd>
        {a.callerPhone ? (
          <>
            <dt>{t('rdv.finder.callerPhone')}</dt>
            <dd>{formatPhoneForDisplay(a.callerPhone)}</dd>
          </>
        ) : null}
        {a.note ? (
          <>
            <dt>{t('rdv.finder.note')}</dt>
            <dd>{a.note}</dd>
          </>
        ) : null}
        <dt>{t('rdv.views.status')}</dt>
        <dd>{t(`rdv.status.${a.status}`)}</dd>
        {a.forcedReason ? (
          <>
            <dt>{t('rdv.views.forced')}</dt>
            <dd>{a.forcedReason}</dd>
          </>
        ) : null}
      </dl>
      <button type="button" className="button button--plain" aria-keyshortcuts="Escape" onClick={onClose}>
        {t('rdv.finder.close')}
      </button>
    </aside>
  );
}
