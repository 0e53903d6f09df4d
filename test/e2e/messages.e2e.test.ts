import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sourceRoot } from '../../main/platform/paths';
import { resolveStoreKey } from '../../main/services/privacy/keys/dev-key';
import { openDatabaseFile } from '../../main/store/cipher';
import { DATABASE_FILE } from '../../main/store/open';
import { registerSearchFunctions } from '../../main/store/repositories/fts';
import { createMessagesRepository } from '../../main/store/repositories/messages';
import { startSmtpServer, waitFor, type TestSmtpServer } from '../integration/smtp-test-server';
import { CHROMIUM_PATH, hasTool, launchChromium, type LaunchedBrowser } from './support/chromium';
import { ensureRendererBuilt, freshDataDir, screenshotPath, startTestHarness } from './support/harness';

const enabled = hasTool(CHROMIUM_PATH, 'chromium');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name), fullPage: false });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.runIf(enabled)('messages in Chromium through the harness', () => {
  let browser: LaunchedBrowser;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    browser = await launchChromium();
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await browser?.close();
    await smtp?.stop();
  });

  it('takes a demo call through the script to a message delivered to the SMTP server, shown "Transmis"', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    harness.services.settings.update({ secretaryName: 'Sophie' });
    harness.services.smtp.save({
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: '',
      from: 'permanence@secretariat.test',
      fromName: 'Permanence',
    });
    const page = await browser.context.newPage();
    await page.goto(harness.url);

    await page.getByRole('button', { name: 'Simuler un appel' }).click();
    await page.getByLabel('Pour le cabinet').selectOption({ label: 'Cabinet Martin & Associés' });
    await page.getByRole('button', { name: 'Faire sonner' }).click();
    await page.getByRole('button', { name: /Décrocher/ }).click();

    const desk = page.locator('.cd');
    const runner = desk.getByRole('region', { name: 'Script' });
    await desk.getByRole('heading', { name: 'Cabinet Martin & Associés' }).waitFor();
    await shot(page, 'messages-01-call-desk-greeting');
    // The script's first step is the greeting and asks the caller's name.
    await page.getByLabel('Nom et prénom de l’appelant', { exact: true }).fill('M. Dupont');
    await page.keyboard.press('Enter');
    await desk.getByText('Vérification d’identité', { exact: true }).first().waitFor();
    await shot(page, 'messages-02-identity-check');
    await page.getByLabel('Identité vérifiée').check();
    await page.keyboard.press('Enter');
    await page.getByLabel('Numéro de rappel', { exact: true }).fill('06 12 34 56 78');
    await page.keyboard.press('Enter');
    // Déjà client ? non → résumé
    await runner.getByRole('radio', { name: 'Non' }).check();
    await page.keyboard.press('Enter');
    await page.getByLabel('Résumé de la situation', { exact: true }).fill('Licenciement contesté, audience bientôt');
    await page.keyboard.press('Enter');
    await runner.getByRole('radio', { name: 'Droit du travail' }).check();
    await page.keyboard.press('Enter');
    await runner.getByRole('radio', { name: 'Oui' }).check();
    await desk.getByRole('note').filter({ hasText: 'Appeler Me Martin sur son portable' }).waitFor();
    await shot(page, 'messages-03-branch-consigne');
    await page.keyboard.press('Enter');
    await page.getByLabel('Motif de l’urgence', { exact: true }).fill('Audience prud’homale jeudi');
    await page.keyboard.press('Alt+ArrowRight');
    await page.getByLabel('Parties adverses', { exact: true }).first().fill('Société Durand SA');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Alt+ArrowRight');
    await desk.getByText('Récapitulatif', { exact: true }).first().waitFor();
    const readback = desk.getByRole('definition').filter({ hasText: 'M. Dupont' });
    await readback.first().waitFor();
    await page.getByLabel('Rappel souhaité').fill('avant 12h');
    await page.getByRole('status').filter({ hasText: 'Brouillon enregistré' }).waitFor();
    await shot(page, 'messages-04-recap');

    await page.keyboard.press('Control+Enter');
    await desk.getByRole('heading', { name: 'Message envoyé' }).waitFor();
    await desk.getByRole('status').filter({ hasText: 'Transmis' }).waitFor({ timeout: 15_000 });
    await shot(page, 'messages-05-transmis');

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe('[Cabinet Martin & Associés] Urgent — M. Dupont, rappel avant 12h');
    expect(mail.envelopeTo.sort()).toEqual(['c.martin@example.fr', 'n.benali@example.fr']);
    expect(mail.text).toContain('Téléphone : 06 12 34 56 78');
    expect(mail.text).toContain('Nature du dossier : Droit du travail');
    expect(mail.text).toContain('Parties adverses : Société Durand SA');

    // The Messages view lists it, live, and full-text search folds accents.
    await desk.getByRole('button', { name: 'Fermer' }).first().click();
    await desk.waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+3');
    await page.getByRole('searchbox', { name: 'Rechercher dans les messages' }).fill('prudhomale');
    await page.getByRole('option').filter({ hasText: 'M. Dupont' }).click();
    await page.getByRole('article').getByRole('status').filter({ hasText: 'Transmis' }).waitFor();
    await shot(page, 'messages-06-list');
    await page.close();
    await harness.close();
  }, 90_000);

  it('takes a message without a call from the "Poste d’appel" view', async () => {
    const harness = await startTestHarness();
    harness.services.workspace.initialise('demo');
    const page = await browser.context.newPage();
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Poste d’appel' }).waitFor();
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: 'Poste d’appel' }).waitFor();
    await page.getByRole('combobox', { name: 'Cabinet', exact: true }).selectOption({ label: 'Plomberie Szymański' });
    await page.getByRole('button', { name: 'Prendre un message' }).click();
    await page.locator('.cd').getByRole('heading', { name: 'Plomberie Szymański' }).waitFor();
    await shot(page, 'messages-07-without-call');
    await page.close();
    await harness.close();
  }, 60_000);

  it('finds the draft typed before the harness process was killed', async () => {
    ensureRendererBuilt();
    const dataDir = freshDataDir();
    const token = 'crash-test-token';
    const port = await freePort();
    const root = sourceRoot();
    const start = (): ChildProcess =>
      spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['main/harness/start.ts'], {
        cwd: root,
        env: { ...process.env, PERMANENCE_DATA_DIR: dataDir, PERMANENCE_HARNESS_TOKEN: token, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: tsx runs the harness in a child process, and the kill must reach it.
        detached: true,
      });
    const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    const ready = (child: ChildProcess) =>
      new Promise<void>((resolve, reject) => {
        let errors = '';
        child.stderr!.on('data', (chunk: Buffer) => (errors += String(chunk)));
        child.stdout!.on('data', (chunk: Buffer) => {
          if (String(chunk).includes('Permanence harness:')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`harness exited (${code}): ${errors}`)));
      });
    const url = `http://127.0.0.1:${port}/?token=${token}`;

    let child = start();
    const cleanup = () => killGroup(child, 'SIGKILL');
    process.once('exit', cleanup);
    await ready(child);
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: /espace de démonstration/ }).click();
    await page.getByRole('list', { name: 'Liste des cabinets' }).getByRole('button').first().waitFor();
    await page.keyboard.press('Alt+2');
    await page
      .getByRole('combobox', { name: 'Cabinet', exact: true })
      .selectOption({ label: 'Cabinet Martin & Associés' });
    await page.getByRole('button', { name: 'Prendre un message' }).click();
    await page
      .getByLabel('Nom et prénom de l’appelant', { exact: true })
      .pressSequentially('Mme Lefèvre', { delay: 20 });
    await page
      .getByRole('textbox', { name: 'Message', exact: true })
      .pressSequentially('Elle rappelle au sujet du bail commercial', { delay: 10 });
    // Mid-typing: the autosave of the last keystrokes has reached the store, then the process dies.
    await page.getByRole('status').filter({ hasText: 'Brouillon enregistré' }).waitFor();
    await page.getByRole('textbox', { name: 'Message', exact: true }).pressSequentially(' et', { delay: 10 });
    await waitFor(() => {
      // Read-only beside the running harness, which holds the data directory's lock.
      // The harness's store is encrypted with its dev-only key.
      const key = resolveStoreKey(dataDir) ?? undefined;
      const db = openDatabaseFile(path.join(dataDir, DATABASE_FILE), { readonly: true, ...(key ? { key } : {}) });
      registerSearchFunctions(db);
      try {
        return createMessagesRepository(db)
          .list({ status: 'brouillon', query: '', limit: 5, offset: 0 })
          .items.some((m) => m.body.endsWith(' et'));
      } finally {
        db.close();
      }
    }, 'the last keystrokes in the store');
    killGroup(child, 'SIGKILL');
    await new Promise((r) => child.once('exit', r));

    child = start();
    await ready(child);
    await page.goto(url);
    await page.getByRole('button', { name: 'Poste d’appel' }).waitFor();
    await page.keyboard.press('Alt+2');
    const draft = page.getByRole('button', { name: /Cabinet Martin & Associés — Mme Lefèvre/ });
    await draft.click();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Message', exact: true }).inputValue())
      .toBe('Elle rappelle au sujet du bail commercial et');
    await expect.poll(() => page.getByLabel('Nom de l’appelant', { exact: true }).inputValue()).toBe('Mme Lefèvre');
    await shot(page, 'messages-08-draft-after-crash');
    await page.close();
    killGroup(child, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
    process.off('exit', cleanup);
  }, 90_000);
});
