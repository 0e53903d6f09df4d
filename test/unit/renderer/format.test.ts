import { formatDateTime, formatTime, formatWeekdayTime } from '../../../renderer/ui/format';

// 2026-03-29 01:30 UTC: 03:30 in Paris (summer time since 01:00 UTC), 21:30 the day before in Martinique.
const at = Date.UTC(2026, 2, 29, 1, 30);

describe('date and time formatting (formatters reused per locale and zone)', () => {
  it('formats in the zone asked, in French or English, the same on every call', () => {
    expect(formatTime(at, 'fr', 'Europe/Paris')).toBe('03:30');
    expect(formatTime(at, 'fr', 'America/Martinique')).toBe('21:30');
    expect(formatTime(at, 'fr', 'Europe/Paris')).toBe('03:30');
    expect(formatDateTime(at, 'fr', 'Europe/Paris')).toBe('29 mars 2026, 03:30');
    expect(formatDateTime(at, 'en', 'Europe/Paris')).toBe('29 Mar 2026, 03:30');
    expect(formatWeekdayTime(at, 'fr', 'America/Martinique')).toBe('samedi 21:30');
  });

  it('does not mix up kinds that share a locale and a zone', () => {
    expect(formatTime(at, 'en', 'UTC')).toBe('01:30');
    expect(formatDateTime(at, 'en', 'UTC')).toBe('29 Mar 2026, 01:30');
  });
});
