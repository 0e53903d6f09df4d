import { compareNames, nameSortKey, sortByName } from '../../shared/domain/collate';
import { makeFirmDraft, openTestContext, parsedDraft } from '../fixtures/factories';

describe('French order for names', () => {
  it('puts accented names among their letter, numbers in number order', () => {
    const names = ['Syndic Horizon', 'Étude de Me Dupuy', 'emile Martin', 'Cabinet 10', 'Cabinet 2', 'Zoé', 'Eric'];
    expect(sortByName(names, (n) => n)).toEqual([
      'Cabinet 2',
      'Cabinet 10',
      'emile Martin',
      'Eric',
      'Étude de Me Dupuy',
      'Syndic Horizon',
      'Zoé',
    ]);
    expect(compareNames('Élodie', 'Elodie')).not.toBe(0);
    expect([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1))).toEqual(sortByName(names, (n) => n));
  });

  it('lists firms in French order (not after « Syndic… » as NOCASE did)', () => {
    const t = openTestContext();
    const save = (name: string, number: string) =>
      t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name, numbers: [{ e164: number, label: '' }] })) });
    save('Syndic Horizon', '01 99 00 00 01');
    save('Étude de Me Dupuy', '01 99 00 00 02');
    save('Agence Ouest', '01 99 00 00 03');
    save('Plomberie Szymański', '01 99 00 00 04');
    expect(t.services.firms.list().map((f) => f.name)).toEqual([
      'Agence Ouest',
      'Étude de Me Dupuy',
      'Plomberie Szymański',
      'Syndic Horizon',
    ]);
    t.close();
  });

  it('pages a firm’s contacts in French order', () => {
    const t = openTestContext();
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
    for (const name of ['Zacharie Noël', 'Élodie Martin', 'Bernard Petit', 'Emma Durand', 'Ève Leroy']) {
      t.services.contacts.save({
        firmId: firm.id,
        contact: { name, company: '', phones: [], email: '', notes: '', vip: false, doNotTransfer: false },
      });
    }
    const page = (offset: number) =>
      t.services.contacts.list({ firmId: firm.id, query: '', limit: 3, offset }).items.map((c) => c.name);
    expect([...page(0), ...page(3)]).toEqual([
      'Bernard Petit',
      'Élodie Martin',
      'Emma Durand',
      'Ève Leroy',
      'Zacharie Noël',
    ]);
    t.close();
  });
});
