import type { z } from 'zod';
import { minutesOf } from '../firm/hours';
import { v, type ValidationKey } from '../validation-messages';

/** The parts of a config the rules read (structural, so config.ts can use this before its types exist). */
interface ConfigShape {
  agendas: Array<{ id: string; template: Array<{ weekday: number; start: string; end: string; motifIds: string[] }> }>;
  motifs: Array<{
    id: string;
    durationMinutes: number;
    bufferBeforeMinutes: number;
    bufferAfterMinutes: number;
    agendaIds: string[];
  }>;
  exceptions: Array<{ id: string; agendaId: string | null; motifIds: string[] }>;
}

/** Minutes a motif holds its agenda: the buffers count, a 20-minute visit with 10 minutes after needs 30 free. */
export function motifSpanMinutes(m: ConfigShape['motifs'][number]): number {
  return m.bufferBeforeMinutes + m.durationMinutes + m.bufferAfterMinutes;
}

/**
 * Rules across the lists, each one a French message at the field that breaks it (form and import alike):
 * duplicate ids, overlapping ranges of one weekday, references to an agenda or motif that does not exist, and a
 * motif that no range of any agenda offering it can hold (it would never be bookable).
 */
export function checkAgendaConfig(config: ConfigShape, ctx: z.RefinementCtx): void {
  const issue = (message: ValidationKey, path: Array<string | number>) =>
    ctx.addIssue({ code: 'custom', message: v(message), path });
  const agendaIds = new Set<string>();
  const motifIds = new Set<string>();
  config.agendas.forEach((agenda, a) => {
    if (agendaIds.has(agenda.id)) issue('duplicateId', ['agendas', a, 'id']);
    agendaIds.add(agenda.id);
  });
  config.motifs.forEach((motif, m) => {
    if (motifIds.has(motif.id)) issue('duplicateId', ['motifs', m, 'id']);
    motifIds.add(motif.id);
    motif.agendaIds.forEach((id, i) => {
      if (!agendaIds.has(id)) issue('unknownAgenda', ['motifs', m, 'agendaIds', i]);
    });
  });

  config.agendas.forEach((agenda, a) => {
    const byDay = new Map<number, Array<{ start: number; end: number; index: number }>>();
    agenda.template.forEach((range, r) => {
      range.motifIds.forEach((id, i) => {
        if (!motifIds.has(id)) issue('unknownMotif', ['agendas', a, 'template', r, 'motifIds', i]);
      });
      const list = byDay.get(range.weekday) ?? [];
      list.push({ start: minutesOf(range.start), end: minutesOf(range.end), index: r });
      byDay.set(range.weekday, list);
    });
    for (const ranges of byDay.values()) {
      ranges.sort((x, y) => x.start - y.start);
      for (let i = 1; i < ranges.length; i += 1) {
        if (ranges[i]!.start < ranges[i - 1]!.end) {
          issue('overlappingRanges', ['agendas', a, 'template', ranges[i]!.index, 'start']);
        }
      }
    }
  });

  config.motifs.forEach((motif, m) => {
    const span = motifSpanMinutes(motif);
    const offering = config.agendas.filter((agenda) => motif.agendaIds.includes(agenda.id));
    const ranges = offering.flatMap((agenda) =>
      agenda.template.filter((r) => r.motifIds.length === 0 || r.motifIds.includes(motif.id)),
    );
    if (ranges.length > 0 && ranges.every((r) => minutesOf(r.end) - minutesOf(r.start) < span)) {
      issue('motifLongerThanRanges', ['motifs', m, 'durationMinutes']);
    }
  });

  const exceptionIds = new Set<string>();
  config.exceptions.forEach((exception, e) => {
    if (exceptionIds.has(exception.id)) issue('duplicateId', ['exceptions', e, 'id']);
    exceptionIds.add(exception.id);
    if (exception.agendaId !== null && !agendaIds.has(exception.agendaId)) {
      issue('unknownAgenda', ['exceptions', e, 'agendaId']);
    }
    exception.motifIds.forEach((id, i) => {
      if (!motifIds.has(id)) issue('unknownMotif', ['exceptions', e, 'motifIds', i]);
    });
  });
}
