import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { toE164, type E164 } from '../phone';
import type { ParsedUri } from './name-addr';

// Separators people and PBXs put in dialled strings; RFC 3966 calls them visual separators.
const VISUAL_SEPARATORS = /[\s\-.()/]/g;
const DIGITS = /^\+?\d{1,17}$/;

function phoneContext(uri: ParsedUri): string | undefined {
  return uri.userParams.get('phone-context') ?? uri.params.get('phone-context');
}

/**
 * A local number qualified by `phone-context=+CC` (RFC 3966 §5.1.5): a short context is a country calling
 * code, so the number is read as national in that country; a longer one is a prefix to prepend.
 */
function withGlobalContext(digits: string, context: string): E164 | null {
  const contextDigits = context.replace(VISUAL_SEPARATORS, '').slice(1);
  if (!/^\d+$/.test(contextDigits)) return null;
  if (contextDigits.length <= 3) {
    const parsed = parsePhoneNumberFromString(digits, { defaultCallingCode: contextDigits });
    if (parsed?.isPossible()) return parsed.number;
  }
  return toE164(`+${contextDigits}${digits}`);
}

/**
 * The E.164 number a URI's user part designates, or null for names ("anonymous", "alice"), extensions ("201")
 * and anything else that is not a plausible public number. Routing parameters (`rn=`, `npdi`, `isub=`) are
 * ignored on purpose: the dialled number, not the ported routing number, identifies the firm.
 */
export function uriToE164(uri: ParsedUri): E164 | null {
  const cleaned = uri.user.replace(VISUAL_SEPARATORS, '');
  if (!DIGITS.test(cleaned)) return null;
  const context = phoneContext(uri);
  if (!cleaned.startsWith('+') && context?.startsWith('+')) {
    const qualified = withGlobalContext(cleaned, context);
    if (qualified) return qualified;
  }
  return toE164(cleaned);
}
