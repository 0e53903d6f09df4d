import { medicalAgenda, medicalFirm, paris } from './helpers';

describe('agenda: the firm’s set-up (agenda:config / agenda:saveConfig)', () => {
  it('reads back what was saved, with the firm’s zone and a revision that refuses a stale save', async () => {
    const t = await medicalFirm();
    const view = await t.client.agenda.config({ firmId: t.firmId });
    expect(view.timeZone).toBe('Europe/Paris');
    expect(view.config.agendas.map((a) => [a.id, a.name, a.personId, a.template.length])).toEqual([
      ['kerjean', 'Dr Kerjean', 'p1', 10],
      ['morel', 'Dr Morel', null, 5],
    ]);
    expect(view.config.motifs[1]).toMatchObject({
      id: 'suivi',
      durationMinutes: 30,
      newCallersAllowed: false,
      maxPerDay: null,
    });
    expect(view.config.settings).toEqual({
      holidayRegion: 'FR',
      closedOnPublicHolidays: true,
      slotStepMinutes: 15,
      reminderEnabled: true,
      reminderHour: 18,
      practitionerDigestEnabled: false,
      practitionerDigestHour: 19,
    });
    const saved = await t.client.agenda.saveConfig({
      firmId: t.firmId,
      expectedRevision: view.revision,
      config: { ...medicalAgenda(), settings: { holidayRegion: 'FR-alsace-moselle' } },
    });
    expect(saved.revision).toBeGreaterThan(view.revision);
    expect(saved.config.settings.holidayRegion).toBe('FR-alsace-moselle');
    await expect(
      t.client.agenda.saveConfig({ firmId: t.firmId, expectedRevision: view.revision, config: medicalAgenda() }),
    ).rejects.toMatchObject({ code: 'CONFLICT', text: { key: 'agendaErrors.staleConfig' } });
    expect(t.events).toContainEqual({ name: 'agenda:configChanged', payload: { firmId: t.firmId } });
    t.close();
  });

  it('refuses overlapping ranges and an unknown person with the French message at the field', async () => {
    const t = await medicalFirm();
    const config = medicalAgenda();
    config.agendas![1]!.template!.push({ weekday: 1, start: '12:00', end: '13:00' });
    await expect(t.client.agenda.saveConfig({ firmId: t.firmId, config })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'config.agendas.1.template.5.start', message: 'validation.overlappingRanges' }],
    });
    const stranger = medicalAgenda();
    stranger.agendas![1]!.personId = 'inconnu';
    const refused = await t.client.agenda.saveConfig({ firmId: t.firmId, config: stranger }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'config.agendas.1.personId', message: 'validation.unknownPerson' }],
    });
    expect((refused as Error).message).toBe(
      'Agenda refusé : config.agendas.1.personId : personne inconnue dans ce cabinet',
    );
    t.close();
  });

  it('refuses to remove an agenda or a motif that appointments use, and allows deactivating it', async () => {
    const t = await medicalFirm();
    await t.client.agenda.book({
      firmId: t.firmId,
      agendaId: 'morel',
      motifId: 'consult',
      startsAt: paris('2026-12-07T09:00'),
      caller: { name: 'M. Petit' },
    });
    const withoutMorel = medicalAgenda();
    withoutMorel.agendas = withoutMorel.agendas!.filter((a) => a.id !== 'morel');
    withoutMorel.motifs = withoutMorel.motifs!.map((m) => ({ ...m, agendaIds: ['kerjean'] }));
    await expect(t.client.agenda.saveConfig({ firmId: t.firmId, config: withoutMorel })).rejects.toMatchObject({
      code: 'CONFLICT',
      text: { key: 'agendaErrors.inUse', values: { name: 'Dr Morel' } },
    });
    const inactive = medicalAgenda();
    inactive.agendas![1]!.active = false;
    const saved = await t.client.agenda.saveConfig({ firmId: t.firmId, config: inactive });
    expect(saved.config.agendas[1]!.active).toBe(false);
    const slots = await t.client.agenda.findSlots({ firmId: t.firmId, motifId: 'consult', limit: 3 });
    expect(new Set(slots.map((s) => s.agendaId))).toEqual(new Set(['kerjean']));
    t.close();
  });
});
