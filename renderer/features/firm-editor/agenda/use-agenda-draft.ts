import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PermanenceError, type FieldIssue } from '../../../../shared/api';
import type { AgendaConfigView } from '../../../../shared/contract/methods/agenda';
import { agendaConfigSchema, type AgendaConfig } from '../../../../shared/domain/agenda/config';
import { useApi } from '../../../api/client';

function validate(draft: AgendaConfig): FieldIssue[] {
  const result = agendaConfigSchema.safeParse(draft);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * The « Agenda » tab's own draft: loaded from agenda:config, checked by the same schema as main on every change
 * (messages shown once she tries to save), saved as one document with the revision it was loaded at.
 */
export function useAgendaDraft(firmId: string) {
  const api = useApi();
  const [view, setView] = useState<AgendaConfigView | null>(null);
  const [draft, setDraft] = useState<AgendaConfig | null>(null);
  const [pristine, setPristine] = useState('');
  const [showIssues, setShowIssues] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [state, setState] = useState<'loading' | 'idle' | 'saving' | 'saved' | 'error'>('loading');
  const [error, setError] = useState<PermanenceError | Error | null>(null);

  const load = useCallback(
    (loaded: AgendaConfigView) => {
      // Ranges shown day by day, morning first, whatever order the file or an older save gave them.
      const config = structuredClone(loaded.config);
      config.agendas.forEach((a) => a.template.sort((x, y) => x.weekday - y.weekday || x.start.localeCompare(y.start)));
      setView(loaded);
      setDraft(config);
      setPristine(JSON.stringify(config));
      setServerIssues([]);
      setShowIssues(false);
    },
    [setView],
  );

  useEffect(() => {
    let current = true;
    api.agenda.config({ firmId }).then(
      (loaded) => {
        if (!current) return;
        load(loaded);
        setState('idle');
      },
      (e: Error) => {
        if (!current) return;
        setError(e);
        setState('error');
      },
    );
    return () => {
      current = false;
    };
  }, [api, firmId, load]);

  const issues = useMemo(() => (draft ? [...validate(draft), ...serverIssues] : []), [draft, serverIssues]);

  const update = useCallback((mutate: (draft: AgendaConfig) => void) => {
    setDraft((current) => {
      if (!current) return current;
      const next = structuredClone(current);
      mutate(next);
      return next;
    });
    setServerIssues([]);
    setState((s) => (s === 'saved' ? 'idle' : s));
  }, []);

  const save = useCallback(async () => {
    if (!draft || !view) return;
    if (validate(draft).length > 0) {
      setShowIssues(true);
      setState('error');
      setError(null);
      return;
    }
    setState('saving');
    setError(null);
    try {
      const saved = await api.agenda.saveConfig({ firmId, expectedRevision: view.revision, config: draft });
      load(saved);
      setState('saved');
    } catch (e) {
      // The draft stays as typed; field messages from main go under their fields.
      const fieldIssues =
        e instanceof PermanenceError && e.issues
          ? e.issues.map((i) => ({ ...i, path: i.path.replace(/^config\./, '') }))
          : [];
      setServerIssues(fieldIssues);
      setShowIssues(true);
      setError(e as Error);
      setState('error');
    }
  }, [api, draft, firmId, load, view]);

  return {
    view,
    draft,
    update,
    save,
    state,
    error,
    issues,
    showIssues,
    dirty: draft !== null && JSON.stringify(draft) !== pristine,
  };
}

export type AgendaDraft = ReturnType<typeof useAgendaDraft>;
export const AgendaDraftContext = createContext<AgendaDraft | null>(null);

export function useAgendaTab(): AgendaDraft & { draft: AgendaConfig } {
  const context = useContext(AgendaDraftContext);
  if (!context || !context.draft) throw new Error('useAgendaTab outside a loaded AgendaTab');
  return context as AgendaDraft & { draft: AgendaConfig };
}

/** The translated message at a path of the draft, once she has tried to save. */
export function useAgendaError(path: string): string | null {
  const { t } = useTranslation();
  const { issues, showIssues } = useAgendaTab();
  if (!showIssues) return null;
  const issue = issues.find((i) => i.path === path);
  return issue ? t(issue.message, { defaultValue: issue.message }) : null;
}

export function newId(): string {
  return crypto.randomUUID();
}
