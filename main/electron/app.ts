import { app, dialog, ipcMain, powerMonitor, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { bindIpc } from '../api/ipc';
import { createDispatcher, type Dispatch } from '../api/dispatch';
import { guardAppLock } from '../api/lock-guard';
import { createHandlers } from '../api/handlers';
import { createFileLogger, type AppLogger } from '../platform/logger';
import { dataDirFromEnv } from '../platform/paths';
import { createServices, type Services } from '../services';
import { createLiveStore, type LiveStore } from '../api/live-store';
import { encryptPlainStore } from '../services/privacy/encryption';
import { createKeySlots } from '../services/privacy/keys/slots';
import { createStartupGate, storeKeyAtStart } from '../services/privacy/lock/startup-gate';
import { isPlainStoreFile } from '../store/cipher';
import { guardRecoveryMode } from '../api/recovery-guard';
import { DATABASE_FILE, openPlaceholderStore, openStoreOrRecovery } from '../store/open';
import { PermanenceError } from '../../shared/api';
import type { StoreDamage } from '../../shared/domain/recovery';
import { createAppUrl } from './app-url';
import { createEventSender } from './events';
import { resolveNativeBinding } from './native';
import { createElectronOs } from './os';
import { createSafeStorageKeychain } from './keychain';
import { lockWithOs } from './os-lock';
import { installPermissionHandlers } from './permissions';
import { createSecretStore } from './secret-store';
import { createExternalConfirm, createExternalOpener, installCsp } from './security';
import { createCallShortcuts, DEFAULT_CALL_SHORTCUTS } from './shortcuts';
import { appendSoftphoneSwitches } from './switches';
import { createAppTray, type AppTray } from './tray';
import { createMainWindow } from './window';

/**
 * Electron entry (bundled to dist/main/electron/app.cjs). Thin on purpose: the store, services and contract are
 * the same as the harness's (main/harness/server.ts); only transport and OS integration live here.
 */

appendSoftphoneSwitches(app); // must precede `ready`: Chromium reads switches at startup
app.setAppUserModelId('fr.permanence.console'); // Windows shows notifications only for a known AppUserModelID

let win: BrowserWindow | null = null;
let quitting = false;

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight over the SQLite file and register the same SIP account twice.
  app.quit();
} else {
  // start() throws when another Permanence owns the data directory: fatal() says so in a dialog.
  void app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  // Files this process creates (store, backups, exports, logs) are readable by their owner only.
  process.umask(0o077);
  const appRoot = app.getAppPath();
  const userData = app.getPath('userData');
  const dataDir = dataDirFromEnv(userData);
  const logger = createFileLogger(dataDir);
  const nativeBinding = electronNativeBinding(appRoot, logger);

  const events = createEventSender(() => win?.webContents ?? null);
  const tray = createTrayOrNull(appRoot, logger);
  const shortcuts = createCallShortcuts((action) => events.emit('call:shortcut', { action }));
  const os = createElectronOs({ getWindow: () => win, tray, shortcuts });
  // The store and the services over it, replaceable while the app runs (a backup restored from Réglages ›
  // Sauvegardes: main/api/live-store.ts); IPC always reaches the current ones. Another Permanence on this
  // directory: the first open throws DATA_DIR_IN_USE and fatal() says so.
  // The store key (issue 12): from the OS keychain, or typed by her on the unlock screen when there is none.
  const keychain = createSafeStorageKeychain();
  const keys = createKeySlots({ dataDir, keychain });
  const openLive = (key: Buffer) =>
    createLiveStore<Services>({
      open: () => openAppStore(dataDir, key, nativeBinding, logger),
      build: (db, damage, storeHost) => {
        const services = createServices(db, {
          assetsDir: path.join(appRoot, 'assets'),
          dataDir,
          appVersion: app.getVersion(),
          transport: 'electron',
          emit: events.emit,
          secrets: createSecretStore(dataDir), // safeStorage; refuses to store in clear
          platform: os,
          ...(nativeBinding ? { nativeBinding } : {}),
          log: (message, detail) => logger.info(message, detail),
          ...(damage ? { recovery: recoveryOptions(damage, nativeBinding, logger) } : {}),
          storeHost,
          keychain,
          storeKey: key,
        });
        // Locked: only the lock and the ringing call are answered (main/api/lock-guard.ts).
        const guarded = guardAppLock(createDispatcher(createHandlers(services), logger), () =>
          services.lock.isLocked(),
        );
        return { services, dispatch: guardRecoveryMode(guarded, damage) };
      },
      // Not in recovery mode: there is no store then.
      start: (services) => {
        // Messages queued before a crash or a restart leave by themselves.
        services.messages.startWorker();
        // The agendas' CalDAV sync: queued appointment writes replayed, calendars read every few minutes.
        services.agendaSync.engine.start();
        // The daily verified backup (issue 12): a few minutes after start, then once a day.
        services.privacy.scheduler.start();
        // The daily retention purge (issue 12): after the first backup check, then once a day.
        services.retention.scheduler.start();
      },
      // The outbox may be mid-SMTP-transaction: let it record the outcome before the store closes.
      stop: async (services) => {
        services.privacy.scheduler.stop();
        services.retention.scheduler.stop();
        await Promise.all([services.messages.stopWorker(), services.agendaSync.engine.stop()]);
      },
      access: { key, ...(nativeBinding ? { nativeBinding } : {}) },
    });
  let live: LiveStore<Services> | null = null;
  const gate = createStartupGate({
    keys,
    log: (message, detail) => logger.error(message, detail),
    open: async (key) => {
      const opened = openLive(key);
      live = opened;
      return { status: () => opened.services.lock.status(), audit: opened.services.privacy.audit };
    },
  });
  const startKey = await storeKeyAtStart(keys);
  if (startKey) await gate.open(startKey);
  else logger.info('the store key needs her passphrase: starting on the unlock screen');
  // Sealed until she unlocks: the start-up gate answers lock:* alone; then the live store's services.
  const dispatch: Dispatch = (name, input) => (live ? live.dispatch(name, input) : gate.dispatch(name, input));
  // The session locked or the computer going to sleep locks Permanence too (when her lock is on).
  const stopOsLock = lockWithOs(powerMonitor, (reason) => {
    if (live && !live.damage) live.services.lock.lock(reason);
  });
  const appUrl = createAppUrl({
    rendererIndex: path.join(appRoot, 'dist', 'renderer', 'index.html'),
    devUrl: app.isPackaged ? undefined : process.env.PERMANENCE_DEV_URL,
  });
  installCsp(session.defaultSession, appUrl);
  installPermissionHandlers(session.defaultSession, appUrl);
  const unbindIpc = bindIpc({ ipcMain, dispatch, isTrustedUrl: (url) => appUrl.isAppUrl(url), logger });

  win = createMainWindow({
    appUrl,
    preload: path.join(appRoot, 'dist', 'main', 'electron', 'preload.cjs'),
    stateDir: userData,
    icon: path.join(appRoot, 'assets', 'icon.png'),
    openExternal: createExternalOpener(
      logger,
      undefined,
      createExternalConfirm(
        () => (!live || live.damage ? 'fr' : live.services.settings.get().locale),
        () => win,
      ),
    ),
    // Without a tray there is no way back to a hidden window, so closing it then really quits.
    hideOnClose: () => !quitting && tray !== null,
  });
  const report = os.configureShortcuts(DEFAULT_CALL_SHORTCUTS);
  if (report.conflicts.length > 0) logger.error('some call shortcuts could not be registered', report.conflicts);

  win.on('show', () => tray?.refresh());
  win.on('hide', () => tray?.refresh());
  win.on('closed', () => {
    win = null;
  });
  // After sleep the WebSocket to the PBX is dead although nothing noticed yet: tell sip.js to re-register now.
  powerMonitor.on('resume', () => events.emit('system:resumed', { at: Date.now() }));
  app.on('second-instance', () => os.bringToFront());
  app.on('activate', () => os.bringToFront());
  app.on('before-quit', () => {
    quitting = true;
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    // The outbox may be mid-SMTP-transaction: live.close() lets it record the outcome before the store closes.
    event.preventDefault();
    shortcuts.release();
    unbindIpc();
    tray?.destroy();
    stopOsLock();
    void (live?.close() ?? Promise.resolve())
      .catch((error: unknown) => logger.error('outbox or agenda sync did not stop cleanly', error))
      .finally(() => app.exit(0));
  });
  logger.info(`Permanence ${app.getVersion()} started`, { dataDir, electron: process.versions.electron });

  function toggleWindow(): void {
    if (!win) return;
    if (win.isVisible() && !win.isMinimized()) win.hide();
    else os.bringToFront();
  }
  function createTrayOrNull(root: string, log: AppLogger): AppTray | null {
    try {
      return createAppTray({
        iconPath: path.join(root, 'assets', 'tray.png'),
        isWindowVisible: () => win?.isVisible() ?? false,
        toggleWindow,
        quit: () => app.quit(),
      });
    } catch (error) {
      // Some Linux desktops have no tray; then closing the window quits, as hideOnClose checks.
      log.error('tray unavailable', error);
      return null;
    }
  }
}

