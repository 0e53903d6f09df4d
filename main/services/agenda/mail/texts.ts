/**
 * The words of the appointment e-mails, in French (the callers and firms are French, as for messages and
 * invoices). Dates are written in the firm's zone with Intl, never the process's own zone.
 */

export type AppointmentMailPurpose = 'confirmation' | 'reminder' | 'moved' | 'cancelled';

export interface AppointmentMailFacts {
  firmName: string;
  /** The firm's number as the caller dials it (« 01 42 00 00 01 »); empty when the firm has none. */
  firmPhone: string;
  /** The firm's postal address on one line; empty when unknown. */
  address: string;
  agendaName: string;
  motifName: string;
  /** What to bring or do (the motif's instructions), read to the caller and repeated here. */
  instructions: string;
  callerName: string;
  startUtc: number;
  endUtc: number;
  timeZone: string;
  /** Moved: where it was before. */
  previousStartUtc?: number | null;
}

export interface AppointmentMailText {
  subject: string;
  text: string;
}

export function dayAndTimeFr(ms: number, timeZone: string): string {
  const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone }).format(ms);
  const time = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone }).format(ms);
  return `${day} à ${time}`;
}

export function timeFr(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone }).format(ms);
}

function howToCancel(facts: AppointmentMailFacts): string {
  return facts.firmPhone
    ? `Pour annuler ou déplacer ce rendez-vous, appelez ${facts.firmName} au ${facts.firmPhone}.`
    : `Pour annuler ou déplacer ce rendez-vous, appelez ${facts.firmName}.`;
}

/** The lines the .ics DESCRIPTION repeats: what, with whom, what to bring, how to cancel. */
export function appointmentDescription(facts: AppointmentMailFacts): string {
  return [
    `${facts.motifName} avec ${facts.agendaName}.`,
    ...(facts.instructions.trim() ? [facts.instructions.trim()] : []),
    howToCancel(facts),
  ].join('\n');
}

export function appointmentMailText(purpose: AppointmentMailPurpose, facts: AppointmentMailFacts): AppointmentMailText {
  const when = dayAndTimeFr(facts.startUtc, facts.timeZone);
  const greeting = facts.callerName.trim() ? `Bonjour ${facts.callerName.trim()},` : 'Bonjour,';
  const where = facts.address ? [`Adresse : ${facts.address}`] : [];
  const details = [
    `Rendez-vous : ${facts.motifName} avec ${facts.agendaName}`,
    `Date : ${when} (fin prévue à ${timeFr(facts.endUtc, facts.timeZone)})`,
    ...where,
    ...(facts.instructions.trim() ? ['', facts.instructions.trim()] : []),
  ];
  const closing = ['', howToCancel(facts), '', 'Bien cordialement,', facts.firmName];
  switch (purpose) {
    case 'confirmation':
      return {
        subject: `[${facts.firmName}] Rendez-vous confirmé le ${when}`,
        text: [
          greeting,
          '',
          `Votre rendez-vous avec ${facts.firmName} est confirmé.`,
          '',
          ...details,
          '',
          'Le fichier joint l’ajoute à votre agenda.',
          ...closing,
        ].join('\n'),
      };
    case 'reminder':
      return {
        subject: `[${facts.firmName}] Rappel : rendez-vous demain à ${timeFr(facts.startUtc, facts.timeZone)}`,
        text: [greeting, '', `Nous vous rappelons votre rendez-vous de demain.`, '', ...details, ...closing].join('\n'),
      };
    case 'moved':
      return {
        subject: `[${facts.firmName}] Rendez-vous déplacé au ${when}`,
        text: [
          greeting,
          '',
          facts.previousStartUtc
            ? `Votre rendez-vous du ${dayAndTimeFr(facts.previousStartUtc, facts.timeZone)} est déplacé.`
            : 'Votre rendez-vous est déplacé.',
          '',
          ...details,
          '',
          'Le fichier joint met votre agenda à jour.',
          ...closing,
        ].join('\n'),
      };
    case 'cancelled':
      return {
        subject: `[${facts.firmName}] Rendez-vous du ${when} annulé`,
        text: [
          greeting,
          '',
          `Votre rendez-vous du ${when} (${facts.motifName} avec ${facts.agendaName}) est annulé.`,
          '',
          'Le fichier joint le retire de votre agenda.',
          '',
          facts.firmPhone
            ? `Pour prendre un nouveau rendez-vous, appelez ${facts.firmName} au ${facts.firmPhone}.`
            : `Pour prendre un nouveau rendez-vous, appelez ${facts.firmName}.`,
          '',
          'Bien cordialement,',
          facts.firmName,
        ].join('\n'),
      };
  }
}

export interface DigestLine {
  startUtc: number;
  endUtc: number;
  motifName: string;
  callerName: string;
  callerPhone: string;
  note: string;
  newCaller: boolean;
}

/** The practitioner's day: one line per appointment, in order. */
export function dayDigestText(input: {
  firmName: string;
  agendaName: string;
  dayStartUtc: number;
  timeZone: string;
  lines: readonly DigestLine[];
}): AppointmentMailText {
  const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: input.timeZone }).format(
    input.dayStartUtc,
  );
  const rows = input.lines.map((l) => {
    const head = `${timeFr(l.startUtc, input.timeZone)}–${timeFr(l.endUtc, input.timeZone)}  ${l.motifName} — ${
      l.callerName || 'appelant sans nom'
    }${l.callerPhone ? ` (${l.callerPhone})` : ''}${l.newCaller ? ' — nouveau patient' : ''}`;
    return l.note.trim() ? `${head}\n    ${l.note.trim()}` : head;
  });
  return {
    subject: `[${input.firmName}] ${input.agendaName} — rendez-vous du ${day}`,
    text: [
      'Bonjour,',
      '',
      input.lines.length === 0
        ? `Aucun rendez-vous pour ${input.agendaName} le ${day}.`
        : `${input.lines.length} rendez-vous pour ${input.agendaName} le ${day} :`,
      '',
      ...rows,
      '',
      'Bien cordialement,',
      'Votre secrétariat',
    ].join('\n'),
  };
}
