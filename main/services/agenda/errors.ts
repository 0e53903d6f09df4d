import { PermanenceError, type ErrorCode, type FieldIssue } from '../../../shared/api';

/**
 * Agenda errors carry an i18n key (renderer/i18n/locales: `agendaErrors.*`) and its values, so the UI says the
 * sentence in her language; the French sentence goes to logs and the CLI.
 */
const FRENCH = {
  notFound: 'Ce rendez-vous n’existe plus.',
  unknownAgenda: 'Cet agenda n’existe pas dans ce cabinet.',
  motifNotOffered: '« {{motif}} » n’est pas proposé dans l’agenda {{agenda}}.',
  overlap: 'Ce créneau chevauche un autre rendez-vous ou un événement de {{agenda}}.',
  outsideHours: 'Ce créneau est en dehors des plages de {{agenda}} pour « {{motif}} ».',
  maxPerDay: 'Le nombre maximal de « {{motif}} » ce jour-là est atteint pour {{agenda}}.',
  newCaller: '« {{motif}} » n’est pas proposé aux nouveaux patients ou clients.',
  notMovable: 'Ce rendez-vous est annulé : il ne peut plus être déplacé.',
  staleConfig:
    'L’agenda de ce cabinet a été modifié ailleurs depuis son ouverture. Rechargez-le ; vos modifications restent dans le formulaire.',
  inUse: '« {{name}} » a des rendez-vous : désactivez-le au lieu de le supprimer.',
  otherFirm: 'L’identifiant « {{id}} » appartient déjà à un autre cabinet.',
  unknownContact: 'Ce contact n’appartient pas à ce cabinet.',
} as const;
export type AgendaErrorKey = keyof typeof FRENCH;

export function agendaError(
  code: ErrorCode,
  key: AgendaErrorKey,
  values: Record<string, string> = {},
  issues?: FieldIssue[],
): PermanenceError {
  const message = FRENCH[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
  return new PermanenceError(code, message, issues, { key: `agendaErrors.${key}`, values });
}
