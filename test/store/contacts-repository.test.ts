import { makeFirmDraft, openTestContext, parsedDraft } from '../fixtures/factories';

function setup() {
  const t = openTestContext();
  const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
  const other = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Autre', numbers: [] })) });
  const save = (firmId: string, name: string, extra: Record<string, unknown> = {}) =>
    t.services.contacts.save({
      firmId,
      contact: { name, company: '', phones: [], email: '', notes: '', vip: false, doNotTransfer: false, ...extra },
    });
  return { t, firm, other, save };
}

describe('contacts', () => {
  it('finds a contact whatever the accents and case typed, by name prefix', () => {
    const { t, firm, save } = setup();
    save(firm.id, 'Hélène Lefèvre', { company: 'Société Générale des Eaux' });
    save(firm.id, 'Marc Durand');
    expect(
      t.services.contacts.list({ firmId: firm.id, query: 'lefev', limit: 10, offset: 0 }).items.map((c) => c.name),
    ).toEqual(['Hélène Lefèvre']);
    expect(t.services.contacts.list({ firmId: firm.id, query: 'HELENE', limit: 10, offset: 0 }).total).toBe(1);
    expect(t.services.contacts.list({ firmId: firm.id, query: 'generale eaux', limit: 10, offset: 0 }).total).toBe(1);
    t.close();
  });

  it('matches every typed word as a prefix, in any order, accents, case and apostrophes folded', () => {
    const { t, firm, save } = setup();
    save(firm.id, 'Dr Hélène Kerjean', { notes: 'Conseil de prud’hommes' });
    save(firm.id, 'Dr Paul Kerbrat');
    const names = (query: string) =>
      t.services.contacts.list({ firmId: firm.id, query, limit: 10, offset: 0 }).items.map((c) => c.name);
    expect(names('dr kerjean')).toEqual(['Dr Hélène Kerjean']);
    expect(names('kerjean helene')).toEqual(['Dr Hélène Kerjean']);
    expect(names('prudhommes')).toEqual(['Dr Hélène Kerjean']);
    expect(names("prud'hom")).toEqual(['Dr Hélène Kerjean']);
    expect(names('hommes conseil')).toEqual(['Dr Hélène Kerjean']);
    expect(names('dr ker').sort()).toEqual(['Dr Hélène Kerjean', 'Dr Paul Kerbrat']);
    expect(names('paul kerjean')).toEqual([]);
    t.close();
  });

  it('finds a contact by the national form of its number', () => {
    const { t, firm, save } = setup();
    save(firm.id, 'Paul Mobile', { phones: ['+33639980001'] });
    expect(t.services.contacts.list({ firmId: firm.id, query: '0639980001', limit: 10, offset: 0 }).total).toBe(1);
    expect(t.services.contacts.findByPhone(firm.id, '+33639980001').map((c) => c.name)).toEqual(['Paul Mobile']);
    t.close();
  });

  it('keeps each firm’s contacts to itself', () => {
    const { t, firm, other, save } = setup();
    save(firm.id, 'Jeanne Secret');
    expect(t.services.contacts.list({ firmId: other.id, query: 'jeanne', limit: 10, offset: 0 }).total).toBe(0);
    expect(t.services.contacts.list({ firmId: other.id, query: '', limit: 10, offset: 0 }).total).toBe(0);
    t.close();
  });

  it('treats search syntax typed by a user as plain words', () => {
    const { t, firm, save } = setup();
    save(firm.id, 'O’Neil "Jack"');
    expect(() =>
      t.services.contacts.list({ firmId: firm.id, query: 'neil" OR * NEAR(', limit: 10, offset: 0 }),
    ).not.toThrow();
    t.close();
  });

  it('updates the search index when a contact is renamed or deleted', () => {
    const { t, firm, save } = setup();
    const contact = save(firm.id, 'Ancien Nom');
    t.services.contacts.save({ firmId: firm.id, id: contact.id, contact: { ...contact, name: 'Nouveau Nom' } });
    expect(t.services.contacts.list({ firmId: firm.id, query: 'ancien', limit: 10, offset: 0 }).total).toBe(0);
    expect(t.services.contacts.list({ firmId: firm.id, query: 'nouveau', limit: 10, offset: 0 }).total).toBe(1);
    t.services.contacts.delete(firm.id, contact.id);
    expect(t.services.contacts.list({ firmId: firm.id, query: 'nouveau', limit: 10, offset: 0 }).total).toBe(0);
    t.close();
  });
});
