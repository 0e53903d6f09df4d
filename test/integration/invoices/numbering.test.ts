import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { sourceRoot } from '../../../main/platform/paths';
import { openStore } from '../../../main/store/open';
import { createServices } from '../../../main/services';
import { tempDir } from '../../fixtures/factories';
import { MONTH, lockMonth, openInvoicesContext } from './support';

/**
 * One continuous series whatever happens: three processes issuing at once, two of them killed with SIGKILL at
 * random moments, leave numbers 1…N with no gap and no duplicate, each row with its XML (sha256 matching),
 * dates that never go backwards, and a PDF rendered later for any invoice whose process died before it.
 */
const CHILD = path.join(__dirname, 'issuer-child.ts');

function runChild(
  dataDir: string,
  invoiceId: string,
  count: number,
): { child: ChildProcess; numbers: string[]; done: Promise<number | null> } {
  // node itself with tsx as a loader (not the tsx wrapper, whose SIGKILL would leave the real process running).
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, invoiceId, String(count)], {
    cwd: sourceRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const numbers: string[] = [];
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => numbers.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') console.error(stderr);
      resolve(signal === 'SIGKILL' ? null : code);
    }),
  );
  return { child, numbers, done };
}

async function untilNumbers(numbers: string[], n: number, done: Promise<unknown>): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true));
  for (let i = 0; i < 6000 && numbers.length < n && !finished; i += 1) await new Promise((r) => setTimeout(r, 10));
}

describe('invoice numbering under concurrent issuers and kill -9', () => {
  it('leaves a contiguous series with no duplicate, every invoice complete', async () => {
    const dataDir = tempDir();
    const ctx = openInvoicesContext({ dataDir });
    lockMonth(ctx);
    const [issued] = await ctx.t.services.invoices.issue(MONTH, ctx.firmId);
    if (issued?.status !== 'issued') throw new Error('not issued');
    const invoiceId = issued.invoice.id;
    ctx.t.close();

    const steady = runChild(dataDir, invoiceId, 12);
    const victims = [runChild(dataDir, invoiceId, 40), runChild(dataDir, invoiceId, 40)];
    // Each victim is killed once it has committed a random number (1 to 6) of credit notes: mid-transaction,
    // between commit and PDF, or while another process holds the write lock.
    await Promise.all(
      victims.map(async (v) => {
        await untilNumbers(v.numbers, 1 + Math.floor(Math.random() * 6), v.done);
        v.child.kill('SIGKILL');
        await v.done;
      }),
    );
    for (const v of victims) expect(v.numbers.length).toBeLessThan(40); // killed mid-run, not finished
    expect(await steady.done).toBe(0);
    expect(steady.numbers).toHaveLength(12);

    const db = openStore({ dataDir });
    const rows = db
      .prepare<[], { seq: number; number: string; xml: string; xml_sha256: string; issue_date: string }>(
        'SELECT seq, number, xml, xml_sha256, issue_date FROM invoices ORDER BY seq',
      )
      .all();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.number).toBe(`FA-${String(r.seq).padStart(4, '0')}`);
      expect(createHash('sha256').update(r.xml).digest('hex')).toBe(r.xml_sha256);
    }
    expect(rows.map((r) => r.issue_date)).toEqual([...rows.map((r) => r.issue_date)].sort());
    // Every number a process printed is in the store (nothing acknowledged was lost).
    const printed = [...steady.numbers, ...victims.flatMap((v) => v.numbers)];
    expect(printed.every((n) => rows.some((r) => r.number === n))).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(1 + 12 + 2);

    // An invoice whose process died before its PDF gets one on first use.
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'test',
      transport: 'harness',
    });
    for (const row of services.invoices.list()) {
      const pdf = await services.invoices.pdf(row.id);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const credited = services.invoices.list().filter((r) => r.kind === 'credit-note');
    expect(credited.reduce((sum, r) => sum + r.linesCents, 0)).toBe(rows.length - 1);
    db.close();
  });
});
