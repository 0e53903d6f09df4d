import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from './editor-store';

export const EditorContext = createContext<EditorStore | null>(null);

export function useEditor<T>(selector: (state: EditorState) => T): T {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditor outside EditorContext');
  return useStore(store, selector);
}

/** The translated message for one path of the draft, once the secretary has tried to save. */
export function useFieldError(path: string): string | null {
  const { t } = useTranslation();
  const issue = useEditor((s) => (s.showIssues ? s.issues.find((i) => i.path === path) : undefined));
  return issue ? t(issue.message, { defaultValue: issue.message }) : null;
}

/** Count of issues under a path prefix, for the badge on a tab. */
export function useIssueCount(prefixes: string[]): number {
  return useEditor((s) =>
    s.showIssues ? s.issues.filter((i) => prefixes.some((p) => i.path.startsWith(p))).length : 0,
  );
}

/**
 * Selectors must return stable references: `?? []` inside a selector makes a new array on every render and
 * loops the store subscription. Use this shared empty list instead.
 */
export const EMPTY_LIST: never[] = [];
