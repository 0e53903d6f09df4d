import type { Page } from 'playwright-core';
import { startSmtpServer, type TestSmtpServer } from '../../integration/smtp-test-server';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { ensureRendererBuilt, screenshotPath, startTestHarness } from './harness';
import type { Harness } from '../../../main/harness/server';

/**
 * A secretary's day on the demo line, played with the keyboard only (page.keyboard): 40 calls for the five demo
 * firms — 25 messages delivered to a real SMTP server, 5 blind transfers, 10 calls that need no message — then
 * 10 tasks typed in the quick entry (Ctrl+E), a timer (Ctrl+T … Ctrl+T) and the month's export.
 *
 * Every key that is not typed content (Enter, F9, Ctrl+Entrée, Tab…) is counted per call, from the ring to the
 * idle screen. A call may take: answer + one key per script step + send + hang up + back to idle. When the focus
 * is not on the next thing to do, the driver has to Tab to it, and those keys count too.
 */

export type CallKind = 'message' | 'transfer' | 'no-message';

export interface CallRecord {
  index: number;
  firm: string;
  kind: CallKind;
  /** Script steps walked (greeting, identity and each question up to the recap). */
  steps: number;
  keys: number;
  /** answer + steps + send + hang up + back to idle. */
  allowed: number;
  keyLog: string[];
}

export interface DayResult {
  calls: CallRecord[];
  delivered: number;
  tasks: number;
  exportedFiles: number;
  wallTimeSeconds: number;
  screenshots: string[];
}

const DEMO_FIRMS = [
  'Cabinet Martin & Associés',
  'Cabinet du Dr Hélène Kerjean',
  'Agence des Chartrons Immobilier',
  'Plomberie Szymański',
  'Maison Colombe',
];

/** 40 calls: 25 messages, 5 transfers, 10 that need no message, spread over the firms. */
export function dayPlan(): Array<{ firm: string; kind: CallKind }> {
  return Array.from({ length: 40 }, (_, i) => ({
    firm: DEMO_FIRMS[i % DEMO_FIRMS.length]!,
    kind: i % 8 === 3 ? 'transfer' : i % 4 === 1 ? 'no-message' : 'message',
  }));
}

interface Focused {
  tag: string;
  type: string;
  name: string;
  label: string;
  inDesk: boolean;
  send: boolean;
  close: boolean;
}

class DayKeyboard {
  keys = 0;
  log: string[] = [];
  constructor(private readonly page: Page) {}
  /** A key that is not content: counted. */
  async press(key: string): Promise<void> {
    this.keys += 1;
    this.log.push(key);
    await this.page.keyboard.press(key);
  }
  /** Typed content: not counted. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }
  reset(): void {
    this.keys = 0;
    this.log = [];
  }
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const input = el as HTMLInputElement | null;
    const labelled = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return {
      tag: el?.tagName.toLowerCase() ?? 'none',
      type: input?.type ?? '',
      name: el?.textContent?.trim() ?? '',
      label: (labelled ?? el?.closest('label')?.textContent ?? el?.getAttribute('aria-label') ?? '').trim(),
      inDesk: !!el?.closest('.cd'),
      send: !!el?.closest('.cd-send__button'),
      close: !!el?.closest('.cd-sent') && /Fermer/.test(el?.textContent ?? ''),
    };
  });
}

/** What she types for a question, from the field's type and label. */
function answerFor(f: Focused, call: number): string {
  const label = f.label.toLowerCase();
  if (f.type === 'tel') return `06 12 34 ${String(10 + (call % 80)).padStart(2, '0')} 00`;
  if (f.type === 'email') return `client${call}@example.test`;
  if (f.type === 'date') return '15032027';
  if (/nom|appelant|client|patient/.test(label)) return `Mme Client ${call}`;
  if (/commande|référence|reference|dossier/.test(label)) return `REF-${1000 + call}`;
  if (/adresse/.test(label)) return `${call} rue des Lilas, Bordeaux`;
  return `Réponse ${call}`;
}

export interface DayDriverOptions {
  /** Called for every screen passed (first time it is met). */
  onScreen?(name: string, path: string): void;
  screenshots?: boolean;
  /** Fewer calls than the day's 40 (a quick look while developing the driver). */
  calls?: number;
}

export class DayDriver {
  private harness!: Harness;
  private browser!: LaunchedBrowser;
  private smtp!: TestSmtpServer;
  page!: Page;
  private kb!: DayKeyboard;
  private seen = new Set<string>();
  readonly screenshots: string[] = [];

