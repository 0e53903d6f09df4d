import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';

const T = Date.UTC(2026, 11, 3, 12);
const monthsAgo = (months: number, from = T) => {
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
};

let clock = T;
let ctx: TestContext;
let firmA: string;
let firmB: string;

beforeEach(() => {
  clock = monthsAgo(15);
  ctx = openTestContext({ now: () => clock });
  firmA = ctx.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet A' })) }).id;
  firmB = ctx.services.firms.save({
    draft: parsedDraft(makeFirmDraft({ name: 'Cabinet B', numbers: [{ e164: '01 99 00 00 02', label: '' }] })),
  }).id;
  const record = (at: number, firmId: string | null) => {
    clock = at;
    ctx.services.privacy.audit.record({ kind: 'export.releve', firmId, subject: '2025-10', detail: { files: 1 } });
  };
  record(monthsAgo(14), firmA); // 1
  record(monthsAgo(13), null); // 2
  record(monthsAgo(13), firmB); // 3: inside B's 24 months, so the chain's start stops here
  record(monthsAgo(13), firmA); // 4
  // 5: B keeps its audit entries 24 months (the change is itself an entry).
  clock = monthsAgo(1);
  ctx.services.retention.save(firmB, { messagesMonths: 3, callsMonths: 12, timeEntriesMonths: 120, auditMonths: 24 });
  clock = T;
});
afterEach(() => ctx.close());

const seqs = () => ctx.db.prepare('SELECT seq FROM audit_log ORDER BY seq').pluck().all();

describe('audit log retention', () => {
  it('removes the expired start of the chain, anchors the rest with a checkpoint, and the chain still verifies', async () => {
    expect((await ctx.services.retention.purge(true)).auditRows).toBe(2);
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);

    const report = await ctx.services.retention.purge(false);
    expect(report.auditRows).toBe(2);
    expect(seqs()).toEqual([3, 4, 5, 6]);
    const checkpoint = ctx.db.prepare('SELECT kind, firm_id, detail FROM audit_log WHERE seq = 6').get() as {
      kind: string;
      detail: string;
    };
    expect(checkpoint.kind).toBe('audit.purged');
    expect(JSON.parse(checkpoint.detail)).toMatchObject({ throughSeq: 2, rows: 2 });
    expect(ctx.services.privacy.audit.verify()).toEqual({ ok: true, count: 4 });
    expect(ctx.db.prepare('SELECT count(*) FROM audit_purge_allowed').pluck().get()).toBe(0);

    // 13 months later 3 and 4 are expired; 5 (B's, 14 months old) stays, and so do the rows after it.
    clock = monthsAgo(-13);
    await ctx.services.retention.purge(false);
    expect(seqs()).toEqual([5, 6, 7]);
    expect(ctx.services.privacy.audit.verify()).toEqual({ ok: true, count: 3 });
    ctx.services.privacy.audit.record({ kind: 'export.invoices', subject: '2027-12' });
    expect(ctx.services.privacy.audit.verify()).toEqual({ ok: true, count: 4 });

    // Years later every row is expired: the new checkpoint alone is the chain, and it verifies.
    clock = monthsAgo(-40);
    await ctx.services.retention.purge(false);
    expect(seqs()).toEqual([9]);
    expect(ctx.services.privacy.audit.verify()).toEqual({ ok: true, count: 1 });
  });

  it('still refuses a delete outside the purge, and reports rows removed behind the checkpoint’s back', async () => {
    await ctx.services.retention.purge(false);
    expect(() => ctx.db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/ajout seul/);
    // Someone with the file opens the guard himself and removes one more row: the checkpoint does not vouch for it.
    ctx.db.transaction(() => {
      ctx.db.prepare("INSERT INTO audit_purge_allowed (id, through_seq) VALUES ('purge', 3)").run();
      ctx.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
      ctx.db.prepare('DELETE FROM audit_purge_allowed').run();
    })();
    expect(ctx.services.privacy.audit.verify()).toMatchObject({ ok: false, brokenAt: 4 });
  });
});
