import { describe, expect, it } from 'vitest';
import { isPublicHoliday, publicHolidaysOfYear } from '../../../../shared/domain/billing/holidays';

describe('isPublicHoliday', () => {
  it.each([
    ['2026-01-01', "Jour de l'an"],
    ['2026-04-06', 'Lundi de Pâques 2026'],
    ['2027-03-29', 'Lundi de Pâques 2027'],
    ['2030-04-22', 'Lundi de Pâques 2030 (Pâques le 21 avril)'],
    ['2026-05-01', 'Fête du travail'],
    ['2026-05-14', 'Ascension 2026'],
    ['2026-07-14', 'Fête nationale'],
    ['2026-12-25', 'Noël'],
  ])('knows %s is a public holiday everywhere in France (%s)', (day) => {
    expect(isPublicHoliday(day, 'FR')).toBe(true);
    expect(isPublicHoliday(day, 'FR-alsace-moselle')).toBe(true);
  });

  it.each(['2026-04-03', '2027-03-26', '2025-12-26', '2026-12-26'])(
    'counts %s (Vendredi saint or Saint-Étienne) only in Alsace-Moselle',
    (day) => {
      expect(isPublicHoliday(day, 'FR')).toBe(false);
      expect(isPublicHoliday(day, 'FR-alsace-moselle')).toBe(true);
    },
  );

  it("ignores observances such as Pentecost Sunday and Mother's Day", () => {
    expect(isPublicHoliday('2026-05-24', 'FR')).toBe(false);
    expect(isPublicHoliday('2026-05-31', 'FR')).toBe(false);
  });

  it('says an ordinary day is not a holiday', () => {
    expect(isPublicHoliday('2026-03-02', 'FR')).toBe(false);
  });

  it('lists 11 public holidays in France and 13 in Alsace-Moselle for 2026', () => {
    expect(publicHolidaysOfYear(2026, 'FR').size).toBe(11);
    expect(publicHolidaysOfYear(2026, 'FR-alsace-moselle').size).toBe(13);
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(() => isPublicHoliday('06/04/2026', 'FR')).toThrow(RangeError);
  });
});
