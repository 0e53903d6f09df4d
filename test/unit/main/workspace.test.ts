import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import { sourceRoot } from '../../../main/platform/paths';
import { openTestContext } from '../../fixtures/factories';

const demo = fs.readFileSync(path.join(sourceRoot(), 'assets', 'demo-workspace.json'), 'utf8');

function counts(t: ReturnType<typeof openTestContext>) {
  const get = (sql: string) => (t.db.prepare(sql).get() as { n: number }).n;
  return {
    firms: get('SELECT count(*) AS n FROM firms'),
    people: get('SELECT count(*) AS n FROM people'),
    contacts: get('SELECT count(*) AS n FROM contacts'),
    numbers: get('SELECT count(*) AS n FROM firm_numbers'),
    consignes: get('SELECT count(*) AS n FROM consigne_versions'),
  };
}

describe('workspace import and export', () => {
  it('imports the demo workspace and re-imports it without duplicating anything', () => {
    const t = openTestContext();
    const first = t.services.workspace.importContent(demo);
    expect(first).toMatchObject({ firmsCreated: 5, firmsUpdated: 0 });
    const after = counts(t);
    const second = t.services.workspace.importContent(demo);
    expect(second).toMatchObject({ firmsCreated: 0, firmsUpdated: 5, contactsCreated: 0 });
    expect(counts(t)).toEqual(after);
    t.close();
  });

  it('round-trips: an export imported into a fresh store gives the same export', () => {
    const a = openTestContext();
    a.services.workspace.importContent(demo);
    const exported = JSON.parse(a.services.workspace.exportContent().content);
    const b = openTestContext();
    b.services.workspace.importContent(JSON.stringify(exported));
    const again = JSON.parse(b.services.workspace.exportContent().content);
    expect(again.firms).toEqual(exported.firms);
    a.close();
    b.close();
  });

  it('never exports a secret', () => {
    const t = openTestContext();
    t.services.workspace.importContent(demo);
    t.services.secrets.set('sip.password', 'tres-secret-123');
    expect(t.services.workspace.exportContent().content).not.toContain('tres-secret-123');
    t.close();
  });

  it('is all or nothing: one firm whose number belongs to another firm rolls every firm back', () => {
    const t = openTestContext();
    t.services.workspace.importContent(demo);
    const before = counts(t);
    const file = JSON.parse(demo);
    file.firms[0].firm.profile.notes = 'changed';
    const stolen = file.firms[1].firm.profile.numbers[0].e164;
    file.firms.push({
      ...file.firms[2],
      id: 'intruder',
      contacts: [],
      firm: { ...file.firms[2].firm, profile: { ...file.firms[2].firm.profile, numbers: [{ e164: stolen }] } },
    });
    let error: unknown;
    try {
      t.services.workspace.importContent(JSON.stringify(file));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PermanenceError);
    expect((error as PermanenceError).issues?.[0]?.path).toBe('firms.5.firm.profile.numbers.0.e164');
    expect(counts(t)).toEqual(before);
    expect(t.services.firms.get('demo-cabinet-martin').profile.notes).not.toBe('changed');
    t.close();
  });

  it.each([
    ['not JSON', '{ oops', /JSON valide/],
    ['another format', '{"format":"other"}', /pas un espace de travail/],
    ['a newer format', '{"format":"permanence-workspace","version":99,"firms":[]}', /version plus récente/],
    [
      'a firm without a name',
      JSON.stringify({
        format: 'permanence-workspace',
        version: 1,
        firms: [
          {
            id: 'x',
            firm: { profile: { sector: 'autre', color: '#000000', greeting: 'b', numbers: [] }, consignes: {} },
          },
        ],
      }),
      /firms\.0\.firm\.profile\.name/,
    ],
    [
      'the same firm twice',
      JSON.stringify({
        format: 'permanence-workspace',
        version: 1,
        firms: [0, 1].map(() => ({
          id: 'x',
          firm: {
            profile: { name: 'A', sector: 'autre', color: '#000000', greeting: 'b', numbers: [] },
            consignes: {},
          },
        })),
      }),
      /firms\.1\.id : identifiant en double/,
    ],
  ])('refuses %s with a message naming the problem, and writes nothing', (_label, content, message) => {
    const t = openTestContext();
    expect(() => t.services.workspace.importContent(content)).toThrow(message);
    expect(counts(t).firms).toBe(0);
    t.close();
  });
});
