import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export const DEFAULT_REGION: CountryCode = 'FR';

/** An E.164 string such as "+33142000001". */
export type E164 = string;

/**
 * Normalises whatever a user or a SIP header gives us ("01 42 00 00 01", "0033142000001",
 * "+33 1 42 00 00 01", "33142000001") to E.164, or null when it is not a plausible number.
 * Short extensions ("201") are not phone numbers and yield null.
 */
export function toE164(raw: string, region: CountryCode = DEFAULT_REGION): E164 | null {
  const cleaned = raw.trim().replace(/^00(?=[1-9])/, '+');
  if (cleaned === '') return null;
  const parsed =
    parsePhoneNumberFromString(cleaned, region) ??
    (/^[1-9]\d{7,14}$/.test(cleaned) ? parsePhoneNumberFromString(`+${cleaned}`) : undefined);
  if (!parsed || !parsed.isPossible()) return null;
  if (region === 'FR' && !parsed.isValid() && !cleaned.startsWith('+')) {
    const overseas = overseasNumber(cleaned);
    if (overseas) return overseas;
  }
  return parsed.number;
}

/**
 * Overseas départements share mainland France's 10-digit national plan ("0596 …" is Martinique) but have
 * their own country codes, so a national number that is not valid in metropolitan France is tried there.
 */
const FRENCH_OVERSEAS: CountryCode[] = ['MQ', 'GP', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF'];
function overseasNumber(national: string): E164 | null {
  for (const region of FRENCH_OVERSEAS) {
    const parsed = parsePhoneNumberFromString(national, region);
    if (parsed?.isValid()) return parsed.number;
  }
  return null;
}

/** National format for French numbers ("01 42 00 00 01"), international format otherwise. */
export function formatPhoneForDisplay(e164: E164, homeRegion: CountryCode = DEFAULT_REGION): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === homeRegion ? parsed.formatNational() : parsed.formatInternational();
}

export function isValidPhone(raw: string, region: CountryCode = DEFAULT_REGION): boolean {
  const e164 = toE164(raw, region);
  if (!e164) return false;
  return parsePhoneNumberFromString(e164)?.isValid() ?? false;
}
