import { formatPhoneForDisplay } from '../../../../shared/domain/phone';
import type { PersonDataKind } from '../../../../shared/domain/privacy-rights';
import type { PersonRow } from '../../../store/repositories/person-data';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const phone = (value: unknown) => (str(value) ? formatPhoneForDisplay(str(value)) : '');
const join = (...parts: string[]) => parts.filter((p) => p.trim() !== '').join(' — ');

/** One line that reminds her which row it is, in the findings list (the export holds every field). */
export function summaryOf(kind: PersonDataKind, row: PersonRow): string {
  switch (kind) {
    case 'contacts':
      return join(str(row.name), str(row.phones).split(' ').filter(Boolean).map(phone).join(', '));
    case 'calls':
      return join(str(row.caller_name), phone(row.caller_number));
    case 'messages':
      return join(str(row.caller_name), str(row.motif) || str(row.body).slice(0, 80));
    case 'appointments':
      return join(str(row.caller_name), phone(row.caller_phone));
    case 'outbox':
      return str(row.subject);
    case 'timeEntries':
      return str(row.label);
  }
}
