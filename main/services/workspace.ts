import fs from 'node:fs';
import path from 'node:path';
import { describeIssues, issuesFromZod, PermanenceError } from '../../shared/api';
import {
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  workspaceFileSchema,
  type WorkspaceFile,
  type WorkspaceFileInput,
  type WorkspaceImportReport,
} from '../../shared/domain/workspace';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import type { SettingsService } from './settings';
import type { AuditRecorder } from './privacy/audit';
import type { AgendaService } from './agenda';

export const DEMO_WORKSPACE_FILE = 'demo-workspace.json';

export function parseWorkspace(content: string): WorkspaceFile {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw new PermanenceError('VALIDATION', `Ce fichier n’est pas un JSON valide (${(error as Error).message}).`);
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== WORKSPACE_FORMAT) {
    throw new PermanenceError('VALIDATION', 'Ce fichier n’est pas un espace de travail Permanence (champ « format »).');
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version === 'number' && version > WORKSPACE_VERSION) {
    throw new PermanenceError(
      'VALIDATION',
      `Ce fichier vient d’une version plus récente de Permanence (format ${version}). Mettez l’application à jour.`,
    );
  }
  const parsed = workspaceFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    throw new PermanenceError('VALIDATION', `Fichier refusé, rien n’a été modifié. ${describeIssues(issues)}`, issues);
  }
  return parsed.data;
}

/** A firm-level error names its place in the file ("firms.2.firm.profile…"), not in a single save. */
function withFirmPath<T>(index: number, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof PermanenceError && error.issues) {
      const issues = error.issues.map((i) => ({ ...i, path: i.path.replace(/^draft\./, `firms.${index}.firm.`) }));
      throw new PermanenceError(error.code, `${error.message} ${describeIssues(issues)}`, issues);
    }
    throw error;
  }
}

export function createWorkspaceService(
  ctx: ServiceContext,
  firms: FirmsService,
  settings: SettingsService,
  options: {
    assetsDir: string;
    audit?: AuditRecorder;
    /** Agendas and appointments of each firm (issue 11). */
    agenda?: AgendaService['workspace'];
    /** The demo's month of appointments around today, made when the demo is opened. */
    seedDemoAppointments?: (firmId: string) => number;
  },
) {
  function importFile(file: WorkspaceFile): WorkspaceImportReport {
    const report: WorkspaceImportReport = { firmsCreated: 0, firmsUpdated: 0, contactsCreated: 0, contactsUpdated: 0 };
    const changedBy = settings.get().secretaryName || 'import';
    // All or nothing: one failing firm (a number owned elsewhere, say) rolls every firm back.
    ctx.db.transaction(() => {
      const now = ctx.now();
      for (const [index, entry] of file.firms.entries()) {
        const outcome = withFirmPath(index, () => firms.writeFirm(entry.id, entry.firm, undefined, changedBy));
        report[outcome === 'created' ? 'firmsCreated' : 'firmsUpdated'] += 1;
        for (const contact of entry.contacts) {
          const owner = ctx.repos.contacts.firmOf(contact.id);
          if (owner && owner !== entry.id) {
            throw new PermanenceError('CONFLICT', `Le contact ${contact.id} appartient déjà à un autre cabinet.`);
          }
          const { id, ...fields } = contact;
          const result = ctx.repos.contacts.upsert(entry.id, id, fields, now);
          report[result === 'created' ? 'contactsCreated' : 'contactsUpdated'] += 1;
        }
        if (options.agenda && (entry.agenda || entry.appointments.length > 0)) {
          const written = options.agenda.importFirm(entry.id, `firms.${index}`, entry.agenda, entry.appointments);
          report.appointments = (report.appointments ?? 0) + written.appointments;
        }
      }
    })();
    if (file.firms.length > 0) ctx.emit('firms:changed', { ids: file.firms.map((f) => f.id) });
    return report;
  }

  function exportFile(): WorkspaceFileInput {
    return {
      format: WORKSPACE_FORMAT,
      version: WORKSPACE_VERSION,
      exportedAt: new Date(ctx.now()).toISOString(),
      firms: firms.list().map((summary) => {
        const detail = firms.get(summary.id);
        const contacts = ctx.repos.contacts.list(summary.id, '', 1_000_000, 0).items;
        return {
          id: detail.id,
          ...(options.agenda ? options.agenda.exportFirm(summary.id) : {}),
          firm: {
            profile: detail.profile,
            people: detail.people,
            consignes: { body: detail.consignes.body, rules: detail.consignes.rules },
            script: detail.script,
            messageFields: detail.messageFields,
            billing: detail.billing,
          },
          contacts: contacts.map((c) => ({
            id: c.id,
            name: c.name,
            company: c.company,
            phones: c.phones,
            email: c.email,
            notes: c.notes,
            vip: c.vip,
            doNotTransfer: c.doNotTransfer,
          })),
        };
      }),
    };
  }

  function markInitialised(): void {
    if (settings.get().workspaceInitialisedAt === null) settings.update({ workspaceInitialisedAt: ctx.now() });
  }

  return {
    importContent(content: string): WorkspaceImportReport {
      return importFile(parseWorkspace(content));
    },
    exportContent(): { content: string; fileName: string } {
      const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
      const file = exportFile();
      // Audit (issue 12): the export holds every firm's contacts; the entry holds only how many.
      options.audit?.record({
        kind: 'export.workspace',
        detail: { firms: file.firms.length, contacts: file.firms.reduce((n, f) => n + (f.contacts?.length ?? 0), 0) },
      });
      return { content: `${JSON.stringify(file, null, 2)}\n`, fileName: `permanence-espace-${stamp}.json` };
    },
    initialise(kind: 'demo' | 'empty'): WorkspaceImportReport {
      const demo =
        kind === 'demo'
          ? parseWorkspace(fs.readFileSync(path.join(options.assetsDir, DEMO_WORKSPACE_FILE), 'utf8'))
          : null;
      const report = demo
        ? importFile(demo)
        : { firmsCreated: 0, firmsUpdated: 0, contactsCreated: 0, contactsUpdated: 0 };
      for (const entry of demo?.firms ?? []) {
        if (entry.agenda)
          report.appointments = (report.appointments ?? 0) + (options.seedDemoAppointments?.(entry.id) ?? 0);
      }
      markInitialised();
      return report;
    },
  };
}
export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
