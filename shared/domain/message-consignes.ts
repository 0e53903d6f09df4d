import { DateTime } from 'luxon';
import type { FirmDetail } from './firm/aggregate';
import { openingStateAt, type OpeningState } from './firm/opening';
import type { Person } from './firm/people';

export interface AbsentPerson {
  person: Person;
  note: string;
  until: string;
}

export interface TransferNow {
  when: string;
  note: string;
  person: Person | null;
  /** False when the person is absent today: the rule cannot apply now. */
  available: boolean;
}

export interface ConsignesNow {
  opening: OpeningState;
  today: string;
  absent: AbsentPerson[];
  transfers: TransferNow[];
}

/** What of the firm's consignes applies at this instant, in the firm's time zone: hours, closures, absences. */
export function consignesNow(
  firm: FirmDetail,
  now: number,
  isPublicHoliday: (isoDate: string) => boolean = () => false,
): ConsignesNow {
  const today = DateTime.fromMillis(now, { zone: firm.profile.timeZone }).toISODate()!;
  const opening = openingStateAt(
    {
      timeZone: firm.profile.timeZone,
      weeklyHours: firm.profile.weeklyHours,
      closures: firm.profile.closures,
      closedOnPublicHolidays: firm.profile.closedOnPublicHolidays,
    },
    now,
    isPublicHoliday,
  );
  const absent: AbsentPerson[] = [];
  for (const person of firm.people) {
    const absence = person.absences.find((a) => a.from <= today && today <= a.to);
    if (absence) absent.push({ person, note: absence.note, until: absence.to });
  }
  const absentIds = new Set(absent.map((a) => a.person.id));
  const transfers = firm.consignes.rules.transferRules.map((rule) => {
    const person = firm.people.find((p) => p.id === rule.personId) ?? null;
    return { when: rule.when, note: rule.note, person, available: !person || !absentIds.has(person.id) };
  });
  return { opening, today, absent, transfers };
}
