import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Slot } from '../../../shared/domain/agenda/slots';
import { slotDay, slotTime } from './format';

/**
 * The next free slots as a listbox: ↑/↓ (Début/Fin) choose, Entrée or a click books. The list keeps the focus
 * and names the chosen slot through aria-activedescendant, as a screen reader expects of a listbox.
 */
export function SlotList({
  id,
  slots,
  active,
  onActive,
  onPick,
  agendaName,
  locale,
  timeZone,
}: {
  id: string;
  slots: Slot[] | null;
  active: number;
  onActive(index: number): void;
  onPick(index: number): void;
  agendaName(id: string): string;
  locale: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  if (slots === null) return <p className="muted rdv-slots">{t('rdv.finder.searching')}</p>;
  if (slots.length === 0) {
    return (
      <p className="muted rdv-slots" role="status">
        {t('rdv.finder.noSlot')}
      </p>
    );
  }
  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const last = slots!.length - 1;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(last, active + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, active - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    onActive(next);
    document.getElementById(`${id}-${next}`)?.scrollIntoView?.({ block: 'nearest' });
  }
  return (
    <ul
      className="rdv-slots"
      role="listbox"
      tabIndex={0}
      aria-label={t('rdv.finder.slots')}
      aria-activedescendant={`${id}-${active}`}
      onKeyDown={onKeyDown}
    >
      {slots.map((slot, index) => {
        const day = slotDay(slot.startsAt, locale, timeZone);
        const previous = slots[index - 1];
        const showDay = !previous || slotDay(previous.startsAt, locale, timeZone) !== day;
        return (
          <li
            key={`${slot.agendaId}-${slot.startsAt}`}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === active}
            className={`rdv-slot${index === active ? ' rdv-slot--active' : ''}`}
            onClick={() => {
              onActive(index);
              onPick(index);
            }}
          >
            <span className={`rdv-slot__day${showDay ? '' : ' rdv-slot__day--same'}`}>{day}</span>
            <strong className="rdv-slot__time">{slotTime(slot.startsAt, locale, timeZone)}</strong>
            <span className="rdv-slot__agenda">{agendaName(slot.agendaId)}</span>
          </li>
        );
      })}
    </ul>
  );
}