  constructor(private readonly options: DayDriverOptions = {}) {}

  async start(): Promise<void> {
    ensureRendererBuilt();
    this.smtp = await startSmtpServer();
    this.harness = await startTestHarness();
    this.harness.services.workspace.initialise('demo');
    this.harness.services.smtp.save({
      host: '127.0.0.1',
      port: this.smtp.port,
      security: 'none',
      user: '',
      from: 'secretariat@permanence.test',
      fromName: 'Permanence',
    });
    this.browser = await launchChromium({ viewport: { width: 1280, height: 720 } });
    this.page = await this.browser.context.newPage();
    this.kb = new DayKeyboard(this.page);
    await this.page.goto(this.harness.url);
    await this.page.getByRole('list', { name: 'Liste des cabinets' }).getByRole('button').first().waitFor();
    await this.shot('idle');
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.harness?.close();
    await this.smtp?.stop();
  }

  /** One screenshot per kind of screen, the first time it is met. */
  async shot(name: string): Promise<void> {
    if (this.options.screenshots === false || this.seen.has(name)) return;
    this.seen.add(name);
    const file = screenshotPath(`day-${String(this.seen.size).padStart(2, '0')}-${name}`);
    await this.page.screenshot({ path: file });
    this.screenshots.push(file);
    this.options.onScreen?.(name, file);
  }

  async run(): Promise<DayResult> {
    const started = performance.now();
    const calls: CallRecord[] = [];
    for (const [index, call] of dayPlan()
      .slice(0, this.options.calls ?? 40)
      .entries())
      calls.push(await this.call(index, call.firm, call.kind));
    const expected = calls.filter((c) => c.kind === 'message').length;
    await this.waitFor(() => this.smtp.received.length >= expected, 'the messages to reach the SMTP server', 60_000);
    await this.messagesScreen();
    const tasks = await this.manualTasks(10);
    await this.timer();
    const exportedFiles = await this.exportMonth();
    return {
      calls,
      delivered: this.smtp.received.length,
      tasks,
      exportedFiles,
      wallTimeSeconds: (performance.now() - started) / 1000,
      screenshots: this.screenshots,
    };
  }

  private async waitFor(check: () => boolean | Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
    const until = Date.now() + timeout;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
      await this.page.waitForTimeout(50);
    }
  }

