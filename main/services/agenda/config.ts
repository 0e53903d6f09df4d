import { PermanenceError } from '../../../shared/api';
import type { AgendaConfigView } from '../../../shared/contract/methods/agenda';
import type { AgendaConfig } from '../../../shared/domain/agenda/config';
import { frenchMessage, v } from '../../../shared/domain/validation-messages';
import { createAgendaConfigRepository } from '../../store/repositories/agenda-config';
import type { AppointmentsRepository } from '../../store/repositories/appointments';
import type { ServiceContext } from '../context';
import type { FirmsService } from '../firms';
import { agendaError } from './errors';

/** A firm's agenda set-up: read, saved from the « Agenda » tab, written by workspace import. */
export function createAgendaConfigService(
  ctx: ServiceContext,
  deps: { firms: FirmsService; appointments: AppointmentsRepository },
) {
  const repo = createAgendaConfigRepository(ctx.db);

  /**
   * Read during calls (slots, ring card), so kept in memory per firm and checked with two one-row reads: the
   * firm's revision (its zone may change) and the config's revision (every write moves it forward).
   */
  const cache = new Map<string, { firmRevision: number; view: AgendaConfigView }>();

  function view(firmId: string): AgendaConfigView {
    const firmRevision = ctx.repos.firms.revisionOf(firmId);
    const revision = repo.revision(firmId);
    const cached = cache.get(firmId);
    if (cached && firmRevision && !firmRevision.archived && cached.firmRevision === firmRevision.revision) {
      if (cached.view.revision === revision) return cached.view;
    }
    const firm = deps.firms.get(firmId);
    const stored = repo.get(firmId);
    const fresh = { firmId, revision: stored.revision, timeZone: firm.profile.timeZone, config: stored.config };
    cache.set(firmId, { firmRevision: firm.revision, view: fresh });
    return fresh;
  }

  /**
   * The checks that need the store: ids owned by another firm, people that are not the firm's, and agendas or
   * motifs removed while appointments still use them (history would lose its meaning: deactivate instead).
   */
  function assertWritable(firmId: string, config: AgendaConfig): void {
    const people = new Set(deps.firms.get(firmId).people.map((p) => p.id));
    const issues = config.agendas.flatMap((agenda, index) =>
      agenda.personId !== null && !people.has(agenda.personId)
        ? [{ path: `config.agendas.${index}.personId`, message: v('unknownPerson') }]
        : [],
    );
    if (issues.length > 0) {
      throw new PermanenceError(
        'VALIDATION',
        `Agenda refusé : ${issues.map((i) => `${i.path} : ${frenchMessage(i.message)}`).join(' ; ')}`,
        issues,
      );
    }
    for (const [kind, list] of [
      ['agenda', config.agendas],
      ['motif', config.motifs],
    ] as const) {
      for (const item of list) {
        const owner = repo.ownerOf(kind, item.id);
        if (owner !== null && owner !== firmId) throw agendaError('CONFLICT', 'otherFirm', { id: item.id });
      }
    }
    const removed = repo.removedIds(firmId, config);
    const current = repo.get(firmId).config;
    for (const id of removed.agendas) {
      if (deps.appointments.countUsing(id, '') > 0) {
        throw agendaError('CONFLICT', 'inUse', { name: current.agendas.find((a) => a.id === id)?.name ?? id });
      }
    }
    for (const id of removed.motifs) {
      if (deps.appointments.countUsing('', id) > 0) {
        throw agendaError('CONFLICT', 'inUse', { name: current.motifs.find((m) => m.id === id)?.name ?? id });
      }
    }
  }

  /** Writes without a transaction of its own, so a workspace import writes every firm in one. */
  function write(firmId: string, config: AgendaConfig): void {
    assertWritable(firmId, config);
    const previous = repo.get(firmId).revision;
    repo.replace(firmId, config, Math.max(ctx.now(), previous + 1));
  }

  return {
    repo,
    view,
    write,
    save(firmId: string, config: AgendaConfig, expectedRevision: number | undefined): AgendaConfigView {
      deps.firms.get(firmId);
      ctx.db.transaction(() => {
        if (expectedRevision !== undefined && repo.get(firmId).revision !== expectedRevision) {
          throw agendaError('CONFLICT', 'staleConfig');
        }
        write(firmId, config);
      })();
      ctx.emit('agenda:configChanged', { firmId });
      return view(firmId);
    },
  };
}
export type AgendaConfigService = ReturnType<typeof createAgendaConfigService>;
