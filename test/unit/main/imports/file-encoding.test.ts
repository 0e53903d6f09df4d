import { decodeFileBytes } from '../../../../main/services/import-file';
import { openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { martinDraft } from '../../../integration/messaging-context';
import { setupFirm } from '../timesheets/support';

const TEXT = 'Nom;Prénom;Téléphone\r\nMüller;Hélène;06 12 34 56 78\r\n';

/** The same text as the bytes each editor saves. */
const latin1 = (text: string) => Buffer.from(text, 'latin1');
const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
const base64 = (bytes: Buffer) => bytes.toString('base64');

describe('reading an imported file’s bytes', () => {
  it.each([
    ['UTF-8 without BOM', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', utf8Bom(TEXT), 'utf-8-bom'],
    ['UTF-16 LE with BOM', utf16le(TEXT), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16be(TEXT), 'utf-16be'],
    ['Windows-1252 (not valid UTF-8)', latin1(TEXT), 'windows-1252'],
  ] as const)('reads %s and says so', (_name, bytes, encoding) => {
    expect(decodeFileBytes(bytes)).toEqual({ text: TEXT, encoding });
  });

  it('reads the characters only Windows-1252 has (euro sign, typographic apostrophe, œ)', () => {
    expect(decodeFileBytes(Buffer.from([0x80, 0x20, 0x92, 0x9c]))).toEqual({ text: '€ ’œ', encoding: 'windows-1252' });
  });

  it('refuses a file whose BOM announces UTF-8 but whose bytes are not', () => {
    expect(() => decodeFileBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x48, 0xe9, 0x6c]))).toThrow(/UTF-8/);
  });
});

describe('contacts import of a file saved by Excel FR, Notepad or LibreOffice', () => {
  let t: TestContext;
  let firmId: string;
  beforeEach(() => {
    t = openTestContext();
    firmId = t.services.firms.save({ draft: parsedDraft(martinDraft()) }).id;
  });
  afterEach(() => t.close());

  it('imports « Hélène Müller » from a Windows-1252 file and keeps her phone column', async () => {
    const report = await t.client.contacts.importCsv({ firmId, csv: base64(latin1(TEXT)), csvEncoding: 'base64' });
    expect(report).toMatchObject({ encoding: 'windows-1252', applied: true, created: 1, ignoredHeaders: [] });
    expect(report.mapping).toMatchObject({ lastName: 'Nom', firstName: 'Prénom', phone: 'Téléphone' });
    const [contact] = (await t.client.contacts.list({ firmId })).items;
    expect(contact).toMatchObject({ name: 'Hélène Müller', phones: ['+33612345678'] });
  });

  it.each([
    ['utf-16le', utf16le(TEXT)],
    ['utf-16be', utf16be(TEXT)],
    ['utf-8-bom', utf8Bom(TEXT)],
  ] as const)('imports the same contact from a %s file', async (encoding, bytes) => {
    const report = await t.client.contacts.importCsv({ firmId, csv: base64(bytes), csvEncoding: 'base64' });
    expect(report).toMatchObject({ encoding, applied: true, created: 1 });
    expect((await t.client.contacts.list({ firmId })).items[0]).toMatchObject({
      name: 'Hélène Müller',
      phones: ['+33612345678'],
    });
  });

  it('says which columns it did not import instead of dropping them silently', async () => {
    const csv = 'Nom;Téléphone;Fax\nMartin;06 12 34 56 78;01 00 00 00 00\n';
    const report = await t.client.contacts.importCsv({ firmId, csv, dryRun: true });
    expect(report).toMatchObject({ encoding: 'text', ignoredHeaders: ['Fax'] });
  });

  it('refuses content announced as base64 that is not', async () => {
    await expect(
      t.client.contacts.importCsv({ firmId, csv: 'Nom;Téléphone', csvEncoding: 'base64' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('time entries import of a Windows-1252 or UTF-16 file', () => {
  it.each([
    ['windows-1252', latin1],
    ['utf-16le', utf16le],
    ['utf-8-bom', utf8Bom],
  ] as const)('recognises the « Durée » column and the accented task types in a %s file', async (encoding, save) => {
    const { t, firm } = setupFirm();
    const csv = 'Date;Durée;Tâche;Objet\r\n03/11/2026;1:30;Démarches;Préfecture\r\n';
    const report = await t.client.timesheets.import({
      firmId: firm.id,
      content: base64(save(csv)),
      contentEncoding: 'base64',
      fileName: 'heures.csv',
    });
    expect(report).toMatchObject({ encoding, errors: [], imported: 1 });
    const { items } = await t.client.timesheets.list({ firmId: firm.id });
    expect(items.map((e) => [e.taskType, e.label, e.durationSeconds])).toEqual([['admin', 'Préfecture', 5400]]);
    t.close();
  });
});
