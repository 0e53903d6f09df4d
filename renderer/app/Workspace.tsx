import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { PermanenceClient } from '../../shared/api';
import type { Settings } from '../../shared/domain/settings';
import type { FirmsStore } from '../features/firms/firms-store';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import type { Phone } from '../phone';
import { ShellContext, createShellStore, type ShellStore } from './shell-context';
import { StatusBar } from './StatusBar';
import { useCallFirm } from './use-call-firm';
import { NoticeHost } from '../ui/Notices';
import { PhoneLayer } from '../features/ring/PhoneLayer';
import { useShellTop } from './use-shell-top';
import { useShortcuts } from './use-shortcuts';
import { VIEWS } from './views';

/**
 * The console: status bar, the screens' navigation, the active screen, and the settings dialog. The app lock
 * (features/privacy/lock/LockGate) unmounts it and passes the shell and the phone that outlive it, so she comes
 * back to the same screen and call.
 */
export function Workspace({
  api,
  firmsStore,
  settings,
  shell: given,
  phone,
}: {
  api: PermanenceClient;
  firmsStore: FirmsStore;
  settings: Settings;
  shell?: ShellStore;
  phone?: Phone;
}) {
  const { t } = useTranslation();
  const own = useMemo(() => createShellStore(), []);
  const shell = given ?? own;
  const view = useStore(shell, (s) => s.view);
  // While a call rings or is answered the header names that call's firm, not the one she was browsing.
  const browsedFirm = useStore(shell, (s) => s.currentFirm);
  const currentFirm = useCallFirm(shell) ?? browsedFirm;
  const showSettings = useStore(shell, (s) => s.settingsOpen);
  const setShowSettings = shell.getState().setSettingsOpen;
  // Screens in the order of their Alt+digit key, whatever order features registered them in.
  const views = [...VIEWS].sort((a, b) => a.key.localeCompare(b.key));
  const active = views.find((v) => v.id === view) ?? views[0]!;

  const { layout, top } = useShellTop();

  useShortcuts({
    settings: () => setShowSettings(true),
    view: (key) => {
      const target = VIEWS.find((v) => v.key === key);
      if (target) shell.getState().setView(target.id);
    },
  });

  return (
    <ShellContext.Provider value={shell}>
      <div className="layout" ref={layout}>
        <div className="layout__top" ref={top}>
          <StatusBar firm={currentFirm} onSettings={() => setShowSettings(true)} />
          <nav className="views-nav" aria-label={t('nav.label')}>
            {views.map((v) => (
              <button
                key={v.id}
                type="button"
                className="views-nav__item"
                aria-current={v.id === active.id ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${v.key}`}
                onClick={() => shell.getState().setView(v.id)}
              >
                {t(v.labelKey)}
              </button>
            ))}
          </nav>
        </div>
        <PhoneLayer {...(phone ? { phone } : {})} />
        <NoticeHost />
        <div className="view">{active.render({ api, firmsStore, settings })}</div>
      </div>
      {showSettings ? <SettingsDialog settings={settings} onClose={() => setShowSettings(false)} /> : null}
    </ShellContext.Provider>
  );
}
