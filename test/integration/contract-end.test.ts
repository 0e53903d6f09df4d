import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../shared/api';
import { KEPT_TABLES } from '../../main/store/repositories/firm-data';
import { makeFirmDraft, parsedDraft } from '../fixtures/factories';
import { insertMessage } from '../unit/main/privacy/retention-rows';
import { ISSUE_DAY, lockMonth, MONTH, openInvoicesContext, type InvoicesContext } from './invoices/support';

let ctx: InvoicesContext;
let otherId: string;

beforeEach(async () => {
  ctx = openInvoicesContext();
  const { services } = ctx.t;
  lockMonth(ctx);
  await ctx.t.client.invoices.issue({ month: MONTH, firmId: ctx.firmId });
  services.contacts.save({
    firmId: ctx.firmId,
    contact: {
      name: 'Mme Quenotte',
      company: '',
      phones: [],
      email: '',
      notes: 'dossier qxzcanari',
      vip: false,
      doNotTransfer: false,
    },
  });
  insertMessage(ctx.t.db, {
    id: 'm1',
    firmId: ctx.firmId,
    status: 'transmis',
    createdAt: ISSUE_DAY - 5000,
    deliveredAt: ISSUE_DAY - 4000,
    body: 'vwkcanari jqxdossier',
  });
  services.retention.save(ctx.firmId, { messagesMonths: 6, callsMonths: 12, timeEntriesMonths: 120, auditMonths: 12 });
  otherId = services.firms.save({
    draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Voisin', numbers: [{ e164: '01 99 00 00 02', label: '' }] })),
  }).id;
  services.contacts.save({
    firmId: otherId,
    contact: {
      name: 'M. Voisin',
      company: '',
      phones: [],
      email: '',
      notes: 'qxzcanari aussi',
      vip: false,
      doNotTransfer: false,
    },
  });
  insertMessage(ctx.t.db, {
    id: 'm2',
    firmId: otherId,
    status: 'brouillon',
    createdAt: ISSUE_DAY - 3000,
    body: 'vwkcanari chez le voisin',
  });
});
afterEach(() => ctx.t.close());

const matches = (table: string, word: string) =>
  ctx.t.db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(word) as number;

