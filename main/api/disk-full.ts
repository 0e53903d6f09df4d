import type { ApiErrorPayload } from '../../shared/api';

/**
 * SQLITE_FULL (the store could not grow) and ENOSPC/EDQUOT (a file could not be written) mean the disk is full:
 * nothing was written, the renderer keeps what she typed, and she is told which action failed. The i18n key is
 * errors.DISK_FULL; main's sentence is French like its other messages.
 */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/** What the failed method was saving, by its domain: « Disque plein : le message n’a pas pu être enregistré ». */
const WHAT: Record<string, string> = {
  messages: 'le message',
  firms: 'le cabinet',
  contacts: 'le contact',
  settings: 'le réglage',
  workspace: 'l’espace de travail',
  calls: 'l’appel',
  timesheets: 'le temps saisi',
  entries: 'le temps saisi',
  exports: 'le relevé',
  sip: 'le compte téléphonique',
  smtp: 'le réglage d’envoi',
  invoices: 'le document',
};

export function diskFullPayload(method: string): ApiErrorPayload {
  const what = WHAT[method.split(':')[0] ?? ''] ?? 'le changement';
  const domain = method.split(':')[0] ?? '';
  return {
    code: 'DISK_FULL',
    text: { key: 'errors.DISK_FULL', values: { domain: WHAT[domain] ? domain : 'other' } },
    message:
      `Disque plein : ${what} n’a pas pu être enregistré. ` +
      'Libérez de la place sur le disque puis réessayez ; ce que vous avez saisi est toujours à l’écran.',
  };
}
