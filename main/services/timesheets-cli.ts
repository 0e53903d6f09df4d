import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../shared/api';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/contract/methods/timesheets';
import { monthSchema } from '../../shared/domain/timesheet';
import type { Services } from './index';
import { missingIdentityOf } from './exports/model';

/** `--name value` pairs; bare words are kept in order. */
function options(args: string[]): { flags: Record<string, string>; words: string[] } {
  const flags: Record<string, string> = {};
  const words: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      // A flag followed by another flag (or nothing) is a switch, like --include-duplicates.
      const value = args[i + 1];
      const isSwitch = value === undefined || value.startsWith('--');
      flags[arg.slice(2)] = isSwitch ? '' : value;
      if (!isSwitch) i += 1;
    } else words.push(arg);
  }
  return { flags, words };
}

const usage = (message: string) => new PermanenceError('VALIDATION', message);

export const TIMESHEETS_USAGE = `  npm run cli -- entries import FILE --firm ID [--type TASK_TYPE] [--include-duplicates]
                                         import past time entries from a CSV file (all or nothing; see docs/timesheets.md)
  npm run cli -- export --month YYYY-MM [--firm ID] --format csv|xlsx|pdf[,…] [--csv excel-fr|standard] --out DIR
                                         write the relevés d'activité (every firm unless --firm)
`;

/** The timesheets' CLI commands, keyed like main/cli.ts COMMANDS. */
export const timesheetsCommands: Record<string, (services: Services, args: string[]) => Promise<string> | string> = {
  'entries import': async (services, args) => {
    const { flags, words } = options(args);
    const file = words[0];
    if (!file || !flags.firm) throw usage('entries import needs FILE and --firm ID');
    const report = await services.timesheetImport.run(
      flags.firm,
      // The bytes, not 'utf8' text: Excel FR saves Windows-1252, Notepad UTF-16; the import reads them all.
      fs.readFileSync(file),
      {
        ...(flags.type ? { defaultTaskType: flags.type as never } : {}),
        includeDuplicates: 'include-duplicates' in flags,
      },
      path.basename(file),
    );
    if (report.errorCount > 0) {
      const lines = report.errors.slice(0, 50).map((e) => `  ligne ${e.line} (${e.column}) : ${e.message}`);
      throw new PermanenceError(
        'VALIDATION',
        `Import refusé, rien n’a été écrit : ${report.errorCount} erreur(s).\n${lines.join('\n')}`,
      );
    }
    const skipped = report.includeDuplicates ? 0 : report.duplicates;
    return (
      `Import réussi : ${report.imported} saisie(s) de temps ajoutée(s) depuis ${path.basename(file)}.\n` +
      (skipped > 0
        ? `${skipped} ligne(s) identique(s) à des saisies déjà enregistrées ignorée(s) (--include-duplicates pour les importer aussi).\n`
        : '')
    );
  },
  export: async (services, args) => {
    const { flags } = options(args);
    const month = monthSchema.safeParse(flags.month);
    if (!month.success) throw usage('export needs --month YYYY-MM');
    const formats = (flags.format ?? '').split(',').filter(Boolean);
    if (formats.length === 0 || formats.some((f) => !(EXPORT_FORMATS as readonly string[]).includes(f))) {
      throw usage('export needs --format csv, xlsx or pdf (several separated by commas)');
    }
    if (!flags.out) throw usage('export needs --out DIR');
    const preset = flags.csv === 'standard' ? 'standard' : 'excel-fr';
    const result = await services.exports.exportMonth({
      month: month.data,
      firmId: flags.firm,
      formats: formats as ExportFormat[],
      csvPreset: preset,
      outDir: flags.out,
    });
    const missing = formats.some((f) => f !== 'csv') ? missingIdentityOf(services.settings.get()) : [];
    const warning = missing.length
      ? `Attention : identité de prestataire incomplète (${missing.join(', ')}) — les relevés l’indiquent « à compléter ». Complétez-la dans Réglages → Identité, puis exportez de nouveau.\n`
      : '';
    return `${warning}${result.files.length} fichier(s) écrit(s) dans ${result.outDir} :\n${result.files.map((f) => `  ${path.basename(f)}`).join('\n')}\n`;
  },
};
