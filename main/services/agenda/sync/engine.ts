import type { Appointment } from '../../../../shared/domain/agenda/appointment';
import type { AgendaSyncRepository } from '../../../store/repositories/agenda-sync';
import type { ServiceContext } from '../../context';
import type { SecretStore } from '../../secrets';
import { createApply, looksEmptied } from './apply';
import { CalDavError, connectCalDav, type CalDavConnection } from './caldav';
import { createReplay } from './replay';
import { createSyncWorker } from './worker/client';
import type { PullResult } from './worker/messages';

/**
 * The sync loop of every agenda with a CalDAV account: the queue replayed as soon as something is due (a booking
 * reaches the practitioner's calendar in seconds, even during a call: one small PUT), and every few minutes a
 * pull (reads, expansion, busy blocks) which never starts during a call and holds the worker while one rings.
 */
export const secretName = (agendaId: string) => `caldav:${agendaId}`;

export interface EngineDeps {
  ctx: ServiceContext;
  repo: AgendaSyncRepository;
  secrets: SecretStore;
  appointment: (id: string) => Appointment | null;
  appointmentByUid: (uid: string) => Appointment | null;
  applyRemote: (appointment: Appointment) => void;
  describe: (appointment: Appointment) => { summary: string; description: string };
  occupied: (agendaId: string, start: number, end: number, exceptId: string) => boolean;
  zoneOf: (agendaId: string) => string;
  workerBundle?: string | undefined;
  /** Retry delays of the queue (≤ 5 min); tests shorten them. */
  backoff?: { baseMs: number; maxMs: number };
  pullEveryMs?: number;
}

const DAY = 86_400_000;
/** Busy blocks are kept from a week back to 400 days ahead (the slot finder looks 8 weeks ahead). */
export const windowAt = (now: number) => ({ from: now - 7 * DAY, to: now + 400 * DAY });
const CALL_STALE_MS = 4 * 3600_000;

