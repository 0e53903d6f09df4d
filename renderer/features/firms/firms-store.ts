import { createStore } from 'zustand/vanilla';
import type { PermanenceClient } from '../../../shared/api';
import type { FirmSummary } from '../../../shared/domain/firm/firm';
import { matchesAllWords } from '../../../shared/domain/text';

export interface FirmsState {
  firms: FirmSummary[];
  loaded: boolean;
  error: string | null;
  query: string;
  selectedId: string | null;
  load(): Promise<void>;
  setQuery(query: string): void;
  select(id: string | null): void;
}

/** Factory, not a singleton: every test and every window gets its own store. */
export function createFirmsStore(api: PermanenceClient) {
  return createStore<FirmsState>()((set) => ({
    firms: [],
    loaded: false,
    error: null,
    query: '',
    selectedId: null,
    async load() {
      try {
        const firms = await api.firms.list({});
        set({ firms, loaded: true, error: null });
      } catch (error) {
        set({ error: (error as Error).message, loaded: true });
      }
    },
    setQuery(query) {
      set({ query });
    },
    select(id) {
      set({ selectedId: id });
    },
  }));
}
export type FirmsStore = ReturnType<typeof createFirmsStore>;

/**
 * Filters by name and sector (every typed word starts a word, in any order, accents, case and apostrophes folded)
 * or by any digit run of a forwarded number.
 */
export function filterFirms(firms: readonly FirmSummary[], query: string): FirmSummary[] {
  if (query.trim() === '') return [...firms];
  const digits = /^[\d\s.+-]+$/.test(query.trim()) ? query.replace(/\D/g, '') : '';
  return firms.filter(
    (f) =>
      matchesAllWords(query, `${f.name} ${f.sector}`) ||
      (digits.length >= 3 && f.numbers.some((n) => n.includes(digits) || `0${n.slice(3)}`.includes(digits))),
  );
}