  /** The demo line rings for a firm: F8, the firm typed into the list, Tab, Entrée (the caller's side: not counted). */
  private async ring(firm: string): Promise<void> {
    const page = this.page;
    await page.keyboard.press('F8');
    const form = page.getByRole('form', { name: 'Simuler un appel' });
    await form.waitFor();
    await this.shot('simulate-call');
    await page.keyboard.type(firm.slice(0, 12));
    await this.waitFor(
      async () =>
        (await form
          .getByLabel('Pour le cabinet')
          .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text)) === firm,
      `« ${firm} » chosen in « Simuler un appel »`,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /Décrocher/ }).waitFor();
    await this.shot('ringing');
  }

  private async call(index: number, firm: string, kind: CallKind): Promise<CallRecord> {
    const page = this.page;
    await this.ring(firm);
    this.kb.reset();
    await this.kb.press('F9');
    const desk = page.locator('.cd');
    await desk.getByRole('heading', { name: firm }).waitFor();
    await this.shot('desk');
    let steps = 0;
    if (kind === 'message') {
      steps = await this.walkScript(index);
      await this.shot('recap');
      await this.send(index);
      await this.shot('sent');
      await this.kb.press('F10');
      await desk.getByText('Appel terminé', { exact: true }).waitFor();
      await this.backToIdle('close');
    } else if (kind === 'transfer') {
      await this.kb.press('Control+Shift+T');
      await this.waitFor(
        () => page.evaluate(() => document.activeElement?.hasAttribute('data-phone-transfer-input') ?? false),
        'the transfer field to take the focus',
      );
      await this.kb.type(index % 2 === 0 ? '201' : '0639981001');
      await this.shot('transfer');
      await this.kb.press('Enter');
      await desk.getByText('Appel terminé', { exact: true }).waitFor();
      await this.backToIdle('escape');
    } else {
      // She answers a question from the consignes: no message; the caller hangs up.
      await this.kb.press('F10');
      await desk.getByText('Appel terminé', { exact: true }).waitFor();
      await this.shot('hung-up');
      await this.backToIdle('escape');
    }
    // A transfer hands the call over instead of sending a message: it counts as the send (Ctrl+Maj+T; its Entrée
    // ends the call as a hang-up would).
    const allowed = 1 + steps + (kind === 'no-message' ? 0 : 1) + 1 + 1;
    return { index, firm, kind, steps, keys: this.kb.keys, allowed, keyLog: [...this.kb.log] };
  }

  /**
   * Ctrl+Entrée; when the message is refused, the focus is on the field to fix: she types it and sends again
   * (that second send counts, and shows in the call's keys).
   */
  private async send(call: number): Promise<void> {
    const desk = this.page.locator('.cd');
    const sent = desk.getByRole('heading', { name: /^(Message envoyé|Enregistré)/ });
    const refused = desk.locator('.cd-send [role="alert"]');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await this.kb.press('Control+Enter');
      await this.waitFor(async () => (await sent.count()) > 0 || (await refused.count()) > 0, 'the message to leave');
      if ((await sent.count()) > 0) return;
      await this.shot('send-refused');
      await this.kb.type(answerFor(await focused(this.page), call));
    }
    throw new Error(`The message was refused: ${await refused.textContent()}`);
  }

  /** Back to idle: Entrée on « Fermer » (where the focus is after sending), or Échap. */
  private async backToIdle(how: 'close' | 'escape'): Promise<void> {
    if (how === 'close') {
      await this.recoverFocus((f) => f.close, '« Fermer » after sending');
      await this.kb.press('Enter');
    } else {
      await this.kb.press('Escape');
    }
    await this.page.locator('.cd').waitFor({ state: 'detached' });
    await this.shot('idle-after-call');
  }

  /** Tabs (counted) until the focus is where `ok` wants it: each Tab is a key she should not have needed. */
  private async recoverFocus(ok: (f: Focused) => boolean, what: string): Promise<Focused> {
    for (let tabs = 0; tabs < 12; tabs += 1) {
      const f = await focused(this.page);
      if (ok(f)) return f;
      await this.kb.press('Tab');
    }
    throw new Error(`The focus never reached ${what}`);
  }

  /** One step after another until the focus is on « Envoyer » at the recap. Returns the number of steps. */
  private async walkScript(call: number): Promise<number> {
    const page = this.page;
    const prompt = page.locator('#cd-step-prompt');
    let steps = 0;
    for (; steps < 30; steps += 1) {
      const f = await this.recoverFocus(
        (x) => x.inDesk && (x.send || x.tag === 'input' || x.tag === 'select' || x.tag === 'button'),
        'the next thing to do in the script',
      );
      if (f.send) return steps;
      const before = await prompt.textContent();
      if (f.tag === 'input' && f.type === 'radio') await this.kb.type(/^(oui|non)$/i.test(f.label) ? 'n' : '1');
      else if (f.tag === 'input' && !['checkbox', 'radio'].includes(f.type)) await this.kb.type(answerFor(f, call));
      await this.kb.press('Enter');
      await this.waitFor(
        async () =>
          (await prompt.count()) === 0 || (await prompt.textContent()) !== before || (await focused(page)).send,
        `the step after « ${before} »`,
      );
    }
    throw new Error('The script never reached the recap');
  }

  private async messagesScreen(): Promise<void> {
    await this.page.keyboard.press('Alt+3');
    await this.page.locator('#msg-search').waitFor();
    await this.page.keyboard.press('Control+k');
    await this.page.keyboard.type('mme client');
    await this.page.locator('.msg-row__motif').first().waitFor();
    await this.shot('messages-search');
  }

  /** Tasks typed in the quick entry: Ctrl+E, the firm typed, Tab to the duration, Entrée. */
  private async manualTasks(count: number): Promise<number> {
    const page = this.page;
    await page.keyboard.press('Alt+5');
    const entries = () => (this.harness.db.prepare('SELECT count(*) AS n FROM time_entries').get() as { n: number }).n;
    const before = entries();
    for (let i = 0; i < count; i += 1) {
      await page.keyboard.press('Control+e');
      const dialog = page.getByRole('dialog', { name: 'Saisir un temps' });
      await dialog.waitFor();
      await page.keyboard.type(DEMO_FIRMS[i % DEMO_FIRMS.length]!.slice(0, 12));
      await this.tabTo(dialog.getByLabel(/^Durée/), 'the duration');
      await page.keyboard.press('Control+a');
      await page.keyboard.type(`0:${10 + i}`);
      await this.tabTo(dialog.getByLabel(/^Appelant \/ objet/), 'the label');
      await page.keyboard.type(`Tâche ${i + 1} : courrier et relances`);
      await this.shot('quick-entry');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
    }
    await this.shot('timesheets');
    return entries() - before;
  }

  private async timer(): Promise<void> {
    const page = this.page;
    await page.keyboard.press('Control+t');
    const dialog = page.getByRole('dialog', { name: 'Démarrer un minuteur' });
    await dialog.waitFor();
    await page.keyboard.type(DEMO_FIRMS[0]!.slice(0, 12));
    await this.tabTo(dialog.getByRole('button', { name: 'Démarrer' }), '« Démarrer »');
    await page.keyboard.press('Enter');
    // The running timer's badge, not the last call's duration (an ended call's card may still be on screen).
    const running = page.getByRole('timer', { name: /^Minuteur en cours/ });
    await running.waitFor();
    await this.shot('timer-running');
    await page.keyboard.press('Control+t');
    await running.waitFor({ state: 'detached' });
  }

  private async tabTo(target: ReturnType<Page['getByLabel']>, what: string): Promise<void> {
    for (let i = 0; i < 60; i += 1) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${what}`);
  }

  /** Facturation (Alt+4), Tab to « Tout exporter », Entrée; confirms when asked. Returns the files written. */
  private async exportMonth(): Promise<number> {
    const page = this.page;
    await page.keyboard.press('Alt+4');
    const all = page.getByRole('button', { name: /^Tout exporter/ });
    await all.waitFor();
    await this.waitFor(() => all.isEnabled(), 'the month to have something to export');
    await this.shot('billing');
    await this.tabTo(all, '« Tout exporter »');
    await page.keyboard.press('Enter');
    const done = page.getByRole('status').filter({ hasText: /fichiers? écrits? dans/ });
    const anyway = page.getByRole('button', { name: /Exporter quand même/ });
    await this.waitFor(async () => (await done.count()) > 0 || (await anyway.count()) > 0, 'the export or its warning');
    if ((await done.count()) === 0) {
      await this.shot('export-warning');
      await this.tabTo(anyway, '« Exporter quand même »');
      await page.keyboard.press('Enter');
      await done.waitFor({ timeout: 60_000 });
    }
    await this.shot('exported');
    const text = (await done.textContent()) ?? '';
    return Number(/(\d+) fichiers?/.exec(text)?.[1] ?? 0);
  }
}

export function summarise(calls: readonly CallRecord[]): { max: number; mean: number } {
  const keys = calls.map((c) => c.keys);
  return { max: Math.max(...keys), mean: keys.reduce((a, b) => a + b, 0) / keys.length };
}
