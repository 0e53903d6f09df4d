import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { useStore } from 'zustand';
import type { PermanenceClient } from '../../shared/api';
import type { LockStatus } from '../../shared/domain/lock';
import type { RecoveryStatus } from '../../shared/domain/recovery';
import type { Settings } from '../../shared/domain/settings';
import { ApiContext } from '../api/client';
import { loadPublicHolidays } from '../api/public-holidays';
import { withTranslatedErrors } from '../api/translated-errors';
import { LockGate } from '../features/privacy/lock/LockGate';
import { StartupUnlock } from '../features/privacy/lock/StartupUnlock';
import { FirstRun } from '../features/onboarding/FirstRun';
import { RecoveryScreen } from '../features/recovery/RecoveryScreen';
import { createFirmsStore } from '../features/firms/firms-store';

export function App({ api: transport, i18n }: { api: PermanenceClient; i18n: I18n }) {
  // Errors that carry an i18n key (disk full, recovery mode…) reach every screen in the user's language.
  const api = useMemo(() => withTranslatedErrors(transport, i18n), [transport, i18n]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Asked first: a store that could not be opened shows the recovery screen, never the first-run screen.
  const [recovery, setRecovery] = useState<RecoveryStatus | null>(null);
  // Asked before anything: a store whose key needs her passphrase is not open yet ('sealed'). Null when main
  // cannot say (recovery mode answers recovery:* only).
  const [lock, setLock] = useState<LockStatus | null | undefined>(undefined);
  const sealed = lock === undefined || lock?.state === 'sealed';
  const firmsStore = useMemo(() => createFirmsStore(api), [api]);
  const loaded = useStore(firmsStore, (s) => s.loaded);

  const applySettings = useCallback(
    (next: Settings) => {
      setSettings(next);
      if (i18n.language !== next.locale) void i18n.changeLanguage(next.locale);
      document.documentElement.lang = next.locale;
    },
    [i18n],
  );

  useEffect(() => {
    api.lock.status({}).then(setLock, () => setLock(null));
  }, [api]);

  useEffect(() => {
    if (sealed) return;
    api.recovery.status({}).then(setRecovery, (e: Error) => setError(e.message));
  }, [api, sealed]);

  useEffect(() => {
    if (recovery?.mode !== 'normal') return;
    api.settings.get({}).then(applySettings, (e: Error) => setError(e.message));
    loadPublicHolidays(api).catch((e: Error) => setError(e.message));
    const offSettings = api.events.subscribe('settings:changed', applySettings);
    const offFirms = api.events.subscribe('firms:changed', () => void firmsStore.getState().load());
    return () => {
      offSettings();
      offFirms();
    };
  }, [api, applySettings, firmsStore, recovery?.mode]);

  useEffect(() => {
    if (settings?.workspaceInitialisedAt !== null && settings !== null && !loaded) void firmsStore.getState().load();
  }, [settings, loaded, firmsStore]);

  return (
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        {error ? (
          <p role="alert" className="banner banner--error">
            {error}
          </p>
        ) : lock?.state === 'sealed' ? (
          <StartupUnlock status={lock} onOpened={setLock} />
        ) : recovery?.mode === 'recovery' ? (
          <RecoveryScreen status={recovery} />
        ) : settings === null ? null : settings.workspaceInitialisedAt === null ? (
          <FirstRun onDone={() => void api.settings.get({}).then(applySettings)} />
        ) : (
          <LockGate api={api} firmsStore={firmsStore} settings={settings} initial={lock ?? null} />
        )}
      </I18nextProvider>
    </ApiContext.Provider>
  );
}
