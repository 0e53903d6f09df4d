import { PermanenceError } from '../../../../shared/api';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { dupont, martinDraft } from '../../../integration/messaging-context';

let t: TestContext;
let firmId: string;
beforeEach(() => {
  t = openTestContext();
  firmId = t.services.firms.save({ draft: parsedDraft(martinDraft()) }).id;
});
afterEach(() => t.close());

describe('messages: drafts, statuses and search', () => {
  it('autosaves a half-typed draft (even an incomplete number) and resumes it with the script position', async () => {
    const draft = await t.client.messages.saveDraft({
      firmId,
      content: { callerName: 'M. Dup', callerPhone: '06 12' },
      scriptState: { stepId: 'urgence', history: ['@accueil', 'nom'] },
    });
    expect(draft.status).toBe('brouillon');
    const again = await t.client.messages.saveDraft({
      id: draft.id,
      firmId,
      content: { callerName: 'M. Dupont', callerPhone: '06 12 34' },
    });
    expect(again).toMatchObject({
      id: draft.id,
      callerName: 'M. Dupont',
      callerPhone: '06 12 34',
      scriptState: { stepId: 'urgence' },
    });
    const drafts = await t.client.messages.list({ status: 'brouillon' });
    expect(drafts.items.map((m) => m.id)).toEqual([draft.id]);
  });

  it('refuses to send an incomplete message, naming each missing piece, and keeps the draft', async () => {
    const draft = await t.client.messages.saveDraft({ firmId, content: { callerPhone: '12' } });
    const error = await t.client.messages
      .send({ id: draft.id, firmId, content: { callerPhone: '12' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanenceError);
    expect((error as PermanenceError).code).toBe('VALIDATION');
    expect((error as PermanenceError).issues?.map((i) => i.path)).toEqual([
      'content.callerName',
      'content.callerPhone',
      'content.motif',
    ]);
    expect((await t.client.messages.get({ id: draft.id })).status).toBe('brouillon');
  });

  it('queues the message and its delivery job in one go, and then refuses silent edits', async () => {
    const sent = await t.client.messages.send({ firmId, content: dupont() });
    expect(sent).toMatchObject({ status: 'a-transmettre', revision: 1, callerPhone: '+33612345678' });
    const jobs = t.services.messages.outbox.forMessage(sent.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      state: 'pending',
      kind: 'message',
      priority: 10,
      subject: '[Cabinet Martin] Urgent — M. Dupont, rappel avant 12h',
    });
    await expect(
      t.client.messages.saveDraft({ id: sent.id, firmId, content: dupont({ body: 'réécrit' }) }),
    ).rejects.toThrow(/correction/);
    expect(t.events).toContainEqual({
      name: 'messages:changed',
      payload: { id: sent.id, firmId, status: 'a-transmettre' },
    });
  });

  it('refuses to send when nobody chosen can receive e-mail, and says who', async () => {
    await expect(
      t.client.messages.send({ firmId, content: dupont({ recipients: ['sans-mail'], urgency: 'normal' }) }),
    ).rejects.toThrow(/Stagiaire n’a pas d’adresse e-mail/);
  });

  it('finds messages by any word, accents and case folded, and by the national form of the number', async () => {
    await t.client.messages.send({
      firmId,
      content: dupont({ callerName: 'Mme Lefèvre', body: 'Problème de chaudière' }),
    });
    await t.client.messages.send({
      firmId,
      content: dupont({ callerName: 'M. Martin', callerPhone: '01 42 00 00 01', body: 'Rendez-vous' }),
    });
    const byName = await t.client.messages.list({ query: 'lefevre' });
    expect(byName.items.map((m) => m.callerName)).toEqual(['Mme Lefèvre']);
    expect((await t.client.messages.list({ query: 'CHAUDIERE' })).total).toBe(1);
    expect((await t.client.messages.list({ query: '0142' })).items.map((m) => m.callerName)).toEqual(['M. Martin']);
    expect((await t.client.messages.list({ query: 'chaud', firmId })).total).toBe(1);
  });

  it('matches every typed word as a prefix, in any order, accents, case and apostrophes folded', async () => {
    await t.client.messages.send({
      firmId,
      content: dupont({ callerName: 'Dr Hélène Kerjean', body: 'Convocation aux prud’hommes, l’audience est fixée' }),
    });
    await t.client.messages.send({ firmId, content: dupont({ callerName: 'Dr Paul Kerbrat', body: 'Rendez-vous' }) });
    const names = async (query: string, extra: { firmId?: string; status?: 'a-transmettre' } = {}) =>
      (await t.client.messages.list({ query, ...extra })).items.map((m) => m.callerName);
    expect(await names('dr kerjean')).toEqual(['Dr Hélène Kerjean']);
    expect(await names('kerjean helene')).toEqual(['Dr Hélène Kerjean']);
    expect(await names('KERJ HÉL')).toEqual(['Dr Hélène Kerjean']);
    expect(await names('prudhommes')).toEqual(['Dr Hélène Kerjean']);
    expect(await names("prud'hommes")).toEqual(['Dr Hélène Kerjean']);
    expect(await names('hommes audience')).toEqual(['Dr Hélène Kerjean']);
    expect(await names('laudience')).toEqual(['Dr Hélène Kerjean']);
    expect(await names('dr ker')).toEqual(['Dr Paul Kerbrat', 'Dr Hélène Kerjean']);
    expect(await names('kerjean paul')).toEqual([]);
    expect(await names('dr kerjean', { firmId })).toEqual(['Dr Hélène Kerjean']);
    expect(await names('dr kerjean', { firmId, status: 'a-transmettre' })).toEqual(['Dr Hélène Kerjean']);
    const otherFirm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Autre', numbers: [] })) }).id;
    expect(await names('dr kerjean', { firmId: otherFirm })).toEqual([]);
  });

  it('lists search results newest first and pages through them with the total of all matches', async () => {
    for (let i = 0; i < 5; i += 1) {
      await t.client.messages.send({ firmId, content: dupont({ callerName: `Mme Kerjean ${i}` }) });
    }
    const first = await t.client.messages.list({ query: 'kerjean', limit: 2 });
    expect(first.total).toBe(5);
    expect(first.items.map((m) => m.callerName)).toEqual(['Mme Kerjean 4', 'Mme Kerjean 3']);
    const last = await t.client.messages.list({ query: 'kerjean', limit: 2, offset: 4 });
    expect(last.items.map((m) => m.callerName)).toEqual(['Mme Kerjean 0']);
    const filtered = await t.client.messages.list({ query: 'kerjean', status: 'a-transmettre', limit: 2, offset: 4 });
    expect(filtered).toMatchObject({ total: 5, items: [{ callerName: 'Mme Kerjean 0' }] });
  });

  it('combines the words with every other filter: status, urgency, person, number, call and dates', async () => {
    await t.client.messages.send({
      firmId,
      content: dupont({ callerName: 'Mme Kerjean', recipients: ['julien'], urgency: 'urgent' }),
    });
    await t.client.messages.send({ firmId, content: dupont({ callerName: 'M. Kerjean', urgency: 'normal' }) });
    await t.client.messages.saveDraft({ firmId, content: { callerName: 'Kerjean brouillon' } });
    const names = async (extra: object) =>
      (await t.client.messages.list({ query: 'kerjean', ...extra })).items.map((m) => m.callerName);
    expect(await names({ urgency: 'urgent' })).toEqual(['Mme Kerjean']);
    expect(await names({ personId: 'julien', firmId })).toEqual(['Mme Kerjean']);
    expect(await names({ status: 'brouillon' })).toEqual(['Kerjean brouillon']);
    expect(await names({ status: 'a-transmettre', urgency: 'normal' })).toEqual(['M. Kerjean']);
    expect(await names({ from: Date.now() + 60_000 })).toEqual([]);
    expect(await names({ to: Date.now() + 60_000, urgency: 'urgent' })).toEqual(['Mme Kerjean']);
    expect(await names({ callId: 'aucun-appel' })).toEqual([]);

    // A status change moves the message in the index too.
    const [handled] = (await t.client.messages.list({ query: 'mme kerjean' })).items;
    await t.client.messages.markHandled({ id: handled!.id });
    expect(await names({ status: 'traite', firmId })).toEqual(['Mme Kerjean']);
    expect(await names({ status: 'a-transmettre' })).toEqual(['M. Kerjean']);
  });

  it('forgets a deleted draft in the search index', async () => {
    const draft = await t.client.messages.saveDraft({ firmId, content: { callerName: 'Mme Kerjean' } });
    expect((await t.client.messages.list({ query: 'kerjean' })).total).toBe(1);
    await t.client.messages.discardDraft({ id: draft.id });
    expect((await t.client.messages.list({ query: 'kerjean' })).total).toBe(0);
  });

  it('filters by status, urgency, person and date', async () => {
    await t.client.messages.send({ firmId, content: dupont({ recipients: ['julien'] }) });
    await t.client.messages.send({ firmId, content: dupont({ urgency: 'normal' }) });
    await t.client.messages.saveDraft({ firmId, content: { callerName: 'brouillon' } });
    expect((await t.client.messages.list({ urgency: 'urgent' })).total).toBe(1);
    expect((await t.client.messages.list({ personId: 'julien' })).total).toBe(1);
    expect((await t.client.messages.list({ status: 'a-transmettre' })).total).toBe(2);
    expect((await t.client.messages.list({ from: Date.now() + 60_000 })).total).toBe(0);
  });

  it('marks a message handled, and only a failed one can be retried', async () => {
    const sent = await t.client.messages.send({ firmId, content: dupont() });
    await expect(t.client.messages.retry({ id: sent.id })).rejects.toThrow(/en échec/);
    const handled = await t.client.messages.markHandled({ id: sent.id });
    expect(handled.status).toBe('traite');
  });

  it('creates the caller as a contact in one step, and updates the same contact for the same number', async () => {
    const first = await t.client.messages.send({ firmId, content: dupont() });
    const created = await t.client.messages.saveContact({ id: first.id });
    expect(created.created).toBe(true);
    expect(created.contact).toMatchObject({ name: 'M. Dupont', phones: ['+33612345678'], email: 'dupont@client.test' });
    const second = await t.client.messages.send({
      firmId,
      content: dupont({ callerName: 'Jean Dupont', callerCompany: 'Dupont SARL', callerPhone: '+33 6 12 34 56 78' }),
    });
    const updated = await t.client.messages.saveContact({ id: second.id });
    expect(updated.created).toBe(false);
    expect(updated.contact).toMatchObject({ id: created.contact.id, name: 'Jean Dupont', company: 'Dupont SARL' });
    expect((await t.client.contacts.list({ firmId })).total).toBe(1);
    expect((await t.client.messages.get({ id: second.id })).contactId).toBe(created.contact.id);
  });

  it('tells whether the consignes changed since her last call for the firm', async () => {
    expect(await t.client.messages.consignesSeen({ firmId })).toEqual({ previousVersion: null, currentVersion: 1 });
    expect(await t.client.messages.consignesSeen({ firmId })).toEqual({ previousVersion: 1, currentVersion: 1 });
    const firm = t.services.firms.get(firmId);
    t.services.firms.save({
      id: firmId,
      draft: parsedDraft({ ...martinDraft(), consignes: { body: 'Nouvelle consigne', rules: {} } }),
      expectedRevision: firm.revision,
    });
    expect(await t.client.messages.consignesSeen({ firmId })).toEqual({ previousVersion: 1, currentVersion: 2 });
  });
});

describe('messages for the ring card', () => {
  it('lists the last messages of a caller by number', () => {
    const t2 = openTestContext();
    const id = t2.services.firms.save({ draft: parsedDraft(martinDraft()) }).id;
    t2.services.messages.send({ firmId: id, content: dupont() });
    t2.services.messages.send({ firmId: id, content: dupont({ callerName: 'Autre', callerPhone: '0700000000' }) });
    const page = t2.services.messages.list({ firmId: id, callerPhone: '+33612345678', query: '', limit: 5, offset: 0 });
    expect(page.items.map((m) => m.callerName)).toEqual(['M. Dupont']);
    t2.close();
  });
});
