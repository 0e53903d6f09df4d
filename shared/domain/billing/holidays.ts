import Holidays from 'date-holidays';
import type { HolidayRegion } from './billing-settings';

/**
 * French public holidays (jours fériés), computed by date-holidays rather than listed per year.
 * Alsace-Moselle (Moselle 57, Bas-Rhin 67, Haut-Rhin 68) adds Vendredi saint and the 26 December;
 * the three départements share the same list, so Moselle stands for all of them.
 * Only holidays of type 'public' count: "observance" days such as Fête des Mères are working days.
 */
const REGION_SOURCES: Record<HolidayRegion, () => Holidays> = {
  FR: () => new Holidays('FR'),
  'FR-alsace-moselle': () => new Holidays('FR', '57'),
};

const calendars = new Map<HolidayRegion, Holidays>();
/** Key `${region}:${year}` → local dates 'YYYY-MM-DD'. A month's billing asks hundreds of times for one year. */
const holidaysByYear = new Map<string, ReadonlySet<string>>();

function calendarFor(region: HolidayRegion): Holidays {
  let calendar = calendars.get(region);
  if (!calendar) {
    calendar = REGION_SOURCES[region]();
    calendars.set(region, calendar);
  }
  return calendar;
}

export function publicHolidaysOfYear(year: number, region: HolidayRegion): ReadonlySet<string> {
  const key = `${region}:${year}`;
  let dates = holidaysByYear.get(key);
  if (!dates) {
    // `date` is the local calendar day ('YYYY-MM-DD 00:00:00'), independent of the machine's zone.
    dates = new Set(
      calendarFor(region)
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(key, dates);
  }
  return dates;
}

/** `localDateISO` is the firm's local calendar day, 'YYYY-MM-DD'. */
export function isPublicHoliday(localDateISO: string, region: HolidayRegion): boolean {
  const match = /^(\d{4})-\d{2}-\d{2}$/.exec(localDateISO);
  if (!match) throw new RangeError(`Date locale attendue au format AAAA-MM-JJ : « ${localDateISO} »`);
  return publicHolidaysOfYear(Number(match[1]), region).has(localDateISO);
}
