import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { EditorContext } from '../features/firm-editor/editor-context';
import { createEditorStore, isDirty } from '../features/firm-editor/editor-store';
import { FirmEditor } from '../features/firm-editor/FirmEditor';
import { FirmList } from '../features/firms/FirmList';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useShortcuts } from './use-shortcuts';
import { useShellStore } from './shell-context';
import type { ViewProps } from './views';

type PendingNavigation = { kind: 'open'; id: string } | { kind: 'new' };

/** Firms: the list on the left, the selected firm's record on the right. */
export function FirmsView({ api, firmsStore }: ViewProps) {
  const { t } = useTranslation();
  const setCurrentFirm = useShellStore((s) => s.setCurrentFirm);
  const editorStore = useMemo(
    () =>
      createEditorStore(
        api,
        (detail) => {
          firmsStore.getState().select(detail.id);
          void firmsStore.getState().load();
        },
        () => {
          firmsStore.getState().select(null);
          void firmsStore.getState().load();
        },
      ),
    [api, firmsStore],
  );
  const firms = useStore(firmsStore, (s) => s.firms);
  const selectedId = useStore(firmsStore, (s) => s.selectedId);
  const detail = useStore(editorStore, (s) => s.detail);
  const removed = useStore(editorStore, (s) => s.removed);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<PendingNavigation | null>(null);
  const openedFirst = useRef(false);

  useEffect(() => setCurrentFirm(detail), [detail, setCurrentFirm]);

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
    if (openedFirst.current) return;
    const first = firms.find((f) => f.id === selectedId) ?? firms[0];
    if (first) {
      openedFirst.current = true;
      perform({ kind: 'open', id: first.id });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- open a firm once, when the list first arrives
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
  });

  return (
    <EditorContext.Provider value={editorStore}>
      <div className="firms-view">
        <FirmList store={firmsStore} onOpen={(id) => go({ kind: 'open', id })} onNew={() => go({ kind: 'new' })} />
        <main className="content">
          {creating || detail !== null || removed !== null ? (
            <FirmEditor />
          ) : (
            <p className="muted empty-state">{t('firms.pick')}</p>
          )}
        </main>
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
    </EditorContext.Provider>
  );
}
