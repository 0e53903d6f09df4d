import { openTestContext } from '../../../fixtures/factories';
import { handledCall, missedCall, setupFirm, T0 } from './support';

const HOUR = 3_600_000;

describe('timesheets: entries from calls', () => {
  it('turns an answered call into an entry of talk + hold + the firm’s fixed wrap-up, starting when she answered', () => {
    const { t, firm } = setupFirm({ afterCallWork: { mode: 'fixed', fixedSeconds: 45 } });
    const { call } = t.services.calls.offer({ ...offerLike(firm.id), at: T0 });
    t.services.calls.record({ type: 'answered', callId: call.id, at: T0 + 5000 });
    t.services.calls.record({ type: 'hold', callId: call.id, at: T0 + 65_000 });
    t.services.calls.record({ type: 'resume', callId: call.id, at: T0 + 95_000 });
    expect(t.services.timesheets.repository.getByCall(call.id)).toBeNull();
    t.services.calls.record({ type: 'ended', callId: call.id, at: T0 + 125_000, reason: 'remote-hangup', detail: '' });
    const entry = t.services.timesheets.repository.getByCall(call.id)!;
    expect(entry).toMatchObject({
      firmId: firm.id,
      source: 'call',
      taskType: 'call',
      startedAt: T0 + 5000,
      durationSeconds: 120 + 45,
      afterCallSeconds: 45,
      quantity: 1,
      billable: true,
      label: 'Mme Durand',
    });
    t.close();
  });

  it('counts a transferred call until the transfer, not until the caller hangs up with the colleague', () => {
    const { t, firm } = setupFirm();
    const { call } = t.services.calls.offer({ ...offerLike(firm.id), at: T0 });
    t.services.calls.record({ type: 'answered', callId: call.id, at: T0 + 2000 });
    t.services.calls.record({ type: 'transferred', callId: call.id, at: T0 + 62_000, kind: 'blind', target: '201' });
    t.services.calls.record({ type: 'ended', callId: call.id, at: T0 + 600_000, reason: 'transferred', detail: '' });
    expect(t.services.timesheets.repository.getByCall(call.id)!.durationSeconds).toBe(60);
    t.close();
  });

  it('makes no entry for a missed call nor for a call that belongs to no firm', () => {
    const { t, firm } = setupFirm();
    const missed = missedCall(t, firm.id, T0, 20);
    const { call } = t.services.calls.offer({ ...offerLike(null), at: T0 });
    t.services.calls.record({ type: 'answered', callId: call.id, at: T0 + 1000 });
    t.services.calls.record({ type: 'ended', callId: call.id, at: T0 + 31_000, reason: 'local-hangup', detail: '' });
    expect(t.services.timesheets.repository.getByCall(missed.id)).toBeNull();
    expect(t.services.timesheets.repository.getByCall(call.id)).toBeNull();
    expect(t.services.timesheets.list({ firmId: null, from: null, to: null, limit: 10, offset: 0 }).total).toBe(0);
    t.close();
  });

  it('creates the entry when an unknown call is later assigned to a firm', () => {
    const { t, firm } = setupFirm();
    const { call } = t.services.calls.offer({ ...offerLike(null), at: T0, matchedNumber: '+33199009999' });
    t.services.calls.record({ type: 'answered', callId: call.id, at: T0 + 1000 });
    t.services.calls.record({ type: 'ended', callId: call.id, at: T0 + 31_000, reason: 'local-hangup', detail: '' });
    t.services.calls.assignNumber(call.id, firm.id);
    expect(t.services.timesheets.repository.getByCall(call.id)?.durationSeconds).toBe(30);
    t.close();
  });

  it('measures after-call work until the message is delivered for an “until-delivered” firm', () => {
    const { t, firm } = setupFirm({ afterCallWork: { mode: 'until-delivered' } });
    const call = handledCall(t, firm.id, T0, 3, 90);
    expect(t.services.timesheets.repository.getByCall(call.id)!.durationSeconds).toBe(90);
    const entry = t.services.timesheets.extendAfterCallWork(call.id, call.endedAt! + 150_000);
    expect(entry).toMatchObject({ durationSeconds: 240, afterCallSeconds: 150 });
    // A later refresh of the call keeps the measured after-call work.
    t.services.calls.record({ type: 'resume', callId: call.id, at: call.endedAt! + 1 });
    expect(t.services.timesheets.repository.getByCall(call.id)!.durationSeconds).toBe(240);
    t.close();
  });

  it('ignores a delivery for a firm billed with a fixed wrap-up', () => {
    const { t, firm } = setupFirm({ afterCallWork: { mode: 'fixed', fixedSeconds: 30 } });
    const call = handledCall(t, firm.id, T0, 3, 60);
    expect(t.services.timesheets.extendAfterCallWork(call.id, call.endedAt! + 600_000).durationSeconds).toBe(90);
    t.close();
  });
});

