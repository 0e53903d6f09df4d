import './agenda.css';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { AgendaRange } from '../../../shared/contract/methods/agenda';
import type { Appointment } from '../../../shared/domain/agenda/appointment';
import type { ViewProps } from '../../app/views';
import { FirmSelect } from '../../ui/FirmSelect';
import { showNotice } from '../../ui/Notices';
import { AgendaGrid, gridColumns } from './AgendaGrid';
import { AppointmentDetail } from './AppointmentDetail';
import { addDays, isoDate, longDay, slotDay, slotTime, startOfDay, startOfWeek } from './format';
import { useAgendaConfig } from './use-agenda-config';

type Mode = 'day' | 'week';

function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * « Agenda »: a firm's day (one column per agenda) or one agenda's day, a week; keyboard first: ←/→ the previous
 * or next day or week, T today, L the next free slot, J/S day or week, P prints the practitioner's day sheet.
 */
export function AgendaView({ api, firmsStore }: ViewProps) {
  const { t, i18n } = useTranslation();
  const firms = useStore(firmsStore, (s) => s.firms);
  const [chosenFirm, setChosenFirm] = useState('');
  const firmId = chosenFirm || firms[0]?.id || '';
  const { view } = useAgendaConfig(firmId || null);
  const zone = view?.timeZone ?? 'Europe/Paris';
  const [agendaId, setAgendaId] = useState('');
  const [mode, setMode] = useState<Mode>('day');
  const [anchor, setAnchor] = useState(() => Date.now());
  const [range, setRange] = useState<AgendaRange | null>(null);
  const [selected, setSelected] = useState<Appointment | null>(null);
  const agendas = (view?.config.agendas ?? []).filter((a) => a.active);
  const start = mode === 'day' ? startOfDay(anchor, zone) : startOfWeek(anchor, zone);

  const load = useCallback(() => {
    if (!firmId || !view) return;
    void api.agenda
      .list({ firmId, agendaId: agendaId || null, from: start, days: mode === 'day' ? 1 : 7 })
      .then(setRange, (e: Error) => showNotice({ text: e.message }));
  }, [api, firmId, view, agendaId, start, mode]);

  useEffect(() => {
    load();
    return api.events.subscribe('agenda:changed', (p) => {
      if (p.firmId === firmId) load();
    });
  }, [api, firmId, load]);

  async function nextFree() {
    const offered = view?.config.motifs.filter((m) => !agendaId || m.agendaIds.includes(agendaId)) ?? [];
    const motif = offered[0];
    if (!motif) return showNotice({ text: t('rdv.views.nextFreeNone') });
    const [slot] = await api.agenda.findSlots({
      firmId,
      motifId: motif.id,
      agendaIds: agendaId ? [agendaId] : [],
      // From the day shown (never before now: the service starts at now at the earliest).
      from: start,
      limit: 1,
    });
    if (!slot) return showNotice({ text: t('rdv.views.nextFreeNone') });
    setAnchor(slot.startsAt);
    showNotice({
      text: t('rdv.views.nextFreeFound', {
        day: longDay(slot.startsAt, i18n.language, zone),
        time: slotTime(slot.startsAt, i18n.language, zone),
        agenda: agendas.find((a) => a.id === slot.agendaId)?.name ?? '',
        motif: motif.name,
      }),
    });
  }

  async function print() {
    const target = agendaId || agendas[0]?.id;
    if (!target) return;
    const sheet = await api.agenda.daySheet({ firmId, agendaId: target, date: isoDate(anchor, zone) });
    download(sheet.fileName, sheet.base64);
    showNotice({ text: t('rdv.views.printed', { file: sheet.fileName }) });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const tag = (event.target as HTMLElement).tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const step = mode === 'day' ? 1 : 7;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => setAnchor(addDays(anchor, -step, zone)),
      ArrowRight: () => setAnchor(addDays(anchor, step, zone)),
      t: () => setAnchor(Date.now()),
      l: () => void nextFree(),
      j: () => setMode('day'),
      s: () => setMode('week'),
      p: () => void print(),
    };
    const action = actions[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const title =
    mode === 'day'
      ? longDay(start, i18n.language, zone)
      : t('rdv.views.weekOf', {
          from: slotDay(start, i18n.language, zone),
          to: slotDay(addDays(start, 6, zone), i18n.language, zone),
        });
  return (
    <div className="content rdv-view" onKeyDown={onKeyDown}>
      <div className="row rdv-view__bar">
        <h1>{t('rdv.views.title')}</h1>
        <label className="field field--inline">
          <span>{t('rdv.views.firm')}</span>
          <FirmSelect firms={firms} value={firmId} onChange={(id) => (setChosenFirm(id), setAgendaId(''))} />
        </label>
        <label className="field field--inline">
          <span>{t('rdv.views.agenda')}</span>
          <select value={agendaId} onChange={(e) => setAgendaId(e.target.value)}>
            <option value="">{t('rdv.views.allAgendas')}</option>
            {agendas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row rdv-view__bar" role="toolbar" aria-label={t('rdv.views.toolbar')}>
        <div className="segmented" role="group" aria-label={t('rdv.views.mode')}>
          {(['day', 'week'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={`button${mode === m ? ' button--primary' : ''}`}
              aria-pressed={mode === m}
              aria-keyshortcuts={m === 'day' ? 'J' : 'S'}
              onClick={() => setMode(m)}
            >
              {t(`rdv.views.${m}`)}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button"
          aria-keyshortcuts="ArrowLeft"
          onClick={() => setAnchor(addDays(anchor, mode === 'day' ? -1 : -7, zone))}
        >
          ← {t('rdv.views.previous')}
        </button>
        <button type="button" className="button" aria-keyshortcuts="T" onClick={() => setAnchor(Date.now())}>
          {t('rdv.views.today')}
        </button>
        <button
          type="button"
          className="button"
          aria-keyshortcuts="ArrowRight"
          onClick={() => setAnchor(addDays(anchor, mode === 'day' ? 1 : 7, zone))}
        >
          {t('rdv.views.next')} →
        </button>
        <button type="button" className="button" aria-keyshortcuts="L" onClick={() => void nextFree()}>
          {t('rdv.views.nextFree')}
        </button>
        <span className="grow" />
        <button
          type="button"
          className="button"
          aria-keyshortcuts="P"
          disabled={agendas.length === 0}
          onClick={() => void print()}
        >
          {t('rdv.views.print')}
        </button>
      </div>
      <p className="muted rdv-view__keys">{t('rdv.views.keys')}</p>
      <h2 className="rdv-view__title" aria-live="polite">
        {title}
      </h2>
      {!view ? (
        <p className="muted">{t('rdv.finder.loading')}</p>
      ) : agendas.length === 0 ? (
        <p className="muted">{t('rdv.views.noAgenda')}</p>
      ) : (
        <div className="rdv-view__main" role="region" tabIndex={0} aria-label={t('rdv.views.grid', { title })}>
          <AgendaGrid
            columns={gridColumns({ mode, start, agendas, agendaId, locale: i18n.language, timeZone: zone })}
            range={range ?? { appointments: [], busy: [] }}
            agendas={agendas}
            motifs={view.config.motifs}
            timeZone={zone}
            selectedId={selected?.id ?? null}
            onSelect={setSelected}
          />
          {selected ? (
            <AppointmentDetail
              appointment={selected}
              config={view.config}
              timeZone={zone}
              onClose={() => setSelected(null)}
            />
          ) : null}
        </div>
      )}
    </div>
  );
}
