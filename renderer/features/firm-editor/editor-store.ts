import { createStore } from 'zustand/vanilla';
import { PermanenceError, type FieldIssue, type PermanenceClient } from '../../../shared/api';
import { firmDraftSchema, type FirmDetail, type FirmDraftInput } from '../../../shared/domain/firm/aggregate';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import type { ContractEnd } from '../../../shared/domain/retention';
import { blankFirmDraft } from './blank-firm';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface EditorState {
  firmId: string | null;
  revision: number | undefined;
  detail: FirmDetail | null;
  draft: FirmDraftInput;
  /** JSON of the draft as last loaded or saved; a different JSON now means unsaved changes. */
  pristine: string;
  issues: FieldIssue[];
  showIssues: boolean;
  saveState: SaveState;
  saveError: string | null;
  loading: boolean;
  /** Set once the firm's contract ended and its data was erased: nothing may be saved any more (it would recreate it). */
  removed: ContractEnd | null;
  open(id: string): Promise<void>;
  startNew(): void;
  update(mutate: (draft: FirmDraftInput) => void): void;
  save(): Promise<FirmDetail | null>;
  discard(): void;
  archive(): Promise<boolean>;
  markRemoved(result: ContractEnd): void;
}

export function isDirty(state: Pick<EditorState, 'draft' | 'pristine'>): boolean {
  return JSON.stringify(state.draft) !== state.pristine;
}

/** Numbers are stored E.164 but shown as people write them ("01 42 00 00 01"); saving normalises them back. */
function draftFrom(detail: FirmDetail): FirmDraftInput {
  const show = (n: string) => (n.startsWith('+') ? formatPhoneForDisplay(n) : n);
  return {
    profile: { ...detail.profile, numbers: detail.profile.numbers.map((n) => ({ ...n, e164: show(n.e164) })) },
    people: detail.people.map((p) => ({ ...p, transferTarget: show(p.transferTarget) })),
    consignes: {
      body: detail.consignes.body,
      rules: {
        ...detail.consignes.rules,
        vipCallers: detail.consignes.rules.vipCallers.map((v) => ({ ...v, phone: show(v.phone) })),
      },
    },
    script: detail.script,
    messageFields: detail.messageFields,
    billing: detail.billing,
  };
}

function validate(draft: FirmDraftInput): FieldIssue[] {
  const result = firmDraftSchema.safeParse(draft);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function createEditorStore(
  api: PermanenceClient,
  onSaved: (detail: FirmDetail) => void = () => undefined,
  onArchived: (id: string) => void = () => undefined,
) {
  return createStore<EditorState>()((set, get) => ({
    firmId: null,
    revision: undefined,
    detail: null,
    draft: blankFirmDraft(),
    pristine: JSON.stringify(blankFirmDraft()),
    issues: [],
    showIssues: false,
    saveState: 'idle',
    saveError: null,
    loading: false,
    removed: null,

    async open(id) {
      set({ loading: true, saveError: null, removed: null });
      try {
        const detail = await api.firms.get({ id });
        const draft = draftFrom(detail);
        set({
          firmId: id,
          revision: detail.revision,
          detail,
          draft,
          pristine: JSON.stringify(draft),
          issues: validate(draft),
          showIssues: false,
          saveState: 'idle',
          loading: false,
        });
      } catch (error) {
        set({ loading: false, saveError: (error as Error).message });
      }
    },

    startNew() {
      const draft = blankFirmDraft();
      set({
        removed: null,
        firmId: null,
        revision: undefined,
        detail: null,
        draft,
        pristine: JSON.stringify(draft),
        issues: validate(draft),
        showIssues: false,
        saveState: 'idle',
        saveError: null,
      });
    },

    update(mutate) {
      const draft = structuredClone(get().draft);
      mutate(draft);
      set({ draft, issues: validate(draft), saveState: get().saveState === 'saved' ? 'idle' : get().saveState });
    },

    async save() {
      const { draft, firmId, revision, removed } = get();
      if (removed) return null;
      const issues = validate(draft);
      if (issues.length > 0) {
        set({ issues, showIssues: true, saveState: 'error', saveError: null });
        return null;
      }
      set({ saveState: 'saving', saveError: null });
      try {
        const detail = await api.firms.save({
          ...(firmId ? { id: firmId, expectedRevision: revision } : {}),
          draft,
        });
        const saved = draftFrom(detail);
        set({
          firmId: detail.id,
          revision: detail.revision,
          detail,
          draft: saved,
          pristine: JSON.stringify(saved),
          issues: [],
          showIssues: false,
          saveState: 'saved',
        });
        onSaved(detail);
        return detail;
      } catch (error) {
        // The draft stays as typed: a refused save never costs the secretary her input.
        const serverIssues =
          error instanceof PermanenceError && error.issues
            ? error.issues.map((i) => ({ ...i, path: i.path.replace(/^draft\./, '') }))
            : [];
        set({
          saveState: 'error',
          saveError: (error as Error).message,
          issues: [...issues, ...serverIssues],
          showIssues: true,
        });
        return null;
      }
    },

    async archive() {
      const { firmId } = get();
      if (!firmId) return false;
      try {
        await api.firms.archive({ id: firmId });
      } catch (error) {
        set({ saveState: 'error', saveError: (error as Error).message });
        return false;
      }
      get().startNew();
      set({ draft: blankFirmDraft(), pristine: JSON.stringify(blankFirmDraft()) });
      onArchived(firmId);
      return true;
    },

    markRemoved(result) {
      // detail goes (the shell no longer shows the firm as the current one); the draft keeps its name for the panel.
      set({ removed: result, detail: null, pristine: JSON.stringify(get().draft), saveState: 'idle', saveError: null });
    },

    discard() {
      const { detail } = get();
      if (detail) {
        const draft = draftFrom(detail);
        set({ draft, pristine: JSON.stringify(draft), issues: validate(draft), showIssues: false, saveState: 'idle' });
      } else {
        get().startNew();
      }
    },
  }));
}
export type EditorStore = ReturnType<typeof createEditorStore>;
