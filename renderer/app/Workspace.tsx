import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { PermanenceClient } from '../../shared/api';
import type { Settings } from '../../shared/domain/settings';
import { EditorContext } from '../features/firm-editor/editor-context';
import { createEditorStore, isDirty } from '../features/firm-editor/editor-store';
import { FirmEditor } from '../features/firm-editor/FirmEditor';
import { FirmList } from '../features/firms/FirmList';
import type { FirmsStore } from '../features/firms/firms-store';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { StatusBar } from './StatusBar';
import { useShortcuts } from './use-shortcuts';

type PendingNavigation = { kind: 'open'; id: string } | { kind: 'new' };

export function Workspace({ api, firmsStore, settings }: { api: PermanenceClient; firmsStore: FirmsStore; settings: Settings }) {
  const { t } = useTranslation();
  const editorStore = useMemo(
    () =>
      createEditorStore(api, (detail) => {
        firmsStore.getState().select(detail.id);
        void firmsStore.getState().load();
      }),
    [api, firmsStore],
  );
  const firms = useStore(firmsStore, (s) => s.firms);
  const detail = useStore(editorStore, (s) => s.detail);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<PendingNavigation | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const openedFirst = useRef(false);

  function go(target: PendingNavigation) {
    if (isDirty(editorStore.getState())) {
      setPending(target);
      return;
    }
    perform(target);
  }

  function perform(target: PendingNavigation) {
    setPending(null);
    if (target.kind === 'open') {
      firmsStore.getState().select(target.id);
      setCreating(false);
      void editorStore.getState().open(target.id);
    } else {
      firmsStore.getState().select(null);
      setCreating(true);
      editorStore.getState().startNew();
    }
  }

  useEffect(() => {
    if (!openedFirst.current && firms[0]) {
      openedFirst.current = true;
      perform({ kind: 'open', id: firms[0].id });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- open the first firm once, when the list first arrives
  }, [firms]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (isDirty(editorStore.getState())) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [editorStore]);

  useShortcuts({
    save: () => void editorStore.getState().save(),
    search: () => document.getElementById('firm-search')?.focus(),
    newFirm: () => go({ kind: 'new' }),
    settings: () => setShowSettings(true),
  });

  const hasEditor = creating || detail !== null;
  return (
    <EditorContext.Provider value={editorStore}>
      <div className="layout">
        <StatusBar firm={detail} onSettings={() => setShowSettings(true)} />
        <FirmList store={firmsStore} onOpen={(id) => go({ kind: 'open', id })} onNew={() => go({ kind: 'new' })} />
        <main className="content">{hasEditor ? <FirmEditor /> : <p className="muted empty-state">{t('firms.pick')}</p>}</main>
      </div>
      {pending ? (
        <ConfirmDialog
          title={t('editor.unsavedTitle')}
          onCancel={() => setPending(null)}
          choices={[
            {
              label: t('editor.saveAndContinue'),
              variant: 'primary',
              onSelect: () =>
                void editorStore
                  .getState()
                  .save()
                  .then((saved) => (saved ? perform(pending) : setPending(null))),
            },
            { label: t('editor.discardAndContinue'), variant: 'danger', onSelect: () => perform(pending) },
            { label: t('common.cancel'), onSelect: () => setPending(null) },
          ]}
        >
          <p>{t('editor.unsavedBody')}</p>
        </ConfirmDialog>
      ) : null}
      {showSettings ? <SettingsDialog settings={settings} onClose={() => setShowSettings(false)} /> : null}
    </EditorContext.Provider>
  );
}
