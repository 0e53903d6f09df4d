import { PermanenceError } from '../../shared/api';
import { makeFirmDraft, openTestContext, parsedDraft } from '../fixtures/factories';

describe('firms service and repository', () => {
  it('stores a whole firm and reads every part back, with numbers in E.164', () => {
    const t = openTestContext();
    const saved = t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
    const read = t.services.firms.get(saved.id);
    expect(read.profile.name).toBe('Cabinet Test');
    expect(read.profile.numbers).toEqual([{ e164: '+33199000001', label: 'standard' }]);
    expect(read.people[0]).toMatchObject({ id: 'p1', name: 'Me Alice Test', isDefaultRecipient: true });
    expect(read.consignes).toMatchObject({ version: 1, body: 'Toujours demander le numéro de dossier.' });
    expect(read.script.steps[0]?.id).toBe('accueil');
    expect(read.profile.weeklyHours[1]).toEqual([
      { start: '09:00', end: '12:30' },
      { start: '14:00', end: '18:00' },
    ]);
    t.close();
  });

  it('refuses a number that already belongs to another firm, naming that firm, and writes nothing', () => {
    const t = openTestContext();
    t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Premier' })) });
    const before = t.services.firms.list();
    expect(() => t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Second' })) })).toThrow(/Premier/);
    expect(t.services.firms.list()).toEqual(before);
    t.close();
  });

  it('versions the consignes only when they change, recording who changed them', () => {
    let now = 1_000;
    const t = openTestContext({ now: () => now });
    t.services.settings.update({ secretaryName: 'Sophie' });
    const first = t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
    now = 2_000;
    const unchanged = t.services.firms.save({
      id: first.id,
      draft: parsedDraft(makeFirmDraft({ notes: 'autre note' })),
    });
    expect(unchanged.consignes.version).toBe(1);
    now = 3_000;
    const changed = t.services.firms.save({
      id: first.id,
      draft: parsedDraft(makeFirmDraft({}, { consignes: { body: 'Nouvelle consigne', rules: {} } })),
    });
    expect(changed.consignes).toMatchObject({
      version: 2,
      body: 'Nouvelle consigne',
      changedBy: 'Sophie',
      changedAt: 3_000,
    });
    expect(t.services.firms.consigneHistory(first.id).map((v) => v.version)).toEqual([2, 1]);
    t.close();
  });

  it('refuses a save based on a stale revision instead of overwriting a newer one', () => {
    const t = openTestContext();
    const first = t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
    t.services.firms.save({
      id: first.id,
      expectedRevision: first.revision,
      draft: parsedDraft(makeFirmDraft({ name: 'V2' })),
    });
    expect(() =>
      t.services.firms.save({
        id: first.id,
        expectedRevision: first.revision,
        draft: parsedDraft(makeFirmDraft({ name: 'V3' })),
      }),
    ).toThrow(PermanenceError);
    expect(t.services.firms.get(first.id).profile.name).toBe('V2');
    t.close();
  });

  it('archives a firm: it leaves the list and frees its numbers for another firm', () => {
    const t = openTestContext();
    const first = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Ancien' })) });
    t.services.firms.archive(first.id);
    expect(t.services.firms.list()).toEqual([]);
    expect(() => t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Nouveau' })) })).not.toThrow();
    t.close();
  });

  it('lists firms alphabetically, accents and case ignored, with their numbers', () => {
    const t = openTestContext();
    for (const [name, number] of [
      ['étude Zola', '01 99 00 00 11'],
      ['Agence Bleue', '01 99 00 00 12'],
      ['cabinet Émile', '01 99 00 00 13'],
    ] as const) {
      t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name, numbers: [{ e164: number }] })) });
    }
    const list = t.services.firms.list();
    expect(list.map((f) => f.name)).toEqual(['Agence Bleue', 'cabinet Émile', 'étude Zola']);
    expect(list[0]?.numbers).toEqual(['+33199000012']);
    t.close();
  });
});
