import { z } from 'zod';
import type { Db } from '../store/open';
import { createCallsService } from './calls';
import { createContactsService } from './contacts';
import { createServiceContext, type Emit } from './context';
import { createFirmsService } from './firms';
import { createMessaging } from './messaging';
import type { BackoffOptions } from './outbox';
import { createLoggingPlatform, type PlatformHooks } from './platform';
import { createDevFileSecretStore, type SecretStore } from './secrets';
import { createSipAccountService } from './sip-account';
import { createSettingsService } from './settings';
import { createWorkspaceService } from './workspace';
import { createExportsService } from './exports';
import { createTimesheetsService } from './timesheets';
import { createBillingService } from './timesheets-billing';
import { createTimesheetImport } from './timesheets-import';
import { createRecoveryService, type RecoveryOptions } from './recovery';
import { createInvoicesService } from './invoices';
import { createPrivacyService } from './privacy';
import { createRightsService } from './privacy/rights';
import type { StoreHost } from './privacy/live-restore';
import { createKeySlots } from './privacy/keys/slots';
import type { Keychain } from './privacy/keys/keychain';
import { createLockService } from './privacy/lock/service';
import { createRetentionService } from './privacy/retention';
import { firmInvoicingOf } from './privacy/register/firm-invoicing';
import { createAgendaService } from './agenda';
import { createAppointmentMail } from './agenda/mail';
import { createAgendaSync } from './agenda/sync';
import { calendarText } from './agenda/sync/calendar-text';
import { createAgendaSyncRepository } from '../store/repositories/agenda-sync';

export interface ServicesOptions {
  assetsDir: string;
  dataDir: string;
  appVersion: string;
  transport: 'electron' | 'harness';
  now?: () => number;
  emit?: Emit;
  /** Electron passes its safeStorage store; the harness, tests and CLI get the dev-only file store. */
  secrets?: SecretStore;
  /** Electron passes notifications/focus/tray; the harness and tests get the logging implementation. */
  platform?: PlatformHooks;
  /** Where PERMANENCE_SIP_* are read from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Retry delays of the mail outbox; tests shorten them. */
  outboxBackoff?: BackoffOptions;
  /** Recovery mode (the store could not be opened; `db` is then an empty placeholder): why, and how to restart. */
  recovery?: Omit<RecoveryOptions, 'dataDir'>;
  /** Path of a better_sqlite3.node built for Electron's ABI: backups are verified by opening them. */
  nativeBinding?: string;
  /**
   * The bundled imports worker to start (scripts/build-main.mjs builds it; the bench runs it as the app does).
   * By default the one beside app.cjs in the app, the TypeScript sources otherwise.
   */
  importsWorkerBundle?: string;
  /** The bundled agenda sync worker (as importsWorkerBundle; scripts/build-main.mjs builds agenda-sync-worker.cjs). */
  agendaSyncWorkerBundle?: string;
  /** Retry delays of the CalDAV replay queue (≤ 5 min); tests shorten them. */
  agendaSyncBackoff?: { baseMs: number; maxMs: number };
  /** Electron's safeStorage for the store key's keychain slot; the harness, the CLI and tests have none. */
  keychain?: Keychain | null;
  /** The key the store was opened with (the app lock wraps it under her passphrase); null for a plain store. */
  storeKey?: Buffer | null;
  /** The process owning the open store (app, harness): lets a backup be restored from the app. */
  storeHost?: StoreHost;
  /** Background jobs' log (the daily backup); no personal data goes there. */
  log?: (message: string, detail?: unknown) => void;
}