describe('end of contract', () => {
  it('exports every row and file of the firm into one folder with a manifest', async () => {
    const result = await ctx.t.client.privacy.endOfContractExport({ firmId: ctx.firmId });
    const rel = result.files.map((f) => path.relative(result.dir, f)).sort();
    expect(rel).toEqual(
      expect.arrayContaining([
        'donnees.json',
        'manifeste.json',
        'registre-des-traitements.json',
        'registre-des-traitements.pdf',
        `releves/${MONTH}_cabinet-martin_releve.csv`,
        `releves/${MONTH}_cabinet-martin_releve.xlsx`,
      ]),
    );
    expect(rel.filter((f) => f.startsWith('factures/') && f.endsWith('.pdf'))).toHaveLength(1);
    const data = JSON.parse(fs.readFileSync(path.join(result.dir, 'donnees.json'), 'utf8'));
    expect(data.cabinet).toEqual({ id: ctx.firmId, nom: 'Cabinet Martin' });
    expect(data.tables.messages.map((m: { body: string }) => m.body)).toEqual(['vwkcanari jqxdossier']);
    expect(data.tables.calls).toHaveLength(12);
    expect(data.tables.contacts.map((c: { name: string }) => c.name)).toEqual(['Mme Quenotte']);
    expect(data.tables.firm_retention).toHaveLength(1);
    expect(data.tables.invoices).toHaveLength(1);
    expect(typeof data.tables.invoice_files[0].pdf.base64).toBe('string');
    expect(JSON.stringify(data)).not.toContain('Cabinet Voisin');
    expect(result.counts.time_entries).toBe(data.tables.time_entries.length);
    expect(fs.statSync(result.dir).mode & 0o777).toBe(0o700);
    const audit = ctx.t.db
      .prepare("SELECT detail FROM audit_log WHERE kind = 'contract.exported'")
      .pluck()
      .get() as string;
    expect(audit).not.toMatch(/Martin|Quenotte|canari/);
  });

  it('purges only after an intact, up-to-date export and her typing the firm’s name', async () => {
    const { client, db, services } = ctx.t;
    await expect(
      client.privacy.endOfContract({ firmId: ctx.firmId, confirmName: 'Cabinet Martin' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      text: { key: 'privacy.errors.exportFirst' },
    });
    await client.privacy.endOfContractExport({ firmId: ctx.firmId });
    await expect(
      client.privacy.endOfContract({ firmId: ctx.firmId, confirmName: 'Cabinet Dupont' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      text: { key: 'privacy.errors.confirmName' },
    });
    // A message arrives after the export: the export no longer holds everything.
    insertMessage(db, { id: 'late', firmId: ctx.firmId, status: 'a-transmettre', createdAt: ISSUE_DAY });
    await expect(
      client.privacy.endOfContract({ firmId: ctx.firmId, confirmName: 'cabinet martin' }),
    ).rejects.toBeInstanceOf(PermanenceError);
    expect(db.prepare('SELECT count(*) FROM messages WHERE firm_id = ?').pluck().get(ctx.firmId)).toBe(2);
    expect(services.retention.contract.latestExport(ctx.firmId)?.upToDate).toBe(false);
  });

  it('leaves zero rows of the firm (invoices and audit aside), other firms untouched, and lists the backups that still hold it', async () => {
    const { client, db, services, events } = ctx.t;
    const firmData = services.retention.contract.firmData;
    const otherBefore = firmData.counts(otherId);
    ctx.clock.now = Date.UTC(2026, 10, 30, 9, 0); // Monday 30 November: November's newest backup
    services.privacy.backupNow();
    ctx.clock.now = ISSUE_DAY;
    services.privacy.backupNow();
    await client.privacy.endOfContractExport({ firmId: ctx.firmId });
    expect(services.retention.contract.latestExport(ctx.firmId)?.upToDate).toBe(true);

    const end = await client.privacy.endOfContract({ firmId: ctx.firmId, confirmName: ' cabinet  MARTIN ' });

    const after = firmData.counts(ctx.firmId);
    for (const [table, rows] of Object.entries(after)) {
      if (!KEPT_TABLES.has(table)) expect({ table, rows }).toEqual({ table, rows: 0 });
    }
    expect(after.invoices).toBe(1);
    expect(after.invoice_files).toBe(1);
    expect(end.removed.messages).toBe(1);
    expect(end.removed.calls).toBe(12);
    const { audit_log: _a, ...otherNow } = firmData.counts(otherId);
    const { audit_log: _b, ...otherThen } = otherBefore;
    expect(otherNow).toEqual(otherThen);

    // Search: the firm's words are gone from the indexes' segments; the other firm's still found.
    expect(matches('messages_fts', 'vwkcanari')).toBe(1);
    expect(matches('contacts_fts', 'qxzcanari')).toBe(1);
    expect(
      db
        .prepare("SELECT count(*) FROM messages_fts_data WHERE instr(block, CAST('qxdossier' AS BLOB)) > 0")
        .pluck()
        .get(),
    ).toBe(0);
    expect(
      db
        .prepare("SELECT count(*) FROM contacts_fts_data WHERE instr(block, CAST('uenotte' AS BLOB)) > 0")
        .pluck()
        .get(),
    ).toBe(0);

    expect(services.privacy.audit.verify().ok).toBe(true);
    const entry = db.prepare("SELECT firm_id, detail FROM audit_log WHERE kind = 'contract.ended'").get() as {
      firm_id: string;
      detail: string;
    };
    expect(entry.firm_id).toBe(ctx.firmId);
    expect(JSON.parse(entry.detail).rows).toBeGreaterThan(12);
    expect(events).toContainEqual({ name: 'firms:changed', payload: { ids: [ctx.firmId] } });

    // Both backups hold the firm until the rotation drops them, if a backup is made each day from now: this
    // morning's after 7 days (newer ones stand for its week and month), November's as its month's after 12 months.
    expect(end.backups.map((b) => [b.folder, b.createdAt, b.leavesRotationAt])).toEqual([
      ['data', ISSUE_DAY, Date.UTC(2026, 11, 9, 9, 0)],
      ['data', Date.UTC(2026, 10, 30, 9, 0), Date.UTC(2027, 10, 1, 9, 0)],
    ]);
  });
});
