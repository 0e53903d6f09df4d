import type { CallOffer } from '../../shared/domain/call';
import { contactInputSchema } from '../../shared/domain/firm/contact';
import { buildExportModel } from '../../main/services/exports/model';
import { createMartin, dupont, openMessagingContext, type MessagingContext } from './messaging-context';

let t: MessagingContext;
let clock = Date.UTC(2026, 10, 24, 9, 0, 0);
beforeEach(() => {
  clock = Date.UTC(2026, 10, 24, 9, 0, 0);
  t = openMessagingContext({ now: () => clock });
});
afterEach(async () => {
  await t.close();
});

let counter = 0;
/** A call as the softphone reports it: offered, answered 4 s later, 90 s of talk, hung up. */
function handled(firmId: string, overrides: Partial<CallOffer> = {}, message?: { callerName: string }) {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  const at = clock;
  t.services.calls.offer({
    id,
    direction: 'inbound',
    firmId,
    matchedBy: 'diversion',
    matchedNumber: '+33199000001',
    callerNumber: '+33639980142',
    callerRaw: '',
    callerName: 'Appel de démonstration',
    anonymous: false,
    diversionReason: 'no-answer',
    diversionFrom: null,
    sipCallId: 'a1@pbx',
    demo: false,
    at,
    ...overrides,
  });
  t.services.calls.record({ type: 'answered', callId: id, at: at + 4000 });
  if (message) {
    t.services.messages.send({
      firmId,
      callId: id,
      content: dupont({ recipients: ['claire'], callerName: message.callerName }),
    });
  }
  t.services.calls.record({ type: 'ended', callId: id, at: at + 94_000, reason: 'remote-hangup', detail: '' });
  clock += 3_600_000;
  return id;
}

const entries = (firmId: string) =>
  t.services.timesheets.list({ firmId, from: null, to: null, limit: 50, offset: 0 }).items;

describe('demo and simulated calls', () => {
  it('marks a demo call’s work « démo » and keeps it out of the statement, the KPIs and the relevé', () => {
    const firmId = createMartin(t.services, {
      billing: { perTask: { unitPriceCents: { call: 200, message: 150 } } },
    });
    const demo = handled(
      firmId,
      { demo: true, matchedBy: 'demo', sipCallId: 'demo-x1' },
      { callerName: 'Marc Delorme' },
    );
    const real = handled(firmId, { callerName: '' }, { callerName: 'Jeanne Roux' });

    const listed = entries(firmId);
    expect(listed.filter((e) => e.demo).map((e) => [e.taskType, e.callId])).toEqual(
      expect.arrayContaining([
        ['call', demo],
        ['message', null],
      ]),
    );
    expect(listed.filter((e) => e.demo)).toHaveLength(2);
    expect(listed.filter((e) => !e.demo)).toHaveLength(2);

    const month = t.services.billing.firmMonth(firmId, '2026-11');
    // The message was sent during the call: its task comes first.
    expect(month.statement.lines.map((l) => [l.taskType, l.amountCents])).toEqual([
      ['message', 150],
      ['call', 200],
    ]);
    expect(month.entries.every((e) => !e.demo)).toBe(true);
    expect(month.kpi).toMatchObject({ offered: 1, answered: 1, messagesTaken: 1 });
    const row = t.services.billing.overview('2026-11').find((r) => r.firmId === firmId)!;
    expect(row).toMatchObject({ entryCount: 2, callsOffered: 1, totalCents: 350 });

    const model = buildExportModel(month, t.services.settings.get());
    expect(model.rows.map((r) => r.label)).toEqual([expect.stringContaining('Message — Jeanne Roux'), 'Jeanne Roux']);
    expect(t.services.calls.get(real).demo).toBe(false);
  });
});

describe('who a call was with, in words', () => {
  it('labels the entry and the call log row with the caller’s name from the message, and links the message', () => {
    const firmId = createMartin(t.services);
    const id = handled(firmId, { demo: true, matchedBy: 'demo', sipCallId: 'demo-x2' }, { callerName: 'Marc Delorme' });
    expect(t.services.timesheets.repository.getByCall(id)!.label).toBe('Marc Delorme');
    const row = t.services.calls.list({ limit: 10, offset: 0 }).items[0]!;
    const message = t.db.prepare<[string], { id: string }>('SELECT id FROM messages WHERE call_id = ?').get(id)!;
    expect(row).toMatchObject({ id, counterpart: 'Marc Delorme', messageId: message.id });
  });

  it('renames the entry when the message is sent after the call ended', () => {
    const firmId = createMartin(t.services);
    const id = handled(firmId);
    expect(t.services.timesheets.repository.getByCall(id)!.label).toBe('Appel de démonstration');
    t.services.messages.send({
      firmId,
      callId: id,
      content: dupont({ recipients: ['claire'], callerName: 'Marc Delorme' }),
    });
    expect(t.services.timesheets.repository.getByCall(id)!.label).toBe('Marc Delorme');
  });

  it('labels an outgoing call by the contact, the firm’s person or the firm, not by its raw number', () => {
    const firmId = createMartin(t.services, {
      people: [
        {
          id: 'claire',
          name: 'Me Claire Martin',
          email: 'claire@martin.test',
          transferTarget: '06 11 22 33 44',
          isDefaultRecipient: true,
        },
      ],
    });
    t.services.contacts.save({
      firmId,
      contact: contactInputSchema.parse({
        name: 'Hélène Kerjean',
        company: 'SCI Les Pins',
        phones: ['06 98 76 54 32'],
      }),
    });
    const out = (callerNumber: string) =>
      handled(firmId, { direction: 'outbound', matchedBy: null, callerNumber, callerName: '' });
    const toContact = out('+33698765432');
    const toPerson = out('+33611223344');
    const toStranger = out('+33145678901');
    const label = (id: string) => t.services.timesheets.repository.getByCall(id)!.label;
    expect(label(toContact)).toBe('Hélène Kerjean — SCI Les Pins');
    expect(label(toPerson)).toBe('Me Claire Martin — Cabinet Martin');
    expect(label(toStranger)).toBe('01 45 67 89 01');
    expect(t.services.calls.list({ limit: 10, offset: 0 }).items.map((c) => c.counterpart)).toEqual([
      '01 45 67 89 01',
      'Me Claire Martin — Cabinet Martin',
      'Hélène Kerjean — SCI Les Pins',
    ]);
  });
});
