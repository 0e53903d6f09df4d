import type { Appointment } from '../../../../shared/domain/agenda/appointment';
import type { AgendaConfig } from '../../../../shared/domain/agenda/config';
import { formatPhoneForDisplay } from '../../../../shared/domain/phone';

/**
 * What the practitioner reads in her own calendar for an appointment Permanence took: the motif and the caller
 * in the summary, the number, « nouveau patient » and the note below. In French: it is the firm's calendar.
 */
export function calendarText(a: Appointment, config: AgendaConfig): { summary: string; description: string } {
  const motif = config.motifs.find((m) => m.id === a.motifId)?.name ?? '';
  const summary = [motif, a.callerName].filter(Boolean).join(' — ') || 'Rendez-vous';
  const description = [
    a.callerPhone ? `Tél. : ${formatPhoneForDisplay(a.callerPhone)}` : '',
    a.newCaller ? 'Nouveau patient' : '',
    a.note,
    'Rendez-vous pris par le secrétariat (Permanence).',
  ]
    .filter(Boolean)
    .join('\n');
  return { summary, description };
}