/**
 * The store opened with its key; a store still plain (written before encryption) is encrypted first, once, its
 * plain copy kept until she confirms (main/services/privacy/encryption.ts). A plain store too damaged to be
 * copied stays plain, so that it opens in recovery mode.
 */
function openAppStore(dataDir: string, key: Buffer, nativeBinding: string | null, logger: AppLogger) {
  const native = nativeBinding ? { nativeBinding } : {};
  if (isPlainStoreFile(path.join(dataDir, DATABASE_FILE))) {
    try {
      const outcome = encryptPlainStore(dataDir, key, { secrets: createSecretStore(dataDir), ...native });
      logger.info('plain store encrypted with the store key', outcome);
    } catch (error) {
      logger.error('the plain store could not be encrypted: opening it as it is', error);
      return openStoreOrRecovery({ dataDir, ...native });
    }
  }
  try {
    return openStoreOrRecovery({ dataDir, key, ...native });
  } catch (error) {
    // keys.json vouches for this key: a first page that does not decrypt with it is a damaged file.
    if (!(error instanceof PermanenceError && error.code === 'STORE_KEY_INVALID')) throw error;
    logger.error('the store does not decrypt with its key: starting in recovery mode', error.message);
    const damage: StoreDamage = { kind: 'not-sqlite', file: path.join(dataDir, DATABASE_FILE), detail: error.message };
    return { db: openPlaceholderStore({ dataDir, ...native }), damage };
  }
}

