import { PermanenceError } from '../../../../shared/api';
import type { PurgeCounts, PurgeReport } from '../../../../shared/domain/retention';
import type { Services } from '../../index';

export const RETENTION_USAGE = `  npm run cli -- privacy purge [--dry-run]   remove what each firm's retention lets go (dry run: counts only)
  npm run cli -- privacy register --firm ID   the firm's register of processing activities (JSON + PDF)
  npm run cli -- privacy end-contract --firm ID [--confirm "FIRM NAME"]
                                          export everything of the firm; with --confirm, purge it after that export
`;

const usage = (message: string) => new PermanenceError('VALIDATION', message);

function option(args: string[], name: string): string | null {
  const index = args.indexOf(name);
  return index >= 0 ? (args[index + 1] ?? null) : null;
}

const LABELS: Record<keyof PurgeCounts, [string, string]> = {
  messages: ['message', 'messages'],
  outbox: ['courriel', 'courriels'],
  calls: ['appel', 'appels'],
  timeEntries: ['temps saisi', 'temps saisis'],
  entryAudit: ['trace de modification des temps', 'traces de modification des temps'],
  importBatches: ['import', 'imports'],
};

export function describePurge(report: PurgeReport, firmName: (id: string) => string): string {
  const head = report.dryRun ? 'Purge (simulation, rien n’est supprimé)' : 'Purge faite';
  const lines = report.firms.map(({ firmId, counts }) => {
    const parts = (Object.keys(LABELS) as Array<keyof PurgeCounts>)
      .filter((key) => counts[key] > 0)
      .map((key) => `${counts[key]} ${LABELS[key][counts[key] > 1 ? 1 : 0]}`);
    return `  ${firmId === '' ? 'appels sans cabinet' : firmName(firmId)} : ${parts.join(', ')}`;
  });
  if (report.auditRows > 0) lines.push(`  journal d’audit : ${report.auditRows} entrées anciennes`);
  if (lines.length === 0) lines.push('  rien n’a atteint sa durée de conservation');
  return `${head} :\n${lines.join('\n')}\n`;
}

const dateFr = (at: number) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(at);

export const retentionCommands: Record<string, (services: Services, args: string[]) => string | Promise<string>> = {
  'privacy purge': async ({ retention }, args) => {
    const report = await retention.purge(args.includes('--dry-run'));
    return describePurge(report, (id) => retention.repo.firm(id)?.name ?? id);
  },
  'privacy register': async ({ retention }, args) => {
    const firmId = option(args, '--firm');
    if (!firmId) throw usage('privacy register needs --firm ID');
    const result = await retention.register.export(firmId);
    return `Registre des traitements écrit :\n${result.files.map((f) => `  ${f}`).join('\n')}\n`;
  },
  'privacy end-contract': async ({ retention }, args) => {
    const firmId = option(args, '--firm');
    if (!firmId) throw usage('privacy end-contract needs --firm ID');
    const confirm = option(args, '--confirm');
    if (confirm === null) {
      const exported = await retention.contract.exportFirm(firmId);
      return (
        `Données du cabinet exportées dans ${exported.dir} (${exported.files.length} fichiers).\n` +
        `Vérifiez-les, puis relancez avec --confirm "${exported.firmName}" pour effacer le cabinet.\n`
      );
    }
    const end = retention.contract.endContract(firmId, confirm);
    const rows = Object.values(end.removed).reduce((a, b) => a + b, 0);
    const backups = end.backups.map(
      (b) =>
        `  ${b.path} : ${b.leavesRotationAt === null ? 'gardée jusqu’à ce que vous la supprimiez' : `jusqu’au ${dateFr(b.leavesRotationAt)}`}`,
    );
    return (
      `Cabinet effacé (${rows} lignes ; factures gardées 10 ans). Export : ${end.exportDir}\n` +
      (backups.length > 0 ? `Ces sauvegardes contiennent encore ses données :\n${backups.join('\n')}\n` : '')
    );
  },
};