export function createSyncEngine(deps: EngineDeps) {
  const { ctx, repo } = deps;
  const worker = createSyncWorker(deps.workerBundle ? { bundle: deps.workerBundle } : {});
  const pullEveryMs = deps.pullEveryMs ?? 5 * 60_000;
  const callActive = () => repo.callOpen(ctx.now() - CALL_STALE_MS);
  const changed = (agendaId: string) => ctx.emit('caldav:changed', { agendaId });

  function accountOf(agendaId: string) {
    const account = repo.account(agendaId);
    const password = deps.secrets.get(secretName(agendaId));
    if (!account || !account.enabled || !account.calendarUrl || password === null) return null;
    return { account, credentials: { serverUrl: account.serverUrl, username: account.username, password } };
  }

  const connections = new Map<string, { key: string; dav: CalDavConnection }>();
  async function connect(agendaId: string) {
    const found = accountOf(agendaId);
    if (!found) return null;
    const key = JSON.stringify(found.credentials);
    let cached = connections.get(agendaId);
    if (cached?.key !== key) {
      cached = { key, dav: await connectCalDav(found.credentials) };
      connections.set(agendaId, cached);
    }
    return { dav: cached.dav, calendarUrl: found.account.calendarUrl! };
  }

  const replay = createReplay({
    ctx,
    repo,
    appointment: deps.appointment,
    describe: deps.describe,
    occupied: deps.occupied,
    connect,
    backoff: deps.backoff ?? { baseMs: 5_000, maxMs: 5 * 60_000 },
  });
  const applier = createApply({
    ctx,
    repo,
    appointment: deps.appointment,
    appointmentByUid: deps.appointmentByUid,
    applyRemote: deps.applyRemote,
    occupied: deps.occupied,
  });

  /** Replays every due queue head, in order per agenda; an agenda whose head must wait is left for later. */
  async function push(): Promise<void> {
    const blocked = new Set<string>();
    for (;;) {
      const head = repo.queueHeads().find((h) => !blocked.has(h.agendaId) && h.nextAttemptAt <= ctx.now());
      if (!head) return;
      const outcome = await replay.replay(head);
      if (outcome === 'retry') blocked.add(head.agendaId);
      changed(head.agendaId);
    }
  }

  async function waitForNoCall(): Promise<void> {
    while (callActive()) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }

  function known(agendaId: string) {
    const all = [
      ...repo.objects(agendaId).map((o) => [o.href, o.etag] as const),
      ...repo.links(agendaId).map((l) => [l.href!, l.etag ?? ''] as const),
    ];
    return { hrefs: all.map(([href]) => href), etags: all.map(([, etag]) => etag) };
  }

  /** Reads the agenda's calendar into the store; `allowEmpty` when she confirmed a server that emptied. */
  async function pull(agendaId: string, options: { allowEmpty?: boolean } = {}): Promise<PullResult | null> {
    const found = accountOf(agendaId);
    if (!found) return null;
    await waitForNoCall();
    const now = ctx.now();
    const window = windowAt(now);
    const firmZone = deps.zoneOf(agendaId);
    const before = known(agendaId);
    const gate = setInterval(() => worker.pause(callActive()), 250);
    let result: PullResult;
    try {
      result = await worker.pull({
        account: found.credentials,
        calendarUrl: found.account.calendarUrl!,
        token: found.account.syncToken,
        known: before,
        window,
        firmZone,
      });
    } catch (error) {
      const failure = error instanceof CalDavError ? error.failure : 'internal';
      ctx.db.transaction(() =>
        repo.setOutcome(agendaId, 'error', ctx.now(), { code: failure, detail: (error as Error).message }),
      )();
      changed(agendaId);
      return null;
    } finally {
      clearInterval(gate);
      worker.pause(false);
    }
    if (looksEmptied(result, before.hrefs.length) && !options.allowEmpty) {
      ctx.db.transaction(() =>
        repo.setOutcome(agendaId, 'server_empty', ctx.now(), {
          code: 'server_empty',
          detail: `${before.hrefs.length} → ${result.fullCompare ? result.listed : before.hrefs.length - result.deleted.length}`,
        }),
      )();
      changed(agendaId);
      return result;
    }
    await applier.apply(agendaId, result);
    const moved = (found.account.windowTo ?? 0) < window.to - DAY;
    if (moved && !result.fullCompare) await reexpand(agendaId, window, firmZone);
    ctx.db.transaction(() => {
      repo.setToken(agendaId, result.token, window);
      repo.setOutcome(agendaId, 'ok', ctx.now());
    })();
    changed(agendaId);
    return result;
  }

  /** Series stored minimised, expanded over the window that moved (no network). */
  async function reexpand(agendaId: string, window: { from: number; to: number }, firmZone: string): Promise<void> {
    const stored = repo.series(agendaId);
    if (stored.length === 0) return;
    const etags = new Map(repo.objects(agendaId).map((o) => [o.href, o.etag]));
    const expanded = await worker.expand({
      objects: stored.map((s) => ({ href: s.href, data: s.series })),
      window,
      firmZone,
    });
    const objects = expanded.objects.map((o) => ({ ...o, etag: etags.get(o.href) ?? '' }));
    await applier.apply(agendaId, {
      token: null,
      tokenRefused: false,
      fullCompare: false,
      listed: 0,
      deleted: [],
      objects,
      occurrences: expanded.occurrences,
      networkMs: 0,
      expandMs: expanded.expandMs,
    });
  }

  let running = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pumping: Promise<void> | null = null;
  let again = false;

  async function pump(): Promise<void> {
    do {
      again = false;
      await push();
      for (const account of repo.accounts()) {
        if (!running) break;
        const due = (account.lastAttemptAt ?? 0) + pullEveryMs <= ctx.now();
        if (due && account.status !== 'server_empty' && !callActive()) await pull(account.agendaId);
      }
    } while (again && running);
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (pumping) return void (again = true);
      pumping = pump()
        .catch(() => undefined)
        .finally(() => {
          pumping = null;
          const due = repo.earliestDue();
          schedule(Math.max(0, Math.min(30_000, due === null ? 30_000 : due - ctx.now())));
        });
    }, delayMs);
    timer.unref?.();
  }

  return {
    worker,
    pull,
    push,
    start(): void {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await pumping;
      await worker.stop();
    },
    /** A booking or a setting changed: look now. */
    kick(): void {
      if (!running) return;
      if (pumping) again = true;
      else schedule(0);
    },
    forget: (agendaId: string) => connections.delete(agendaId),
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
