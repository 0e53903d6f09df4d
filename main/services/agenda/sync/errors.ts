import { PermanenceError } from '../../../../shared/api';
import type { SyncErrorCode } from '../../../../shared/domain/agenda/sync';

/** Main's French sentence per failure (logs, CLI); the renderer says agendaSync.errors.<code> in her language. */
const FRENCH: Record<SyncErrorCode, string> = {
  network: 'Serveur injoignable : nouvel essai automatique.',
  auth: 'Utilisateur ou mot de passe refusé par le serveur (iCloud : un mot de passe d’application est nécessaire).',
  forbidden: 'Le serveur refuse l’accès à ce calendrier.',
  not_found: 'Calendrier introuvable sur le serveur.',
  precondition: 'Le serveur a refusé une écriture modifiée entre-temps.',
  token_invalid: 'Le serveur a refusé le jeton de synchronisation : comparaison complète.',
  server: 'Le serveur a répondu par une erreur : nouvel essai automatique.',
  unsupported: 'Google Agenda n’est pas encore pris en charge (connexion OAuth).',
  server_empty: 'Le calendrier du serveur paraît vide.',
  internal: 'La synchronisation a échoué ; le détail est dans le journal.',
};

export function syncError(code: SyncErrorCode): PermanenceError {
  const message = FRENCH[code];
  const api =
    code === 'auth' || code === 'forbidden'
      ? 'FORBIDDEN'
      : code === 'network' || code === 'server'
        ? 'UNAVAILABLE'
        : 'VALIDATION';
  return new PermanenceError(api, message, undefined, { key: `agendaSync.errors.${code}` });
}
