import { createMartin, dupont, openMessagingContext, type MessagingContext } from './messaging-context';

let t: MessagingContext;
const clock = Date.UTC(2026, 10, 24, 10, 0, 0);
beforeEach(() => {
  t = openMessagingContext({ now: () => clock });
});
afterEach(async () => {
  await t.close();
});

function messageEntries(firmId: string) {
  return t.services.timesheets
    .list({ firmId, from: null, to: null, limit: 50, offset: 0 })
    .items.filter((e) => e.taskType === 'message');
}

describe('a taken message as a billed task ("message pris")', () => {
  it('counts one message task when the firm prices messages, and never a second on correction', () => {
    const firmId = createMartin(t.services, { billing: { perTask: { unitPriceCents: { message: 150 } } } });
    const sent = t.services.messages.send({ firmId, content: dupont({ recipients: ['claire'] }) });
    expect(messageEntries(firmId)).toEqual([
      expect.objectContaining({ quantity: 1, durationSeconds: 0, billable: true, urgent: true, startedAt: clock }),
    ]);
    t.services.messages.correct({
      id: sent.id,
      content: dupont({ recipients: ['claire'], motif: 'Audience reportée' }),
    });
    expect(messageEntries(firmId)).toHaveLength(1);
    const statement = t.services.billing.firmMonth(firmId, '2026-11').statement;
    expect(statement.lines.filter((l) => l.taskType === 'message').map((l) => l.amountCents)).toEqual([150]);
  });

  it('counts messages toward a forfait that includes them', () => {
    const firmId = createMartin(t.services, {
      billing: {
        forfait: {
          enabled: true,
          monthlyFeeCents: 9000,
          quotaUnit: 'tasks',
          includedQuantity: 10,
          taskTypes: ['call', 'message'],
        },
      },
    });
    t.services.messages.send({ firmId, content: dupont({ recipients: ['claire'] }) });
    expect(messageEntries(firmId)).toHaveLength(1);
  });

  it('adds no 0 € line for a firm billed by time only (the time is in the call’s after-call work)', () => {
    const firmId = createMartin(t.services);
    t.services.messages.send({ firmId, content: dupont({ recipients: ['claire'] }) });
    expect(messageEntries(firmId)).toEqual([]);
  });
});
