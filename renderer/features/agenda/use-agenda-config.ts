import { useEffect, useState } from 'react';
import type { AgendaConfigView } from '../../../shared/contract/methods/agenda';
import { useApi } from '../../api/client';

/** A firm's agenda set-up, reloaded when it is saved elsewhere (the firm editor, an import). */
export function useAgendaConfig(firmId: string | null): { view: AgendaConfigView | null; error: string | null } {
  const api = useApi();
  const [view, setView] = useState<AgendaConfigView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!firmId) return;
    let current = true;
    const load = () =>
      api.agenda.config({ firmId }).then(
        (v) => current && (setView(v), setError(null)),
        (e: Error) => current && setError(e.message),
      );
    void load();
    const off = api.events.subscribe('agenda:configChanged', (p) => {
      if (p.firmId === firmId) void load();
    });
    return () => {
      current = false;
      off();
    };
  }, [api, firmId]);
  return { view: firmId ? view : null, error };
}
