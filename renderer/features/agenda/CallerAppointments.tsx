import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/domain/agenda/appointment';
import { useApi } from '../../api/client';
import { slotDay, slotTime } from './format';
import { useAgendaConfig } from './use-agenda-config';

/**
 * The caller's appointments, found by number or name, to move or cancel them in two keys: on the chosen one,
 * D opens the slot finder on its motif and agenda (Entrée there moves it), A asks once (Entrée cancels it,
 * Échap keeps it). The search starts from the caller's number when the call has one.
 */
export function CallerAppointments({
  firmId,
  initialQuery,
  onMove,
  onCancelled,
  onClose,
}: {
  firmId: string;
  initialQuery: string;
  onMove(appointment: Appointment): void;
  onCancelled(appointment: Appointment): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { view } = useAgendaConfig(firmId);
  const [query, setQuery] = useState(initialQuery);
  const [found, setFound] = useState<Appointment[] | null>(null);
  const [active, setActive] = useState(0);
  const [confirming, setConfirming] = useState<Appointment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const zone = view?.timeZone ?? 'Europe/Paris';
  const searching = query.trim().length >= 2;
  const upcoming = (searching ? (found ?? []) : []).filter((a) => a.status === 'booked' || a.status === 'moved');

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    let current = true;
    // A number as she reads it (« 06 12 34 56 78 ») is searched without its separators.
    const asNumber = /^[+\d][\d\s.()-]{5,}$/.test(q) ? q.replace(/[\s.()-]/g, '') : q;
    api.agenda.findForCaller({ firmId, query: asNumber }).then(
      (list) => {
        if (!current) return;
        setFound(list);
        setActive(0);
      },
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [api, firmId, query]);

  // Found from the caller's number: the list takes the focus so the two keys work at once.
  const searchedOnce = useRef(false);
  useEffect(() => {
    if (found === null || searchedOnce.current) return;
    searchedOnce.current = true;
    if (upcoming.length > 0) listRef.current?.focus();
    else inputRef.current?.focus();
  }, [found, upcoming.length]);

  // The last one cancelled: the list goes away, the focus goes back to the search (never to the page).
  useEffect(() => {
    if (searchedOnce.current && upcoming.length === 0 && document.activeElement === document.body) {
      inputRef.current?.focus();
    }
  }, [upcoming.length]);

  const agendaName = (id: string) => view?.config.agendas.find((a) => a.id === id)?.name ?? '';
  const motifName = (id: string) => view?.config.motifs.find((m) => m.id === id)?.name ?? '';
  const describe = (a: Appointment) =>
    t('rdv.caller.line', {
      day: slotDay(a.startsAt, i18n.language, zone),
      time: slotTime(a.startsAt, i18n.language, zone),
      motif: motifName(a.motifId),
      agenda: agendaName(a.agendaId),
    });

  async function cancel(appointment: Appointment) {
    setError(null);
    try {
      const cancelled = await api.agenda.cancel({ id: appointment.id });
      setConfirming(null);
      setFound((list) => (list ?? []).map((a) => (a.id === cancelled.id ? cancelled : a)));
      onCancelled(cancelled);
      listRef.current?.focus();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    const chosen = upcoming[active];
    if (confirming) {
      if (event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        void cancel(confirming);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setConfirming(null);
      }
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, Math.min(upcoming.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (chosen && (event.key === 'd' || event.key === 'D')) {
      event.preventDefault();
      onMove(chosen);
    } else if (chosen && (event.key === 'a' || event.key === 'A')) {
      event.preventDefault();
      setConfirming(chosen);
    }
  }

  return (
    <section
      className="rdv-caller"
      aria-label={t('rdv.caller.title')}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !confirming) {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="row">
        <h2 className="grow">{t('rdv.caller.title')}</h2>
        <span className="muted">{t('rdv.caller.keys')}</span>
        <button type="button" className="button button--plain" aria-keyshortcuts="Escape" onClick={onClose}>
          {t('rdv.finder.close')}
        </button>
      </header>
      <label className="field">
        <span>{t('rdv.caller.search')}</span>
        <input ref={inputRef} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {searching && found === null ? null : upcoming.length === 0 ? (
        <p className="muted" role="status">
          {t('rdv.caller.none')}
        </p>
      ) : (
        <ul
          ref={listRef}
          className="rdv-slots"
          role="listbox"
          tabIndex={0}
          aria-label={t('rdv.caller.list')}
          aria-activedescendant={`rdv-caller-${upcoming[active]?.id ?? ''}`}
          onKeyDown={onListKey}
        >
          {upcoming.map((a, index) => (
            <li
              key={a.id}
              id={`rdv-caller-${a.id}`}
              role="option"
              aria-selected={index === active}
              className={`rdv-slot${index === active ? ' rdv-slot--active' : ''}`}
              onClick={() => setActive(index)}
            >
              <span>{describe(a)}</span>
              <span className="muted">{a.callerName}</span>
            </li>
          ))}
        </ul>
      )}
      {confirming ? (
        <p role="alert" className="banner banner--warn">
          {t('rdv.caller.confirmCancel', { what: describe(confirming) })}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      <p className="row">
        <button
          type="button"
          className="button"
          aria-keyshortcuts="D"
          disabled={!upcoming[active]}
          onClick={() => upcoming[active] && onMove(upcoming[active])}
        >
          {t('rdv.caller.move')}
        </button>
        <button
          type="button"
          className="button button--danger"
          aria-keyshortcuts="A"
          disabled={!upcoming[active]}
          onClick={() => (confirming ? void cancel(confirming) : setConfirming(upcoming[active] ?? null))}
        >
          {confirming ? t('rdv.caller.confirm') : t('rdv.caller.cancel')}
        </button>
      </p>
    </section>
  );
}
