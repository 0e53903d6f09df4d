import './agenda.css';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/domain/agenda/appointment';
import type { DayPart, Slot } from '../../../shared/domain/agenda/slots';
import { useApi } from '../../api/client';
import { fromIsoDate, slotDay, slotTime } from './format';
import { SlotList } from './SlotList';
import { useAgendaConfig } from './use-agenda-config';

export interface FinderCaller {
  contactId: string | null;
  name: string;
  phone: string;
  email: string;
}

export interface SlotFinderProps {
  firmId: string;
  caller: FinderCaller;
  callId?: string | null;
  /** Moving this appointment: its motif and agenda come preselected, Entrée moves it to the chosen slot. */
  moving?: Appointment | null;
  onDone(result: { appointment: Appointment; change: 'booked' | 'moved' }): void;
  onClose(): void;
}

const SLOT_COUNT = 10;

/**
 * The slot finder of the call desk: the motif, the next free slots of one agenda or all of them (morning or
 * afternoon, from a date), and Entrée books the chosen one, while the caller waits. Keyboard only: the focus
 * starts on the motif; ↑/↓ in the list choose a slot; Entrée from anywhere in the finder (but the note) books
 * the chosen slot (the first one until she picks another); Échap closes it without booking.
 */
export function SlotFinder({ firmId, caller, callId = null, moving = null, onDone, onClose }: SlotFinderProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const ids = useId();
  const { view, error: configError } = useAgendaConfig(firmId);
  const [motifId, setMotifId] = useState(moving?.motifId ?? '');
  const [agendaId, setAgendaId] = useState(moving?.agendaId ?? '');
  const [part, setPart] = useState<DayPart>('any');
  const [fromDate, setFromDate] = useState('');
  // The slots found for a search (its key): another search shows « Recherche… » until its own answer.
  const [found, setFound] = useState<{ key: string; slots: Slot[] } | null>(null);
  const [active, setActive] = useState(0);
  const [name, setName] = useState(moving?.callerName ?? caller.name);
  const [phone, setPhone] = useState(moving?.callerPhone ?? caller.phone);
  const [email, setEmail] = useState(caller.email);
  const [newCaller, setNewCaller] = useState(moving ? moving.newCaller : caller.contactId === null);
  const [note, setNote] = useState(moving?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const motifRef = useRef<HTMLSelectElement>(null);
  const agendaRef = useRef<HTMLSelectElement>(null);
  const zone = view?.timeZone ?? 'Europe/Paris';
  const config = view?.config ?? null;
  const motifs = config?.motifs ?? [];
  const motif = motifs.find((m) => m.id === motifId) ?? motifs[0] ?? null;
  const agendas = (config?.agendas ?? []).filter((a) => a.active && (!motif || motif.agendaIds.includes(a.id)));

  // The focus starts on the motif; when moving (the motif is the appointment's), on the agenda.
  useEffect(() => {
    if (view) (moving ? agendaRef : motifRef).current?.focus();
  }, [view, moving]);

  const searchKey = JSON.stringify([motif?.id ?? '', agendaId, part, fromDate]);
  const slots = found?.key === searchKey ? found.slots : null;

  useEffect(() => {
    if (!motif) return;
    let current = true;
    const from = fromDate ? fromIsoDate(fromDate, zone) : null;
    api.agenda
      .findSlots({
        firmId,
        motifId: motif.id,
        agendaIds: agendaId ? [agendaId] : [],
        ...(from !== null ? { from: Math.max(from, Date.now()) } : {}),
        part,
        limit: SLOT_COUNT,
      })
      .then(
        (result) => {
          if (!current) return;
          setFound({ key: searchKey, slots: result });
          setActive(0);
        },
        (e: Error) => current && setError(e.message),
      );
    return () => {
      current = false;
    };
  }, [api, firmId, motif, agendaId, part, fromDate, zone, searchKey]);

  const agendaName = (id: string) => config?.agendas.find((a) => a.id === id)?.name ?? '';

  async function book(slot: Slot | undefined) {
    if (!slot || !motif || busy) return;
    if (!moving && !caller.contactId && !name.trim()) {
      setError(t('rdv.finder.nameRequired'));
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const appointment = moving
        ? await api.agenda.move({ id: moving.id, agendaId: slot.agendaId, startsAt: slot.startsAt })
        : await api.agenda.book({
            firmId,
            agendaId: slot.agendaId,
            motifId: motif.id,
            startsAt: slot.startsAt,
            caller: { contactId: caller.contactId, name: name.trim(), phone: phone.trim(), email: email.trim() },
            newCaller,
            note: note.trim(),
            callId,
          });
      onDone({ appointment, change: moving ? 'moved' : 'booked' });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
    event.preventDefault();
    event.stopPropagation();
    void book(slots?.[active]);
  }

  if (configError) return <p className="banner banner--error">{configError}</p>;
  const title = moving ? t('rdv.finder.moveTitle') : t('rdv.finder.title');
  return (
    <section className="rdv-finder" aria-label={title} onKeyDown={onKeyDown}>
      <header className="row rdv-finder__head">
        <h2 className="grow">{title}</h2>
        <button type="button" className="button button--plain" aria-keyshortcuts="Escape" onClick={onClose}>
          {t('rdv.finder.close')}
        </button>
      </header>
      <p className="muted rdv-finder__keys">{t('rdv.finder.keys')}</p>
      {moving ? (
        <p className="rdv-finder__moving">
          {t('rdv.finder.movingFrom', {
            day: slotDay(moving.startsAt, i18n.language, zone),
            time: slotTime(moving.startsAt, i18n.language, zone),
            agenda: agendaName(moving.agendaId),
          })}
        </p>
      ) : null}
      {!view ? (
        <p className="muted">{t('rdv.finder.loading')}</p>
      ) : motifs.length === 0 ? (
        <p className="muted">{t('rdv.finder.noMotif')}</p>
      ) : (
        <>
          <div className="rdv-finder__filters">
            <label className="field">
              <span>{t('rdv.finder.motif')}</span>
              <select
                ref={motifRef}
                value={motif?.id ?? ''}
                disabled={!!moving}
                onChange={(e) => {
                  setMotifId(e.target.value);
                  setAgendaId('');
                }}
              >
                {motifs.map((m) => (
                  <option key={m.id} value={m.id}>
                    {t('rdv.finder.motifOption', { name: m.name, minutes: m.durationMinutes })}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('rdv.finder.agenda')}</span>
              <select ref={agendaRef} value={agendaId} onChange={(e) => setAgendaId(e.target.value)}>
                <option value="">{t('rdv.finder.allAgendas')}</option>
                {agendas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('rdv.finder.part')}</span>
              <select value={part} onChange={(e) => setPart(e.target.value as DayPart)}>
                <option value="any">{t('rdv.finder.partAny')}</option>
                <option value="morning">{t('rdv.finder.partMorning')}</option>
                <option value="afternoon">{t('rdv.finder.partAfternoon')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('rdv.finder.from')}</span>
              <input type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
            </label>
          </div>
          {motif?.instructions ? (
            <p className="consigne-callout" role="note">
              {t('rdv.finder.instructions', { instructions: motif.instructions })}
            </p>
          ) : null}
          {motif && !motif.newCallersAllowed && newCaller ? (
            <p className="cd-warning" role="note">
              {t('rdv.finder.knownOnly', { motif: motif.name })}
            </p>
          ) : null}
          <SlotList
            id={`${ids}-slots`}
            slots={slots}
            active={active}
            onActive={setActive}
            onPick={(index) => void book(slots?.[index])}
            agendaName={agendaName}
            locale={i18n.language}
            timeZone={zone}
          />
          {!moving ? (
            <fieldset className="rdv-finder__caller">
              <legend>{t('rdv.finder.caller')}</legend>
              <label className="field">
                <span>{t('rdv.finder.callerName')}</span>
                <input ref={nameRef} value={name} onChange={(e) => setName(e.target.value)} />
              </label>
              <label className="field">
                <span>{t('rdv.finder.callerPhone')}</span>
                <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
              </label>
              <label className="field">
                <span>{t('rdv.finder.callerEmail')}</span>
                <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={newCaller} onChange={(e) => setNewCaller(e.target.checked)} />
                {t('rdv.finder.newCaller')}
              </label>
              <label className="field rdv-finder__note">
                <span>{t('rdv.finder.note')}</span>
                <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
            </fieldset>
          ) : null}
        </>
      )}
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      <p className="row rdv-finder__actions">
        <span className="grow" />
        <button
          type="button"
          className="button button--primary"
          aria-keyshortcuts="Enter"
          disabled={busy || !slots?.[active]}
          onClick={() => void book(slots?.[active])}
        >
          {moving ? t('rdv.finder.move') : t('rdv.finder.book')}
        </button>
      </p>
    </section>
  );
}
