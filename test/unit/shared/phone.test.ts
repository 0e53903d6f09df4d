import { formatPhoneForDisplay, isValidPhone, toE164 } from '../../../shared/domain/phone';

describe('phone numbers', () => {
  it.each([
    ['01 42 00 00 01', '+33142000001'],
    ['01.42.00.00.01', '+33142000001'],
    ['0142000001', '+33142000001'],
    ['+33 1 42 00 00 01', '+33142000001'],
    ['+33 (0)1 42 00 00 01', '+33142000001'],
    ['0033142000001', '+33142000001'],
    ['33142000001', '+33142000001'],
    ['06 12 34 56 78', '+33612345678'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0262 20 00 00', '+262262200000'],
  ])('normalises %s to %s', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it.each(['', '201', 'abc', '12'])('refuses %j, which is not a dialable number', (raw) => {
    expect(toE164(raw)).toBeNull();
  });

  it('shows French numbers in national format and foreign ones internationally', () => {
    expect(formatPhoneForDisplay('+33142000001')).toBe('01 42 00 00 01');
    expect(formatPhoneForDisplay('+442079460958')).toBe('+44 20 7946 0958');
  });

  it('tells a complete number from a truncated one', () => {
    expect(isValidPhone('06 12 34 56 78')).toBe(true);
    expect(isValidPhone('01 42 00 00')).toBe(false);
  });
});
