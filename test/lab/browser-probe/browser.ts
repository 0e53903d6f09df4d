// Debian Chromium through playwright-core with the WebRTC flags the lab needs (lab notes 4 and 10).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../tools';

/**
 * Without --allow-loopback-in-peer-connection Chromium gathers no 127.0.0.1 candidate and calls
 * "succeed" in SIP with no audio; mDNS hiding would send .local candidates rtpengine cannot
 * resolve; the fake devices give a microphone without a prompt.
 */
export const LAB_CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LabBrowser {
  context: BrowserContext;
  page: Page;
  /** Console lines and page errors, for failure messages. */
  console: string[];
  close(): Promise<void>;
}

/** Fresh profile dir per launch (Playwright refuses --user-data-dir in args). */
export async function launchLabBrowser(opts: { headless?: boolean } = {}): Promise<LabBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'lab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true, // Playwright adds --headless itself
    args: LAB_CHROMIUM_ARGS,
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const lines: string[] = [];
  page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
  return {
    context,
    page,
    console: lines,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
