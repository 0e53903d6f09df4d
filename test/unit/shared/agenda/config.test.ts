import { agendaConfigSchema } from '../../../../shared/domain/agenda/config';
import { frenchMessage } from '../../../../shared/domain/validation-messages';
import { medicalConfig } from './fixtures';

function issuesOf(input: unknown) {
  const result = agendaConfigSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: frenchMessage(i.message) }));
}

const base = () => JSON.parse(JSON.stringify(medicalConfig())) as ReturnType<typeof medicalConfig>;

describe('agenda configuration rules (form and workspace import)', () => {
  it('accepts two practitioners with their templates and motifs', () => {
    expect(issuesOf(base())).toEqual([]);
  });

  it('refuses two ranges of one weekday that overlap, at the second range, in French', () => {
    const config = base();
    config.agendas[0]!.template.push({ weekday: 1, start: '11:30', end: '13:00', motifIds: [] });
    expect(issuesOf(config)).toEqual([
      { path: 'agendas.0.template.10.start', message: 'plages qui se chevauchent le même jour' },
    ]);
  });

  it('refuses a motif that no range of its agendas can hold, buffers included', () => {
    const config = base();
    config.agendas[1]!.template = [{ weekday: 2, start: '09:00', end: '09:45', motifIds: [] }];
    config.motifs.push({ ...config.motifs[1]!, id: 'long', agendaIds: ['morel'], durationMinutes: 40 });
    expect(issuesOf(config)).toEqual([
      {
        path: 'motifs.2.durationMinutes',
        message: 'motif plus long que toutes les plages qui l’accueillent (tampons compris)',
      },
    ]);
  });

  it('refuses references to an agenda or a motif that does not exist', () => {
    const config = base();
    config.motifs[0]!.agendaIds.push('dupont');
    config.agendas[0]!.template[0]!.motifIds = ['radio'];
    expect(issuesOf(config)).toEqual([
      { path: 'motifs.0.agendaIds.2', message: 'agenda inconnu' },
      { path: 'agendas.0.template.0.motifIds.0', message: 'motif inconnu' },
    ]);
  });

  it('refuses a closure given to one agenda, an opening without hours and an end before its start', () => {
    const config = base();
    config.exceptions = [
      {
        id: 'x1',
        kind: 'closure',
        agendaId: 'morel',
        from: '2026-12-24',
        to: '2026-12-26',
        start: null,
        end: null,
        motifIds: [],
        label: '',
      },
      {
        id: 'x2',
        kind: 'opening',
        agendaId: 'morel',
        from: '2026-12-19',
        to: '2026-12-19',
        start: null,
        end: null,
        motifIds: [],
        label: '',
      },
      {
        id: 'x3',
        kind: 'absence',
        agendaId: 'morel',
        from: '2026-12-10',
        to: '2026-12-09',
        start: null,
        end: null,
        motifIds: [],
        label: '',
      },
    ];
    expect(issuesOf(config)).toEqual([
      { path: 'exceptions.0.agendaId', message: 'une fermeture concerne tout le cabinet, pas un agenda' },
      { path: 'exceptions.1.start', message: 'préciser l’heure de début et l’heure de fin' },
      { path: 'exceptions.2.to', message: 'la fin doit suivre le début' },
    ]);
  });

  it('refuses duplicate ids and an unknown slot step', () => {
    const config = base();
    config.agendas[1]!.id = 'kerjean';
    const issues = issuesOf({ ...config, settings: { ...config.settings, slotStepMinutes: 7 } });
    expect(issues.map((i) => i.path)).toEqual(['settings.slotStepMinutes']);
    expect(issuesOf(config)).toContainEqual({ path: 'agendas.1.id', message: 'identifiant en double' });
  });
});
