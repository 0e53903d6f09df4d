import {
  agendaSettingsSchema,
  type AgendaConfig,
  type AgendaException,
  type Motif,
} from '../../../shared/domain/agenda/config';
import type { Db } from '../open';
import { fromJson, toJson } from './json';

interface AgendaRow {
  id: string;
  name: string;
  kind: AgendaConfig['agendas'][number]['kind'];
  person_id: string | null;
  color: string;
  active: number;
  template: string;
}

interface MotifRow {
  id: string;
  name: string;
  duration_minutes: number;
  color: string;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  agenda_ids: string;
  new_callers_allowed: number;
  instructions: string;
  max_per_day: number | null;
}

interface ExceptionRow {
  id: string;
  kind: AgendaException['kind'];
  agenda_id: string | null;
  from_date: string;
  to_date: string;
  start_time: string | null;
  end_time: string | null;
  motif_ids: string;
  label: string;
}

/** A firm's agenda set-up, stored as rows and read back as the document the tab and the workspace file use. */
export function createAgendaConfigRepository(db: Db) {
  const s = {
    settings: db.prepare<[string], { data: string; updated_at: number }>(
      'SELECT data, updated_at FROM agenda_settings WHERE id = ?',
    ),
    agendas: db.prepare<[string], AgendaRow>('SELECT * FROM agendas WHERE firm_id = ? ORDER BY position'),
    motifs: db.prepare<[string], MotifRow>('SELECT * FROM agenda_motifs WHERE firm_id = ? ORDER BY position'),
    exceptions: db.prepare<[string], ExceptionRow>(
      'SELECT * FROM agenda_exceptions WHERE firm_id = ? ORDER BY from_date, id',
    ),
    upsertSettings: db.prepare<[string, string, number]>(
      `INSERT INTO agenda_settings (id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    ),
    upsertAgenda: db.prepare(
      `INSERT INTO agendas (id, firm_id, position, name, kind, person_id, color, active, template, created_at, updated_at)
       VALUES (@id, @firmId, @position, @name, @kind, @personId, @color, @active, @template, @now, @now)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, kind = excluded.kind,
         person_id = excluded.person_id, color = excluded.color, active = excluded.active,
         template = excluded.template, updated_at = excluded.updated_at
       WHERE agendas.firm_id = excluded.firm_id`,
    ),
    upsertMotif: db.prepare(
      `INSERT INTO agenda_motifs (id, firm_id, position, name, duration_minutes, color, buffer_before_minutes,
         buffer_after_minutes, agenda_ids, new_callers_allowed, instructions, max_per_day, created_at, updated_at)
       VALUES (@id, @firmId, @position, @name, @durationMinutes, @color, @bufferBeforeMinutes, @bufferAfterMinutes,
         @agendaIds, @newCallersAllowed, @instructions, @maxPerDay, @now, @now)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name,
         duration_minutes = excluded.duration_minutes, color = excluded.color,
         buffer_before_minutes = excluded.buffer_before_minutes, buffer_after_minutes = excluded.buffer_after_minutes,
         agenda_ids = excluded.agenda_ids, new_callers_allowed = excluded.new_callers_allowed,
         instructions = excluded.instructions, max_per_day = excluded.max_per_day, updated_at = excluded.updated_at
       WHERE agenda_motifs.firm_id = excluded.firm_id`,
    ),
    deleteExceptions: db.prepare<[string]>('DELETE FROM agenda_exceptions WHERE firm_id = ?'),
    insertException: db.prepare(
      `INSERT INTO agenda_exceptions (id, firm_id, agenda_id, kind, from_date, to_date, start_time, end_time, motif_ids, label)
       VALUES (@id, @firmId, @agendaId, @kind, @from, @to, @start, @end, @motifIds, @label)`,
    ),
    agendaIds: db.prepare<[string], { id: string }>('SELECT id FROM agendas WHERE firm_id = ?'),
    motifIds: db.prepare<[string], { id: string }>('SELECT id FROM agenda_motifs WHERE firm_id = ?'),
    deleteAgenda: db.prepare<[string]>('DELETE FROM agendas WHERE id = ?'),
    deleteMotif: db.prepare<[string]>('DELETE FROM agenda_motifs WHERE id = ?'),
    ownerOfAgenda: db.prepare<[string], { firm_id: string }>('SELECT firm_id FROM agendas WHERE id = ?'),
    ownerOfMotif: db.prepare<[string], { firm_id: string }>('SELECT firm_id FROM agenda_motifs WHERE id = ?'),
  };

  const toMotif = (r: MotifRow): Motif => ({
    id: r.id,
    name: r.name,
    durationMinutes: r.duration_minutes,
    color: r.color,
    bufferBeforeMinutes: r.buffer_before_minutes,
    bufferAfterMinutes: r.buffer_after_minutes,
    agendaIds: fromJson<string[]>(r.agenda_ids),
    newCallersAllowed: r.new_callers_allowed === 1,
    instructions: r.instructions,
    maxPerDay: r.max_per_day,
  });

  return {
    /** The config's revision alone: one indexed row, read before trusting a cached config. */
    revision: (firmId: string): number => s.settings.get(firmId)?.updated_at ?? 0,
    /** The firm's config and its revision (the last save's time; 0 before the first). */
    get(firmId: string): { config: AgendaConfig; revision: number } {
      const settings = s.settings.get(firmId);
      return {
        revision: settings?.updated_at ?? 0,
        config: {
          settings: agendaSettingsSchema.parse(settings ? fromJson(settings.data) : {}),
          agendas: s.agendas.all(firmId).map((r) => ({
            id: r.id,
            name: r.name,
            kind: r.kind,
            personId: r.person_id,
            color: r.color,
            active: r.active === 1,
            template: fromJson(r.template),
          })),
          motifs: s.motifs.all(firmId).map(toMotif),
          exceptions: s.exceptions.all(firmId).map((r) => ({
            id: r.id,
            kind: r.kind,
            agendaId: r.agenda_id,
            from: r.from_date,
            to: r.to_date,
            start: r.start_time,
            end: r.end_time,
            motifIds: fromJson<string[]>(r.motif_ids),
            label: r.label,
          })),
        },
      };
    },
    /** Ids the config would drop (the service refuses when appointments still use them). */
    removedIds(firmId: string, config: AgendaConfig): { agendas: string[]; motifs: string[] } {
      const keepA = new Set(config.agendas.map((a) => a.id));
      const keepM = new Set(config.motifs.map((m) => m.id));
      return {
        agendas: s.agendaIds
          .all(firmId)
          .map((r) => r.id)
          .filter((id) => !keepA.has(id)),
        motifs: s.motifIds
          .all(firmId)
          .map((r) => r.id)
          .filter((id) => !keepM.has(id)),
      };
    },
    /** The firm owning an agenda or motif id, so one firm's save cannot take over another's rows. */
    ownerOf(kind: 'agenda' | 'motif', id: string): string | null {
      return (kind === 'agenda' ? s.ownerOfAgenda : s.ownerOfMotif).get(id)?.firm_id ?? null;
    },
    /** Replaces the whole config; the caller owns the transaction and has checked removals and owners. */
    replace(firmId: string, config: AgendaConfig, now: number): void {
      const removed = this.removedIds(firmId, config);
      s.deleteExceptions.run(firmId);
      removed.motifs.forEach((id) => s.deleteMotif.run(id));
      removed.agendas.forEach((id) => s.deleteAgenda.run(id));
      config.agendas.forEach((a, position) =>
        s.upsertAgenda.run({
          id: a.id,
          firmId,
          position,
          name: a.name,
          kind: a.kind,
          personId: a.personId,
          color: a.color,
          active: a.active ? 1 : 0,
          template: toJson(a.template),
          now,
        }),
      );
      config.motifs.forEach((m, position) =>
        s.upsertMotif.run({
          ...m,
          firmId,
          position,
          agendaIds: toJson(m.agendaIds),
          newCallersAllowed: m.newCallersAllowed ? 1 : 0,
          now,
        }),
      );
      config.exceptions.forEach((e) => s.insertException.run({ ...e, firmId, motifIds: toJson(e.motifIds) }));
      s.upsertSettings.run(firmId, toJson(config.settings), now);
    },
  };
}
export type AgendaConfigRepository = ReturnType<typeof createAgendaConfigRepository>;
