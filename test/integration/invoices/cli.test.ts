import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../main/cli';
import { eurosToCents } from '../../../main/services/invoices/cli';
import { openTestContext, tempDir } from '../../fixtures/factories';
import { MONTH, openInvoicesContext } from './support';

describe('npm run cli -- invoices', () => {
  it('issues, lists, credits, marks paid and exports through the same rules as the app', async () => {
    const dataDir = tempDir();
    const ctx = openInvoicesContext({ dataDir });
    const env = { PERMANENCE_DATA_DIR: dataDir };
    ctx.t.close();

    const notLocked = await runCli(['invoices', 'issue', '--month', MONTH], env);
    expect(notLocked).toMatchObject({ exitCode: 0 });
    expect(notLocked.stdout).toContain('0 facture émise pour 2026-11');
    expect(notLocked.stdout).toContain('Cabinet Martin : mois non verrouillé');

    const again = openTestContext({ dataDir });
    again.services.billing.lock(ctx.firmId, MONTH, 'fin de mois');
    again.close();
    const issued = await runCli(['invoices', 'issue', '--month', MONTH], env);
    expect(issued.stdout).toMatch(/^1 facture émise pour 2026-11 :\n {2}Cabinet Martin : facture FA-0001, \d+,\d\d €/);

    const credit = await runCli(['invoices', 'credit', 'FA-0001', '--amount', '2,50', '--reason', 'geste'], env);
    expect(credit).toMatchObject({ exitCode: 0, stdout: 'Avoir FA-0002 sur la facture FA-0001 : 2,50 €.\n' });
    const tooMuch = await runCli(['invoices', 'credit', 'FA-0001', '--amount', '99999', '--reason', 'x'], env);
    expect(tooMuch.exitCode).toBe(1);
    expect(tooMuch.stderr).toContain('ne peut dépasser ce qui reste à créditer');

    expect((await runCli(['invoices', 'paid', 'FA-0001', '--on', '2026-12-20'], env)).stdout).toBe(
      'Facture FA-0001 payée le 2026-12-20.\n',
    );
    const list = await runCli(['invoices', 'list', '--month', MONTH], env);
    expect(
      list.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['FA-0001', 'FA-0002']);
    expect(list.stdout).toContain('payée le 2026-12-20');

    const out = path.join(tempDir(), 'factures');
    const exported = await runCli(['invoices', 'export', '--month', MONTH, '--out', out], env);
    expect(exported.stdout).toContain('6 fichiers écrits');
    expect(fs.readdirSync(out).sort()).toContain('FA-0001.pdf');

    const bad = await runCli(['invoices', 'issue', '--month', 'novembre'], env);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('--month YYYY-MM');
  });

  it('reads euro amounts exactly', () => {
    expect(eurosToCents('12,5')).toBe(1250);
    expect(eurosToCents('0.07')).toBe(7);
    expect(eurosToCents('1999')).toBe(199_900);
    expect(() => eurosToCents('1,234')).toThrow();
    expect(() => eurosToCents('-3')).toThrow();
  });
});