/** Recovery mode: the renderer shows the recovery screen; after a restore the app starts again on it. */
function recoveryOptions(damage: StoreDamage, nativeBinding: string | null, logger: AppLogger) {
  logger.error('the store cannot be opened: starting in recovery mode', damage);
  return {
    damage,
    log: logger.error,
    ...(nativeBinding ? { nativeBinding } : {}),
    restart: () => {
      app.relaunch();
      app.quit(); // will-quit closes the placeholder store and releases the data directory's lock
    },
  };
}

/** The better-sqlite3 build for Electron's ABI (scripts/electron-native.mjs), or null when none was built. */
function electronNativeBinding(appRoot: string, logger: AppLogger): string | null {
  const nativeBinding = resolveNativeBinding({
    appRoot,
    resourcesPath: app.isPackaged ? process.resourcesPath : null,
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
  });
  if (!nativeBinding) logger.error('no Electron build of better-sqlite3 found; run `node scripts/electron-native.mjs`');
  return nativeBinding ?? null;
}

function fatal(error: unknown): void {
  // Before the logger exists there is only stderr; the dialog tells the user why (e.g. a database written by a
  // newer version: the store's message says what to do).
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Permanence failed to start: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  dialog.showErrorBox('Permanence ne peut pas démarrer', message);
  app.exit(1);
}
