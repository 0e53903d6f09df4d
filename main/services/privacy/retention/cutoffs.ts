import { DateTime } from 'luxon';
import { ACCOUNTING_MONTHS, type RetentionPolicy } from '../../../../shared/domain/retention';
import type { FirmCutoffs } from '../../../store/repositories/retention';

/** `months` before `now`: instants are UTC epoch ms, so the firm's zone plays no part in a duration. */
export function monthsBefore(now: number, months: number): number {
  return DateTime.fromMillis(now, { zone: 'utc' }).minus({ months }).toMillis();
}

/**
 * One firm's cutoffs. Locked or invoiced months (their bounds in the firm's zone: a month is the firm's month)
 * whose end is less than 10 years old are protected: their entries stay whatever the firm's own duration.
 */
export function firmCutoffs(
  firmId: string,
  policy: RetentionPolicy,
  now: number,
  protectedMonths: readonly string[],
  timeZone: string,
): FirmCutoffs {
  const accounting = monthsBefore(now, ACCOUNTING_MONTHS);
  const ranges = protectedMonths.flatMap((month) => {
    const start = DateTime.fromISO(`${month}-01`, { zone: timeZone });
    if (!start.isValid) return [];
    const end = start.plus({ months: 1 });
    return end.toMillis() > accounting ? [[start.toMillis(), end.toMillis()]] : [];
  });
  return {
    firmId,
    messages: monthsBefore(now, policy.messagesMonths),
    calls: monthsBefore(now, policy.callsMonths),
    timeEntries: monthsBefore(now, policy.timeEntriesMonths),
    protectedRanges: JSON.stringify(ranges),
  };
}