/** Wires every use case over one store; both the Electron main process and the harness call this. */
export function createServices(db: Db, options: ServicesOptions) {
  // Messages main writes (import reports, CLI) are French like the rest of its sentences.
  z.config(z.locales.fr());
  const ctx = createServiceContext(db, { now: options.now, emit: options.emit });
  const secrets = options.secrets ?? createDevFileSecretStore(options.dataDir);
  // Audit log and verified backups (issue 12); exports and month unlocks append to the log.
  const privacy = createPrivacyService(db, {
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    now: ctx.now,
    secrets,
    ...(options.log ? { log: options.log } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const settings = createSettingsService(ctx);
  // The store key's slots (keys.json) and the app lock (issue 12).
  const lock = createLockService({
    keys: createKeySlots({ dataDir: options.dataDir, keychain: options.keychain ?? null, now: ctx.now }),
    storeKey: options.storeKey ?? null,
    audit: privacy.audit,
    settings: {
      read: () => ctx.repos.settings.readAll()['privacy.lock'],
      write: (value) => ctx.repos.settings.write({ 'privacy.lock': value }),
    },
    emit: ctx.emit,
    ...(options.log ? { log: options.log } : {}),
  });
  const firms = createFirmsService(ctx, settings);
  const contacts = createContactsService(ctx);
  // Agendas and appointments (issue 11); an appointment taken is an « RDV pris » task for firms billing them.
  const caldavAccounts = createAgendaSyncRepository(ctx.db);
  const agenda = createAgendaService(ctx, {
    firms,
    settings,
    // The ring card says how old its copy of a synced calendar is (never synced: no age, nothing read yet).
    syncedAt: (agendaId) => {
      const account = caldavAccounts.account(agendaId);
      return account?.enabled && account.calendarUrl ? account.lastSyncAt : null;
    },
    audit: privacy.audit,
    recordTaken: (taken) => timesheets.recordAppointmentTaken(taken),
    // The caller's confirmation and notices, queued with the change itself (exactly once, like a message).
    onChange: {
      inTransaction: (id, change, previousStart) => void appointmentMail.queue(id, change, previousStart),
      afterCommit: () => appointmentMail.kick(),
    },
  });
  // Two-way CalDAV sync of the agendas (issue 11): busy blocks in, appointments out; the app and the harness start
  // its loop (agendaSync.engine.start()).
  const agendaSync = createAgendaSync(ctx, {
    secrets,
    appointments: agenda.appointments,
    describe: (appointment) => calendarText(appointment, agenda.config.view(appointment.firmId).config),
    firmZone: (firmId) => firms.get(firmId).profile.timeZone,
    workerBundle: options.agendaSyncWorkerBundle,
    ...(options.agendaSyncBackoff ? { backoff: options.agendaSyncBackoff } : {}),
  });
  const workspace = createWorkspaceService(ctx, firms, settings, {
    assetsDir: options.assetsDir,
    audit: privacy.audit,
    agenda: agenda.workspace,
    seedDemoAppointments: (firmId) => agenda.demo.seed(firmId),
  });
  const calls = createCallsService(ctx, firms);
  const platform = options.platform ?? createLoggingPlatform();
  const sipAccount = createSipAccountService(ctx, secrets, options.env ?? process.env);
  const timesheets = createTimesheetsService(ctx, {
    firms,
    settings,
    getCall: (id) => calls.repository.get(id),
    describeCall: (call) => calls.describe(call),
  });
  const messaging = createMessaging(ctx, {
    firms,
    settings,
    secrets,
    backoff: options.outboxBackoff,
    // "Until delivered" after-call work ends when the call's message reaches the firm.
    onDelivered: (message, at) => {
      if (message.callId) timesheets.observer.messageDelivered(message.callId, at);
    },
    onSent: (message) =>
      void timesheets.recordMessageTaken({
        id: message.id,
        firmId: message.firmId,
        callId: message.callId,
        at: message.submittedAt ?? message.createdAt,
        label: ['Message', message.callerName, message.motif].filter(Boolean).join(' — '),
        urgent: message.urgency !== 'normal',
      }),
  });
  calls.observe((call) => timesheets.recordCall(call));
  const billing = createBillingService(ctx, { firms, timesheets, calls: calls.repository, audit: privacy.audit });
  const timesheetImport = createTimesheetImport(ctx, {
    firms,
    timesheets,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.importsWorkerBundle ? { workerBundle: options.importsWorkerBundle } : {}),
  });
  const exports = createExportsService(ctx, {
    billing,
    firms,
    settings,
    dataDir: options.dataDir,
    audit: privacy.audit,
  });
  // Rights requests about one person (issue 12): find, export, erase with a tombstone.
  const rights = createRightsService({
    db,
    dataDir: options.dataDir,
    secrets,
    now: ctx.now,
    audit: privacy.audit,
    firms: {
      name: (id) => ctx.repos.firms.get(id)?.profile.name ?? null,
      all: () => ctx.repos.firms.listSummaries().map(({ id, name }) => ({ id, name })),
    },
    contact: (firmId, id) => ctx.repos.contacts.get(firmId, id),
  });
  const invoices = createInvoicesService(ctx, {
    firms,
    settings,
    billing,
    who: timesheets.who,
    dataDir: options.dataDir,
    outbox: messaging.messages.outbox,
    kickOutbox: () => messaging.worker.kick(),
    fromAddress: () => messaging.smtp.fromAddress()?.address ?? null,
    audit: privacy.audit,
  });
  messaging.registerOtherJobs({
    attachmentsFor: (job) => invoices.attachmentsFor(job),
    onJob: (job) => invoices.onMailJob(job),
  });
  // Appointment e-mails (issue 11): the caller's .ics at send time, reminders and digests before each pump.
  const appointmentMail = createAppointmentMail(ctx, {
    outbox: messaging.messages.outbox,
    kick: () => messaging.worker.kick(),
    fromAddress: () => messaging.smtp.fromAddress()?.address ?? null,
    firm: (firmId) => firms.get(firmId),
    config: (firmId) => agenda.config.view(firmId).config,
    settings: (firmId) => agenda.config.view(firmId).config.settings,
  });
  messaging.registerOtherJobs({
    attachmentsFor: async (job) => appointmentMail.attachmentsFor(job),
    beforePump: () => void appointmentMail.runDue(),
  });
  // Per-firm retention, its daily purge, the end of a contract and the register (issue 12), in the audit log.
  const retention = createRetentionService(db, {
    now: ctx.now,
    audit: privacy.audit,
    ...(options.log ? { log: options.log } : {}),
    dataDir: options.dataDir,
    exports,
    invoices,
    firmActive: (firmId) => ctx.repos.firms.get(firmId) !== null,
    firmInvoicing: (firmId) => firmInvoicingOf(invoices, firmId),
    processor: () => settings.get(),
    smtp: () => messaging.smtp.view().account,
    backupsDir: () => privacy.backupSettings().backupsDir,
    backupsCopyDir: () => privacy.backupSettings().folder,
    onFirmRemoved: (firmId) => ctx.emit('firms:changed', { ids: [firmId] }),
  });
  return {
    ctx,
    secrets,
    settings,
    firms,
    contacts,
    workspace,
    calls,
    ...messaging,
    platform,
    sipAccount,
    timesheets,
    billing,
    timesheetImport,
    exports,
    invoices,
    privacy,
    rights,
    storeHost: options.storeHost ?? null,
    lock,
    agenda,
    agendaSync,
    retention,
    recovery: createRecoveryService({ damage: null, ...options.recovery, dataDir: options.dataDir }),
    info: { version: options.appVersion, dataDir: options.dataDir, transport: options.transport },
  };
}
export type Services = ReturnType<typeof createServices>;
