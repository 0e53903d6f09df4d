import type { ErasuresReapplied } from '../../../../shared/domain/privacy-rights';

/** The CLI's sentence for the erasures a restore applied again (counts only, never who). */
export function describeReapplied(reapplied: ErasuresReapplied): string {
  if (reapplied.tombstones === 0) return 'Aucun effacement postérieur à cette sauvegarde à réappliquer.\n';
  const c = reapplied.counts;
  const kinds = [
    `contacts ${c.contacts}`,
    `messages ${c.messages}`,
    `appels ${c.calls}`,
    `rendez-vous ${c.appointments}`,
    `courriels ${c.outbox}`,
    `saisies de temps ${c.timeEntries}`,
  ];
  return `Effacements réappliqués : ${reapplied.tombstones} (${kinds.join(', ')}).\n`;
}
