import { runPurge } from '../../../../main/services/privacy/retention/purge';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { ids, insertCall, insertEntry, insertMessage, insertOutbox } from './retention-rows';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
// Limits of the defaults at NOW (UTC instants: the firm's zone plays no part in a duration).
const MESSAGES_LIMIT = Date.UTC(2026, 8, 3, 12); // 3 months
const CALLS_LIMIT = Date.UTC(2025, 11, 3, 12); // 12 months
const ENTRIES_LIMIT = Date.UTC(2016, 11, 3, 12); // 10 years

let ctx: TestContext;
let firmId: string;
let otherId: string;

beforeEach(() => {
  ctx = openTestContext({ now: () => NOW });
  firmId = ctx.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Purge' })) }).id;
  otherId = ctx.services.firms.save({
    draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Autre', numbers: [{ e164: '01 99 00 00 02', label: '' }] })),
  }).id;
});
afterEach(() => ctx.close());

function ftsHits(word: string): number {
  return ctx.db.prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?').pluck().get(word) as number;
}

describe('retention purge', () => {
  it('purges messages delivered before the limit, keeps later ones and never an undelivered one', async () => {
    const db = ctx.db;
    insertMessage(db, {
      id: 'old',
      firmId,
      status: 'transmis',
      createdAt: 1,
      deliveredAt: MESSAGES_LIMIT - 1,
      body: 'zygomorphe ancien',
    });
    insertMessage(db, { id: 'handled', firmId, status: 'traite', createdAt: 1, deliveredAt: MESSAGES_LIMIT - 1 });
    insertMessage(db, { id: 'recent', firmId, status: 'transmis', createdAt: 1, deliveredAt: MESSAGES_LIMIT + 1 });
    insertMessage(db, { id: 'queued', firmId, status: 'a-transmettre', createdAt: 1 });
    insertMessage(db, { id: 'draft', firmId, status: 'brouillon', createdAt: 1 });
    insertMessage(db, { id: 'failed', firmId, status: 'echec', createdAt: 1 });
    // Delivered long ago, but a correction of it is still waiting to leave.
    insertMessage(db, { id: 'correcting', firmId, status: 'transmis', createdAt: 1, deliveredAt: 1 });
    insertOutbox(db, { id: 'o-old', firmId, messageId: 'old', kind: 'message', state: 'sent', createdAt: 1 });
    insertOutbox(db, {
      id: 'o-fix',
      firmId,
      messageId: 'correcting',
      kind: 'correction',
      state: 'pending',
      createdAt: 1,
    });
    insertOutbox(db, { id: 'o-digest', firmId, messageId: null, kind: 'digest', state: 'sent', createdAt: 1 });
    // The other firm keeps its messages 6 months: the same age stays.
    ctx.services.retention.save(otherId, {
      messagesMonths: 6,
      callsMonths: 12,
      timeEntriesMonths: 120,
      auditMonths: 12,
    });
    insertMessage(db, {
      id: 'other',
      firmId: otherId,
      status: 'transmis',
      createdAt: 1,
      deliveredAt: MESSAGES_LIMIT - 1,
    });
    expect(ftsHits('zygomorphe')).toBe(1);

    const dry = await ctx.services.retention.purge(true);
    expect(dry.firms).toEqual([
      { firmId, counts: { messages: 2, outbox: 2, calls: 0, timeEntries: 0, entryAudit: 0, importBatches: 0 } },
    ]);
    expect(ids(db, 'messages')).toHaveLength(8); // the dry run changed nothing

    const report = await ctx.services.retention.purge(false);
    expect(report.firms).toEqual([
      { firmId, counts: { messages: 2, outbox: 2, calls: 0, timeEntries: 0, entryAudit: 0, importBatches: 0 } },
    ]);
    expect(ids(db, 'messages')).toEqual(['correcting', 'draft', 'failed', 'other', 'queued', 'recent']);
    expect(ids(db, 'outbox')).toEqual(['o-fix']);
    expect(ftsHits('zygomorphe')).toBe(0);
    // Optimised: the purged word is no longer in any FTS segment, not only hidden by a tombstone.
    const inSegments = db
      .prepare("SELECT count(*) FROM messages_fts_data WHERE instr(block, CAST('ygomorphe' AS BLOB)) > 0")
      .pluck()
      .get();
    expect(inSegments).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM messages_fts').pluck().get()).toBe(6);
  });

  it('purges calls before their limit (with their holds), unlinks what stays, and keeps later calls', async () => {
    const db = ctx.db;
    insertCall(db, { id: 'c-old', firmId, offeredAt: CALLS_LIMIT - 1 });
    insertCall(db, { id: 'c-new', firmId, offeredAt: CALLS_LIMIT + 1 });
    insertCall(db, { id: 'c-nofirm', firmId: null, offeredAt: CALLS_LIMIT - 1 });
    insertEntry(db, { id: 'e-of-call', firmId, startedAt: CALLS_LIMIT - 1, callId: 'c-old' });
    insertMessage(db, { id: 'draft-of-call', firmId, status: 'brouillon', createdAt: CALLS_LIMIT - 1 });
    db.prepare("UPDATE messages SET call_id = 'c-old' WHERE id = 'draft-of-call'").run();

    const report = await ctx.services.retention.purge(false);
    expect(report.firms.map((f) => [f.firmId, f.counts.calls])).toEqual([
      [firmId, 1],
      ['', 1],
    ]);
    expect(ids(db, 'calls')).toEqual(['c-new']);
    expect(db.prepare('SELECT call_id FROM call_holds').pluck().all()).toEqual(['c-new']);
    expect(db.prepare("SELECT call_id FROM time_entries WHERE id = 'e-of-call'").pluck().get()).toBeNull();
    expect(db.prepare("SELECT call_id FROM messages WHERE id = 'draft-of-call'").pluck().get()).toBeNull();
  });

  it('purges time entries past the firm’s duration but keeps a locked or invoiced month 10 years', async () => {
    const db = ctx.db;
    insertEntry(db, { id: 'e-10y-old', firmId, startedAt: ENTRIES_LIMIT - 1 });
    insertEntry(db, { id: 'e-10y-new', firmId, startedAt: ENTRIES_LIMIT + 1 });
    // A firm that keeps its entries 12 months: March 2024 is locked, April 2024 is not.
    ctx.services.retention.save(otherId, {
      messagesMonths: 3,
      callsMonths: 12,
      timeEntriesMonths: 12,
      auditMonths: 12,
    });
    db.prepare("INSERT INTO month_locks (firm_id, month, locked_at, locked_by) VALUES (?, '2024-03', 1, 'Sophie')").run(
      otherId,
    );
    insertEntry(db, { id: 'e-locked', firmId: otherId, startedAt: Date.UTC(2024, 2, 31, 21, 30) }); // 31/03 22:30 Paris
    insertEntry(db, { id: 'e-april', firmId: otherId, startedAt: Date.UTC(2024, 2, 31, 22, 30) }); // 01/04 00:30 Paris
    insertEntry(db, { id: 'e-recent', firmId: otherId, startedAt: Date.UTC(2026, 0, 15) });

    const report = await ctx.services.retention.purge(false);
    expect(report.firms).toContainEqual({
      firmId,
      counts: { messages: 0, outbox: 0, calls: 0, timeEntries: 1, entryAudit: 1, importBatches: 0 },
    });
    expect(ids(db, 'time_entries')).toEqual(['e-10y-new', 'e-locked', 'e-recent']);
    expect(db.prepare('SELECT entry_id FROM entry_audit ORDER BY entry_id').pluck().all()).toEqual([
      'e-10y-new',
      'e-locked',
      'e-recent',
    ]);
  });

  it('records one audit entry per firm with counts only, and none for a dry run', async () => {
    insertMessage(ctx.db, { id: 'old', firmId, status: 'transmis', createdAt: 1, deliveredAt: 1, body: 'secret' });
    const before = ctx.services.privacy.audit.count();
    await ctx.services.retention.purge(true);
    expect(ctx.services.privacy.audit.count()).toBe(before);
    await ctx.services.retention.purge(false);
    const rows = ctx.db
      .prepare("SELECT firm_id, subject, detail FROM audit_log WHERE kind = 'retention.purged'")
      .all() as Array<{ firm_id: string; subject: string | null; detail: string }>;
    expect(rows).toEqual([
      {
        firm_id: firmId,
        subject: null,
        detail: JSON.stringify({ messages: 1, outbox: 0, calls: 0, timeEntries: 0, entryAudit: 0, importBatches: 0 }),
      },
    ]);
    expect(ctx.services.retention.lastPurgeAt()).toBe(NOW);
    expect(ctx.services.privacy.audit.verify()).toEqual({ ok: true, count: before + 1 });
  });

  it('goes in short transactions, one audit entry each, and lets other work run between two', async () => {
    for (let i = 0; i < 5; i += 1) {
      insertMessage(ctx.db, { id: `m${i}`, firmId, status: 'transmis', createdAt: 1, deliveredAt: 2, body: 'vieux' });
    }
    let turns = 0;
    const counter = setInterval(() => (turns += 1), 0);
    const { retention, privacy } = ctx.services;
    const report = await runPurge(ctx.db, retention.repo, privacy.audit, NOW, false, 2).finally(() =>
      clearInterval(counter),
    );
    expect(report.firms).toEqual([
      { firmId, counts: { messages: 5, outbox: 0, calls: 0, timeEntries: 0, entryAudit: 0, importBatches: 0 } },
    ]);
    const entries = ctx.db
      .prepare("SELECT detail ->> 'messages' FROM audit_log WHERE kind = 'retention.purged' ORDER BY seq")
      .pluck()
      .all();
    expect(entries).toEqual([2, 2, 1]);
    expect(turns).toBeGreaterThan(0);
    expect(ids(ctx.db, 'messages')).toEqual([]);
  });

  it('runs one purge at a time: a second call while one runs gets the same report', async () => {
    insertMessage(ctx.db, { id: 'old', firmId, status: 'transmis', createdAt: 1, deliveredAt: 2 });
    const [a, b] = await Promise.all([ctx.services.retention.purge(false), ctx.services.retention.purge(false)]);
    expect(b).toBe(a);
    expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE kind = 'retention.purged'").pluck().get()).toBe(1);
  });
});
