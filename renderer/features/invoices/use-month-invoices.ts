import { useCallback, useEffect, useState } from 'react';
import type { PermanenceClient } from '../../../shared/api';
import type { InvoiceSummary } from '../../../shared/contract/methods/invoices';

/** The month's invoices and credit notes, kept current by `invoices:changed` (issued, credited, paid, sent). */
export function useMonthInvoices(api: PermanenceClient, month: string) {
  const [rows, setRows] = useState<InvoiceSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setRows(await api.invoices.list({ month }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, month]);

  useEffect(() => {
    // Loaded from a microtask so the effect itself only subscribes (state is set when the answer arrives).
    queueMicrotask(() => void reload());
    return api.events.subscribe('invoices:changed', (changed) => {
      if (changed.month === month) void reload();
    });
  }, [api, month, reload]);

  return { rows, error, reload };
}
