import { DateTime } from 'luxon';
import { PermanenceError } from '../../../../shared/api';
import { openTestContext } from '../../../fixtures/factories';
import { paris } from './helpers';

const KERJEAN = 'demo-docteur-kerjean';

describe('agenda in the workspace file and the demo', () => {
  it('opens the demo with the medical firm’s two practitioners, its motifs and a month of appointments around today', async () => {
    const now = paris('2026-12-03T10:00');
    const t = openTestContext({ now: () => now });
    const report = await t.client.workspace.initialise({ kind: 'demo' });
    const { config } = await t.client.agenda.config({ firmId: KERJEAN });
    expect(config.agendas.map((a) => [a.name, a.personId])).toEqual([
      ['Dr Hélène Kerjean', 'helene-kerjean'],
      ['Dr Antoine Morel', 'antoine-morel'],
    ]);
    expect(config.motifs.length).toBeGreaterThanOrEqual(5);
    const month = await t.client.agenda.list({ firmId: KERJEAN, from: paris('2026-11-19T00:00'), days: 31 });
    expect(report.appointments).toBe(month.appointments.length);
    expect(month.appointments.length).toBeGreaterThan(150);
    const days = new Set(
      month.appointments.map((a) => DateTime.fromMillis(a.startsAt, { zone: 'Europe/Paris' }).toISODate()),
    );
    expect(days.size).toBeGreaterThan(18);
    expect(new Set(month.appointments.map((a) => a.agendaId))).toEqual(new Set(['agenda-kerjean', 'agenda-morel']));
    const past = month.appointments.filter((a) => a.endsAt < now);
    const ahead = month.appointments.filter((a) => a.startsAt > now);
    expect(new Set(past.map((a) => a.status))).toEqual(new Set(['done', 'no_show', 'cancelled']));
    expect(ahead.every((a) => a.status === 'booked' || a.status === 'moved')).toBe(true);
    expect(month.appointments.every((a) => a.contactId !== null && /^\+33[67]/.test(a.callerPhone))).toBe(true);
    // Never on a public holiday, a Sunday, or over another appointment of the same agenda.
    expect(days.has('2026-11-22')).toBe(false);
    const live = month.appointments.filter((a) => a.status !== 'cancelled');
    for (const a of live) {
      expect(
        live.some((b) => b !== a && b.agendaId === a.agendaId && b.startsAt < a.endsAt && b.endsAt > a.startsAt),
      ).toBe(false);
    }
    // Opening the demo twice adds nothing.
    await t.client.workspace.initialise({ kind: 'demo' });
    const again = await t.client.agenda.list({ firmId: KERJEAN, from: paris('2026-11-19T00:00'), days: 31 });
    expect(again.appointments.length).toBe(month.appointments.length);
    t.close();
  });

  it('exports the agenda and appointments and imports them into another store as the same rows', async () => {
    const now = paris('2026-12-03T10:00');
    const source = openTestContext({ now: () => now });
    await source.client.workspace.initialise({ kind: 'demo' });
    const { content } = source.services.workspace.exportContent();
    const before = await source.client.agenda.list({ firmId: KERJEAN, from: paris('2026-11-15T00:00'), days: 42 });
    source.close();
    const target = openTestContext({ now: () => now });
    const report = target.services.workspace.importContent(content);
    expect(report.appointments).toBe(before.appointments.length);
    const after = await target.client.agenda.list({ firmId: KERJEAN, from: paris('2026-11-15T00:00'), days: 42 });
    const strip = (list: typeof before.appointments) =>
      list.map(({ updatedAt: _u, updatedBy: _b, timeEntryId: _t, ...rest }) => rest);
    expect(strip(after.appointments)).toEqual(strip(before.appointments));
    // Importing the same file again updates the rows in place.
    target.services.workspace.importContent(content);
    expect((target.db.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n).toBe(
      before.appointments.length,
    );
    target.close();
  });

  it('refuses a file whose agenda breaks a rule, in French and at its place in the file, writing nothing', async () => {
    const t = openTestContext();
    const file = JSON.parse(t.services.workspace.exportContent().content) as { firms: unknown[] };
    const demo = JSON.parse(
      (await import('node:fs')).readFileSync(
        (await import('node:path')).join(__dirname, '../../../../assets/demo-workspace.json'),
        'utf8',
      ),
    ) as {
      firms: Array<{ id: string; agenda?: { agendas: Array<{ template: unknown[] }> }; appointments?: unknown[] }>;
    };
    const kerjean = demo.firms.find((f) => f.id === KERJEAN)!;
    kerjean.agenda!.agendas[1]!.template.push({ weekday: 2, start: '18:00', end: '20:00' });
    let error = (() => {
      try {
        t.services.workspace.importContent(JSON.stringify(demo));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PermanenceError);
    const index = demo.firms.indexOf(kerjean);
    expect((error as PermanenceError).issues).toEqual([
      { path: `firms.${index}.agenda.agendas.1.template.5.start`, message: 'validation.overlappingRanges' },
    ]);
    expect((error as Error).message).toContain('plages qui se chevauchent le même jour');
    kerjean.agenda!.agendas[1]!.template.pop();
    kerjean.appointments = [
      {
        id: 'rdv-1',
        agendaId: 'agenda-morel',
        motifId: 'radiologie',
        startsAt: paris('2026-12-08T15:00'),
        endsAt: paris('2026-12-08T15:20'),
        timeZone: 'Europe/Paris',
      },
    ];
    error = (() => {
      try {
        t.services.workspace.importContent(JSON.stringify(demo));
      } catch (e) {
        return e;
      }
    })();
    expect((error as PermanenceError).issues).toEqual([
      { path: `firms.${index}.appointments.0.motifId`, message: 'validation.unknownMotif' },
    ]);
    (kerjean.appointments[0] as { timeZone: string }).timeZone = 'Europe/Lutece';
    error = (() => {
      try {
        t.services.workspace.importContent(JSON.stringify(demo));
      } catch (e) {
        return e;
      }
    })();
    expect((error as Error).message).toContain('fuseau horaire inconnu');
    expect(file.firms).toEqual([]);
    expect((t.db.prepare('SELECT count(*) AS n FROM firms').get() as { n: number }).n).toBe(0);
    t.close();
  });
});
