// Drives the real app (harness + built renderer in Chromium) against the SIP lab.
import type { Page } from 'playwright-core';
import type { Harness } from '../../../main/harness/server';
import type { SipAccount } from '../../../shared/domain/sip-account';
import type { Lab } from '../../lab/lab';
import type { SippResult } from '../../lab/sipp';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { startTestHarness } from './harness';
import { makeFirmDraft, parsedDraft } from '../../fixtures/factories';

/** A firm whose calls come on `number`, greeted « NAME, bonjour. » (what the lab E2E check on the ring card). */
export function addFirm(harness: Harness, name: string, number: string): string {
  return harness.services.firms.save({
    draft: parsedDraft(
      makeFirmDraft({ name, greeting: `${name}, bonjour.`, numbers: [{ e164: number, label: 'standard' }] }),
    ),
  }).id;
}

/** What to print when a lab E2E step fails: sipp's exit, its tail and unexpected messages, the page's last lines. */
export function explainFailure(app: SipApp, result?: SippResult): string {
  return [
    result ? `sipp ${result.code}\n${result.stderr.slice(-800)}\n${result.errors.slice(-1500)}` : '',
    ...app.console.slice(-20),
  ].join('\n');
}

export interface SipApp {
  harness: Harness;
  browser: LaunchedBrowser;
  page: Page;
  console: string[];
  close(): Promise<void>;
}

export interface SipAppOptions {
  /** Data dir to open (a seeded copy for the benchmark); default a fresh one with an empty workspace. */
  dataDir?: string;
  /** Runs in the page before the app (e.g. wrap RTCPeerConnection to count live peer connections). */
  initScript?: string;
  /** Account settings over the defaults (e.g. `{ dtmfMode: 'info' }`); the URI, server and credentials stay the lab's. */
  account?: Partial<Omit<SipAccount, 'uri' | 'servers' | 'authUser'>>;
  /** WebSocket servers, primary first (default: the lab's own). */
  servers?: string[];
}

/** Harness with a workspace, the lab's alice as SIP account, firms from `firms`, the app open in Chromium. */
export async function startSipApp(
  lab: Lab,
  seed: (harness: Harness) => void,
  options: SipAppOptions = {},
): Promise<SipApp> {
  const harness = await startTestHarness(options.dataDir);
  if (!options.dataDir) harness.services.workspace.initialise('empty');
  seed(harness);
  const alice = lab.user('alice');
  harness.services.sipAccount.save(
    {
      ...defaultAccount(),
      ...options.account,
      uri: `sip:alice@${lab.domain}`,
      servers: options.servers ?? [lab.wsUrl],
      authUser: alice.user,
    },
    alice.password,
  );
  const browser = await launchChromium();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const lines: string[] = [];
  page.on('console', (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.goto(harness.url);
  await page.locator('[data-line-state="registered"]').waitFor({ timeout: 15_000 });
  return {
    harness,
    browser,
    page,
    console: lines,
    async close() {
      await browser.close();
      await harness.close();
    },
  };
}

function defaultAccount() {
  return {
    displayName: 'Secrétariat',
    authUser: '',
    iceServers: [],
    expires: 300,
    dtmfMode: 'rfc4733' as const,
    dndMode: 'reject' as const,
    downAlertSeconds: 5,
    audio: { inputId: '', outputId: '', ringId: '' },
  };
}

/** RTP counters of the focused call, read from the page's peer connection. */
export async function pageRtp(
  page: Page,
  callId: string,
): Promise<{ inboundPackets: number; outboundPackets: number }> {
  return page.evaluate(async (id) => {
    const phone = window.__permanencePhone!;
    const session = phone.calls.session(id);
    return (await session?.stats?.()) ?? { inboundPackets: 0, outboundPackets: 0 };
  }, callId);
}

/** Init script: wraps RTCPeerConnection so the tests can count the peer connections still open in the page. */
export const COUNT_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const all = [];
  function Counted(...args) {
    const pc = new Native(...args);
    all.push(pc);
    return pc;
  }
  Counted.prototype = Native.prototype;
  Object.setPrototypeOf(Counted, Native);
  window.RTCPeerConnection = Counted;
  window.__peerConnections = () => ({
    created: all.length,
    open: all.filter((pc) => pc.signalingState !== 'closed' || pc.connectionState !== 'closed').length,
  });
})();`;

/** { created, open } from COUNT_PEER_CONNECTIONS (open: not closed yet). */
export async function peerConnections(page: Page): Promise<{ created: number; open: number }> {
  return page.evaluate(() =>
    (window as unknown as { __peerConnections(): { created: number; open: number } }).__peerConnections(),
  );
}

/** The phone engine's own view: calls still in the store (live ones), SIP sessions held, line state. */
export async function phoneState(
  page: Page,
): Promise<{ calls: number; live: number; sessions: number; line: string; states: string[] }> {
  return page.evaluate(() => {
    const phone = window.__permanencePhone!;
    const state = phone.store.getState();
    return {
      calls: state.calls.length,
      live: state.calls.filter((c) => c.state !== 'ended').length,
      sessions: phone.calls.sessionCount(),
      line: state.line.state,
      states: state.calls.map((c) => c.state),
    };
  });
}