describe('timesheets: manual entries, audit and locks', () => {
  it('audits creation, edits and deletion with who, when, before and after', () => {
    const { t, firm, clock } = setupFirm();
    const entry = t.services.timesheets.create({
      firmId: firm.id,
      taskType: 'typing-page',
      startedAt: T0,
      durationSeconds: 1800,
      quantity: 4,
      billable: true,
      urgent: false,
      label: 'Conclusions Durand',
      note: '',
    });
    clock.now = T0 + HOUR;
    t.services.timesheets.update(entry.id, { quantity: 5, note: 'une page de plus' });
    clock.now = T0 + 2 * HOUR;
    t.services.timesheets.remove(entry.id);
    const audit = t.services.timesheets.auditOf(entry.id);
    expect(audit.map((a) => [a.action, a.by, a.at])).toEqual([
      ['create', 'Julie', T0],
      ['update', 'Julie', T0 + HOUR],
      ['delete', 'Julie', T0 + 2 * HOUR],
    ]);
    expect(audit[1]!.before).toMatchObject({ quantity: 4, note: '' });
    expect(audit[1]!.after).toMatchObject({ quantity: 5, note: 'une page de plus' });
    expect(audit[2]!.after).toBeNull();
    t.close();
  });

  it('refuses to create, edit or delete an entry of a locked month, and accepts again once unlocked', () => {
    const { t, firm } = setupFirm();
    const input = {
      firmId: firm.id,
      taskType: 'mail' as const,
      startedAt: T0,
      durationSeconds: 600,
      quantity: 1,
      billable: true,
      urgent: false,
      label: '',
      note: '',
    };
    const entry = t.services.timesheets.create(input);
    t.services.billing.lock(firm.id, '2026-11', 'relevé envoyé');
    expect(() => t.services.timesheets.create(input)).toThrow(/novembre 2026 est verrouillé/);
    expect(() => t.services.timesheets.update(entry.id, { durationSeconds: 1 })).toThrowError(
      expect.objectContaining({ code: 'LOCKED' }),
    );
    expect(() => t.services.timesheets.remove(entry.id)).toThrowError(expect.objectContaining({ code: 'LOCKED' }));
    // Moving an entry of an open month into the locked one is refused too.
    const december = t.services.timesheets.create({ ...input, startedAt: Date.UTC(2026, 11, 2, 9) });
    expect(() => t.services.timesheets.update(december.id, { startedAt: T0 })).toThrowError(
      expect.objectContaining({ code: 'LOCKED' }),
    );
    t.services.billing.unlock(firm.id, '2026-11', 'correction demandée');
    expect(t.services.timesheets.update(entry.id, { durationSeconds: 660 }).durationSeconds).toBe(660);
    expect(t.services.billing.lockAudit('2026-11').map((a) => [a.action, a.by, a.reason])).toEqual([
      ['lock', 'Julie', 'relevé envoyé'],
      ['unlock', 'Julie', 'correction demandée'],
    ]);
    t.close();
  });

  it('applies a lock for every firm to each firm, and refuses to lock twice', () => {
    const { t, firm } = setupFirm();
    t.services.billing.lock(null, '2026-11', '');
    expect(() =>
      t.services.timesheets.create({
        firmId: firm.id,
        taskType: 'mail',
        startedAt: T0,
        durationSeconds: 60,
        quantity: 1,
        billable: true,
        urgent: false,
        label: '',
        note: '',
      }),
    ).toThrowError(expect.objectContaining({ code: 'LOCKED' }));
    expect(() => t.services.billing.lock(null, '2026-11', '')).toThrowError(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => t.services.billing.unlock(firm.id, '2026-11', '')).toThrowError(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    t.close();
  });

  it('still records a call that ends in a locked month, as a non-billable entry with a note, leaving the locked total unchanged', () => {
    const { t, firm } = setupFirm();
    handledCall(t, firm.id, T0, 2, 120);
    const before = t.services.billing.firmMonth(firm.id, '2026-11').statement.totalCents;
    t.services.billing.lock(firm.id, '2026-11', '');
    const late = handledCall(t, firm.id, T0 + HOUR, 2, 300);
    const entry = t.services.timesheets.repository.getByCall(late.id)!;
    expect(entry).toMatchObject({ billable: false, durationSeconds: 300 });
    expect(entry.note).toMatch(/verrouillage/);
    expect(t.services.timesheets.auditOf(entry.id).map((a) => a.action)).toEqual(['create-after-lock']);
    expect(t.services.billing.firmMonth(firm.id, '2026-11').statement.totalCents).toBe(before);
    t.close();
  });
});

describe('timesheets: the running timer', () => {
  it('keeps one running timer across a restart and logs its time as an entry when stopped', () => {
    const { t, firm, clock } = setupFirm();
    t.services.timesheets.startTimer({
      firmId: firm.id,
      taskType: 'data-entry',
      label: 'Saisie factures',
      note: '',
      urgent: false,
      billable: true,
    });
    t.close();
    const reopened = openTestContext({ dataDir: t.dataDir, now: () => clock.now });
    expect(reopened.services.timesheets.timer()).toMatchObject({
      firmId: firm.id,
      taskType: 'data-entry',
      startedAt: T0,
    });
    clock.now = T0 + 25 * 60_000 + 400;
    const { entry } = reopened.services.timesheets.stopTimer();
    expect(entry).toMatchObject({
      source: 'timer',
      taskType: 'data-entry',
      startedAt: T0,
      durationSeconds: 1500,
      label: 'Saisie factures',
    });
    expect(reopened.services.timesheets.timer()).toBeNull();
    expect(reopened.events.filter((e) => e.name === 'timesheets:timer').at(-1)!.payload).toEqual({ timer: null });
    reopened.close();
  });

  it('stops and logs the running timer when another one starts', () => {
    const { t, firm, clock } = setupFirm();
    t.services.timesheets.startTimer({
      firmId: firm.id,
      taskType: 'mail',
      label: '',
      note: '',
      urgent: false,
      billable: true,
    });
    clock.now = T0 + 600_000;
    const { stopped, timer } = t.services.timesheets.startTimer({
      firmId: firm.id,
      taskType: 'filing',
      label: '',
      note: '',
      urgent: false,
      billable: true,
    });
    expect(stopped).toMatchObject({ taskType: 'mail', durationSeconds: 600 });
    expect(timer).toMatchObject({ taskType: 'filing', startedAt: T0 + 600_000 });
    t.close();
  });
});

function offerLike(firmId: string | null) {
  return {
    id: `c-${Math.random().toString(36).slice(2, 10)}`,
    direction: 'inbound' as const,
    firmId,
    matchedBy: firmId ? ('diversion' as const) : null,
    matchedNumber: '+33199000001',
    callerNumber: '+33639980001',
    callerRaw: '',
    callerName: 'Mme Durand',
    anonymous: false,
    diversionReason: null,
    diversionFrom: null,
    sipCallId: '',
    demo: false,
  };
}
