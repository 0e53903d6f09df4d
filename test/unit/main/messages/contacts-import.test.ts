import { openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { martinDraft } from '../../../integration/messaging-context';

let t: TestContext;
let firmId: string;
beforeEach(() => {
  t = openTestContext();
  firmId = t.services.firms.save({ draft: parsedDraft(martinDraft()) }).id;
});
afterEach(() => t.close());

const GOOD =
  '\uFEFFNom;Prénom;Société;Téléphone;E-mail;VIP\r\nLefèvre;Anne;;06 12 34 56 78;anne@exemple.fr;oui\r\nSmith;John;ACME Ltd;+44 20 7946 0958;;\r\n';

describe('importing a firm’s contacts from a CRM export', () => {
  it('guesses the columns, reads French and international numbers, and writes every line', async () => {
    const report = await t.client.contacts.importCsv({ firmId, csv: GOOD });
    expect(report).toMatchObject({ total: 2, valid: 2, applied: true, created: 2, updated: 0 });
    expect(report.mapping).toMatchObject({
      lastName: 'Nom',
      firstName: 'Prénom',
      company: 'Société',
      phone: 'Téléphone',
      email: 'E-mail',
      vip: 'VIP',
    });
    const contacts = (await t.client.contacts.list({ firmId })).items;
    expect(contacts.map((c) => [c.name, c.phones, c.vip])).toEqual([
      ['Anne Lefèvre', ['+33612345678'], true],
      ['John Smith', ['+442079460958'], false],
    ]);
  });

  it('writes nothing when one line is wrong, and reports each line with its number', async () => {
    const csv = 'name,phone,email\nAnne,0612345678,anne@exemple.fr\n,12,pas-une-adresse\nBob,0612345678,\n';
    const report = await t.client.contacts.importCsv({ firmId, csv });
    expect(report.applied).toBe(false);
    expect(report.lines).toEqual([
      { line: 2, name: 'Anne', ok: true, action: 'create', problems: [] },
      {
        line: 3,
        name: '',
        ok: false,
        action: null,
        problems: ['nom manquant', 'numéro invalide « 12 »', 'adresse e-mail invalide « pas-une-adresse »'],
      },
      { line: 4, name: 'Bob', ok: false, action: null, problems: ['même numéro que la ligne 2'] },
    ]);
    expect((await t.client.contacts.list({ firmId })).total).toBe(0);
  });

  it('updates the contact already known by its number instead of duplicating it, with an explicit mapping', async () => {
    await t.client.contacts.save({
      firmId,
      contact: { name: 'A. Lefèvre', phones: ['0612345678'], notes: 'cliente depuis 2019' },
    });
    const csv = 'Client|Portable|Remarque\nAnne Lefèvre|06.12.34.56.78|préfère être rappelée le matin\n'.replace(
      /\|/g,
      '\t',
    );
    const report = await t.client.contacts.importCsv({
      firmId,
      csv,
      mapping: { name: 'Client', phone: 'Portable', notes: 'Remarque' },
    });
    expect(report).toMatchObject({ applied: true, created: 0, updated: 1 });
    const [contact] = (await t.client.contacts.list({ firmId })).items;
    expect(contact).toMatchObject({
      name: 'Anne Lefèvre',
      notes: 'cliente depuis 2019\npréfère être rappelée le matin',
    });
  });

  it('checks without writing on a dry run', async () => {
    const report = await t.client.contacts.importCsv({ firmId, csv: GOOD, dryRun: true });
    expect(report).toMatchObject({ valid: 2, applied: false });
    expect((await t.client.contacts.list({ firmId })).total).toBe(0);
  });
});
