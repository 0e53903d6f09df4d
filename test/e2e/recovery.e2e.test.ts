import fs from 'node:fs';
import path from 'node:path';
import { createServices } from '../../main/services';
import { sourceRoot } from '../../main/platform/paths';
import { DATABASE_FILE, openStore } from '../../main/store/open';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

describe.runIf(enabled)('recovery screen in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a truncated store opens the recovery screen (not the first-run screen) and restores the backup', async () => {
    const dataDir = freshDataDir();
    const db = openStore({ dataDir });
    createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'test',
      transport: 'harness',
    }).workspace.initialise('demo');
    fs.mkdirSync(path.join(dataDir, 'backups'));
    db.prepare('VACUUM INTO ?').run(path.join(dataDir, 'backups', 'permanence-v7-2026-12-01T07-30-00-000Z.sqlite3'));
    db.close();
    const store = path.join(dataDir, DATABASE_FILE);
    fs.truncateSync(store, Math.floor(fs.statSync(store).size / 2));

    let harness = await startTestHarness(dataDir, 'recovery-token');
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(harness.url);
    await page.getByRole('heading', { name: 'Votre base de données ne peut pas être ouverte' }).waitFor();
    expect(await page.getByText('La vérification d’intégrité a échoué').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Bienvenue dans Permanence' }).count()).toBe(0);
    await page
      .getByRole('list', { name: 'Sauvegardes' })
      .getByText('permanence-v7-2026-12-01T07-30-00-000Z.sqlite3')
      .waitFor();
    await page.screenshot({ path: screenshotPath('recovery-01-damaged-store') });

    await page.getByRole('button', { name: 'Restaurer la sauvegarde la plus récente' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Sauvegarde « permanence-v7-2026-12-01T07-30-00-000Z.sqlite3 » restaurée.' })
      .waitFor();
    await page.getByText('Redémarrez Permanence pour l’ouvrir.').waitFor();
    await page.screenshot({ path: screenshotPath('recovery-02-restored') });
    // The damaged store is kept aside (with its WAL and SHM, if any), never deleted.
    expect(fs.readdirSync(path.join(dataDir, 'damaged')).filter((f) => f.endsWith('.sqlite3'))).toHaveLength(1);

    await harness.close();
    harness = await startTestHarness(dataDir, 'recovery-token');
    await page.goto(harness.url);
    const list = page.getByRole('list', { name: 'Liste des cabinets' });
    await list.getByRole('button').first().waitFor();
    expect(await list.getByRole('button').count()).toBe(5);
    await page.close();
    await harness.close();
  }, 90_000);
});
