import type { ErasuresReapplied } from '../../../../shared/domain/privacy-rights';

/** The CLI's sentence for the erasures a restore applied again (counts only). */
export function describeReapplied(reapplied: ErasuresReapplied): string {
  if (reapplied.tombstones === 0) return 'Aucun effacement postérieur à cette sauvegarde à réappliquer.\n';
  const c = reapplied.counts;
  const rows = c.contacts + c.calls + c.messages + c.appointments + c.outbox + c.timeEntries;
  return (
    `Effacements réappliqués : ${reapplied.tombstones} (${rows} ligne${rows > 1 ? 's' : ''} effacée${rows > 1 ? 's' : ''} ` +
    `ou anonymisée${rows > 1 ? 's' : ''} : ${c.contacts} contacts, ${c.messages} messages, ${c.calls} appels, ` +
    `${c.appointments} rendez-vous, ${c.outbox} courriels, ${c.timeEntries} saisies de temps).\n`
  );
}
