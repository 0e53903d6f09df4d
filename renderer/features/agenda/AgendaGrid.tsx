import { useTranslation } from 'react-i18next';
import type { AgendaRange } from '../../../shared/contract/methods/agenda';
import type { Agenda, Motif } from '../../../shared/domain/agenda/config';
import type { Appointment } from '../../../shared/domain/agenda/appointment';
import { addDays, minutesInDay, slotDay, slotTime, startOfDay } from './format';

/** The hours the grid shows; an appointment outside them sits at the edge rather than off the grid. */
export const GRID_FROM = 7 * 60;
export const GRID_TO = 20 * 60;
const HOUR_PX = 64;

export interface GridColumn {
  key: string;
  label: string;
  /** The local day it shows. */
  dayStart: number;
  /** The agendas it shows (one in a per-agenda view, all in a firm's day). */
  agendaIds: string[];
}

/** The columns of a view: a firm's day is one column per agenda; a week is one column per day. */
export function gridColumns(input: {
  mode: 'day' | 'week';
  start: number;
  agendas: Agenda[];
  agendaId: string;
  locale: string;
  timeZone: string;
}): GridColumn[] {
  const shown = input.agendaId ? input.agendas.filter((a) => a.id === input.agendaId) : input.agendas;
  const ids = shown.map((a) => a.id);
  if (input.mode === 'day' && !input.agendaId) {
    return shown.map((a) => ({ key: a.id, label: a.name, dayStart: input.start, agendaIds: [a.id] }));
  }
  const days = input.mode === 'day' ? 1 : 7;
  return Array.from({ length: days }, (_, i) => {
    const dayStart = addDays(input.start, i, input.timeZone);
    return { key: String(dayStart), label: slotDay(dayStart, input.locale, input.timeZone), dayStart, agendaIds: ids };
  });
}

/** A firm's week: each agenda has its own lane in the day, so two practitioners' 08:30 sit side by side. */
function lane(column: GridColumn, agendaId: string): { left?: string; width?: string } {
  const lanes = column.agendaIds.length;
  if (lanes <= 1) return {};
  const index = Math.max(0, column.agendaIds.indexOf(agendaId));
  return { left: `calc(${(index * 100) / lanes}% + 2px)`, width: `calc(${100 / lanes}% - 4px)` };
}

function top(ms: number, timeZone: string): number {
  const m = Math.min(GRID_TO, Math.max(GRID_FROM, minutesInDay(ms, timeZone)));
  return ((m - GRID_FROM) / 60) * HOUR_PX;
}

/**
 * The day or week grid: appointments as buttons (Tab goes through them in time order, Entrée shows one), the
 * practitioners' own events as hatched « occupé » blocks. Times are the firm's.
 */
export function AgendaGrid({
  columns,
  range,
  agendas,
  motifs,
  timeZone,
  selectedId,
  onSelect,
}: {
  columns: GridColumn[];
  range: AgendaRange;
  agendas: Agenda[];
  motifs: Motif[];
  timeZone: string;
  selectedId: string | null;
  onSelect(appointment: Appointment): void;
}) {
  const { t, i18n } = useTranslation();
  const hours = Array.from({ length: (GRID_TO - GRID_FROM) / 60 }, (_, i) => GRID_FROM / 60 + i);
  const motifOf = (id: string) => motifs.find((m) => m.id === id);
  const agendaOf = (id: string) => agendas.find((a) => a.id === id);
  const inColumn = (c: GridColumn, agendaId: string, at: number) =>
    c.agendaIds.includes(agendaId) && startOfDay(at, timeZone) === c.dayStart;
  return (
    <div className="rdv-grid" style={{ ['--rdv-cols' as string]: columns.length }}>
      <div className="rdv-grid__head" aria-hidden="true">
        <span />
        {columns.map((c) => (
          <span key={c.key} className="rdv-grid__col-label">
            {c.label}
          </span>
        ))}
      </div>
      <div className="rdv-grid__body" style={{ height: hours.length * HOUR_PX }}>
        <div className="rdv-grid__hours" aria-hidden="true">
          {hours.map((h) => (
            <span key={h} style={{ top: (h - GRID_FROM / 60) * HOUR_PX }}>
              {String(h).padStart(2, '0')}:00
            </span>
          ))}
        </div>
        {columns.map((c) => {
          const appointments = range.appointments
            .filter((a) => a.status !== 'cancelled' && inColumn(c, a.agendaId, a.startsAt))
            .sort((a, b) => a.startsAt - b.startsAt);
          const busy = range.busy.filter((b) => !b.transparent && inColumn(c, b.agendaId, b.startsAt));
          return (
            <section key={c.key} className="rdv-grid__col" aria-label={c.label}>
              {busy.map((b) => (
                <div
                  key={b.id}
                  className="rdv-busy"
                  style={{
                    ...lane(c, b.agendaId),
                    top: top(b.startsAt, timeZone),
                    height: top(b.endsAt, timeZone) - top(b.startsAt, timeZone),
                  }}
                >
                  {t('rdv.views.busy')}
                </div>
              ))}
              {appointments.map((a) => {
                const motif = motifOf(a.motifId);
                const agenda = agendaOf(a.agendaId);
                const time = `${slotTime(a.startsAt, i18n.language, timeZone)}–${slotTime(a.endsAt, i18n.language, timeZone)}`;
                return (
                  <button
                    key={a.id}
                    type="button"
                    className={`rdv-appt rdv-appt--${a.status}${selectedId === a.id ? ' rdv-appt--selected' : ''}`}
                    style={{
                      ...lane(c, a.agendaId),
                      top: top(a.startsAt, timeZone),
                      height: Math.max(18, top(a.endsAt, timeZone) - top(a.startsAt, timeZone) - 2),
                      borderLeftColor: motif?.color ?? agenda?.color ?? '#336699',
                    }}
                    aria-pressed={selectedId === a.id}
                    aria-label={t('rdv.views.appointmentLabel', {
                      time,
                      caller: a.callerName || t('rdv.views.noName'),
                      motif: motif?.name ?? '',
                      agenda: agenda?.name ?? '',
                    })}
                    onClick={() => onSelect(a)}
                  >
                    <strong>{slotTime(a.startsAt, i18n.language, timeZone)}</strong> {a.callerName}
                    <span className="rdv-appt__motif">
                      {motif?.name}
                      {columns.length > 1 && c.agendaIds.length > 1 ? ` · ${agenda?.name ?? ''}` : ''}
                    </span>
                  </button>
                );
              })}
            </section>
          );
        })}
      </div>
    </div>
  );
}
