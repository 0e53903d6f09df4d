import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { openStore } from '../../main/store/open';
import { facturXErrors } from '../support/facturx-validate';
import { percentile, round } from './stats';
import { seedTimesheets } from './timesheets.bench';

/**
 * Invoices on a copy of the ten-year seed (issuing is irreversible: the seed itself is never touched).
 * - invoices.issue_and_validate.p95: one firm's invoice issued (number, XML, PDF/A-3) and its XML validated
 *   with the XSD and the CEN, Factur-X and BR-FR schematrons; goal ≤ 2 s.
 * - invoices.issue_all_firms: every firm of the seed (30) invoiced for one month in one call; goal ≤ 10 s.
 */
export async function run(
  report: (name: string, value: number, unit: string) => void,
  options: { seedDir?: string } = {},
): Promise<void> {
  if (!options.seedDir || !fs.existsSync(path.join(options.seedDir, 'permanence.sqlite3'))) {
    throw new Error('invoices bench needs the ten-year seed (npm run bench -- --seed)');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-invoices-'));
  const seed = openStore({ dataDir: options.seedDir });
  seed.prepare('VACUUM INTO ?').run(path.join(dataDir, 'permanence.sqlite3'));
  seed.close();
  const db = openStore({ dataDir });
  const services = createServices(db, {
    assetsDir: path.join(sourceRoot(), 'assets'),
    dataDir,
    appVersion: 'bench',
    transport: 'harness',
  });
  try {
    services.settings.update({
      legalName: 'Julie Moreau',
      siren: '912345674',
      address: '4 allée des Tilleuls\n69003 Lyon',
      vatMode: 'rate',
      vatRateBasisPoints: 2000,
    });
    services.invoices.saveSettings({ iban: 'FR7630006000011234567890189', sellerVatId: 'FR44912345674' });
    const firms = services.firms.list();
    // The ten-year seed holds calls and contacts; time entries come from the timesheets bench when it ran. Two
    // months of work for every firm, so this bench stands on its own.
    const months = db
      .prepare<[number, number], { n: number }>(
        'SELECT count(*) AS n FROM time_entries WHERE started_at >= ? AND started_at < ?',
      )
      .get(Date.UTC(2026, 8, 1), Date.UTC(2026, 10, 1))!.n;
    if (months < 3000) {
      seedTimesheets(db, {
        firmIds: firms.map((f) => f.id),
        timeEntries: 6000,
        calls: 4000,
        from: Date.UTC(2026, 8, 1),
        to: Date.UTC(2026, 10, 1),
        seed: 7,
      });
    }
    firms.forEach((firm, i) => {
      const siren = String(732829320 + i);
      services.invoices.saveFirmDetails(firm.id, {
        legalName: firm.name,
        siren,
        address: { line1: `${i + 1} rue de la Paix`, line2: '', postcode: '75002', city: 'Paris', countryCode: 'FR' },
        electronicAddress: { scheme: '0002', id: siren },
        emails: [],
        buyerReference: '',
      });
    });
    services.billing.lock(null, '2026-09', 'bench');
    services.billing.lock(null, '2026-10', 'bench');

    const samples: number[] = [];
    let invalid = 0;
    // The validators load 13 MB of compiled schematrons once per process: measured apart, then warm samples.
    const warm = performance.now();
    const [first] = await services.invoices.issue('2026-09', firms[0]!.id);
    if (first?.status !== 'issued')
      throw new Error(`the seed's first firm could not be invoiced: ${JSON.stringify(first)}`);
    if ((await facturXErrors(services.invoices.get(first.invoice.id).xml)).length > 0) invalid += 1;
    report('invoices.issue_and_validate.cold_start', round(performance.now() - warm), 'ms');
    for (const firm of firms.slice(1, 11)) {
      const t0 = performance.now();
      const [outcome] = await services.invoices.issue('2026-09', firm.id);
      if (outcome?.status === 'issued') {
        const errors = await facturXErrors(services.invoices.get(outcome.invoice.id).xml);
        if (errors.length > 0) invalid += 1;
        samples.push(performance.now() - t0);
      }
    }
    if (samples.length === 0) throw new Error('no invoice could be issued on the seed');
    if (invalid > 0) throw new Error(`${invalid} seed invoice(s) failed the Factur-X validation`);
    report('invoices.issue_and_validate.p50', round(percentile(samples, 50)), 'ms');
    report('invoices.issue_and_validate.p95', round(percentile(samples, 95)), 'ms');

    const t0 = performance.now();
    const outcomes = await services.invoices.issue('2026-10', null);
    report('invoices.issue_all_firms', round(performance.now() - t0), 'ms');
    report('invoices.issue_all_firms.count', outcomes.filter((o) => o.status === 'issued').length, 'invoices');
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
