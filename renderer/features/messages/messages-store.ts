import { createStore } from 'zustand/vanilla';
import type { PermanenceClient } from '../../../shared/api';
import type { MessageDetail, MessageRecord, MessageStatus, Urgency } from '../../../shared/domain/message';

export interface MessagesFilter {
  firmId: string;
  status: MessageStatus | '';
  urgency: Urgency | '';
  personId: string;
  /** yyyy-mm-dd, inclusive, in the secretary's own time zone. */
  fromDate: string;
  toDate: string;
  query: string;
}

export interface MessagesState {
  filter: MessagesFilter;
  items: MessageRecord[];
  total: number;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  detail: MessageDetail | null;
  load(): Promise<void>;
  /** The next page, appended (the list shows 200 at a time). */
  loadMore(): Promise<void>;
  setFilter(patch: Partial<MessagesFilter>): void;
  select(id: string | null): Promise<void>;
  /** A message changed in main (event): refresh its row and the open detail. */
  refresh(id: string, status?: MessageStatus): Promise<void>;
}

const PAGE = 200;

function dayStart(iso: string): number | undefined {
  if (!iso) return undefined;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

export function createMessagesStore(api: PermanenceClient, initial: Partial<MessagesFilter> = {}) {
  let loadSeq = 0;
  return createStore<MessagesState>()((set, get) => {
    async function fetchPage(offset: number): Promise<void> {
      const seq = ++loadSeq;
      const f = get().filter;
      set({ loading: true });
      try {
        const to = dayStart(f.toDate);
        const page = await api.messages.list({
          ...(f.firmId ? { firmId: f.firmId } : {}),
          ...(f.status ? { status: f.status } : {}),
          ...(f.urgency ? { urgency: f.urgency } : {}),
          ...(f.personId ? { personId: f.personId } : {}),
          ...(f.fromDate ? { from: dayStart(f.fromDate)! } : {}),
          ...(to !== undefined ? { to: to + 24 * 3600_000 } : {}),
          query: f.query,
          limit: PAGE,
          offset,
        });
        if (seq !== loadSeq) return;
        const items = offset === 0 ? page.items : [...get().items, ...page.items];
        set({ items, total: page.total, loading: false, error: null });
      } catch (error) {
        if (seq === loadSeq) set({ loading: false, error: (error as Error).message });
      }
    }

    return {
      filter: { firmId: '', status: '', urgency: '', personId: '', fromDate: '', toDate: '', query: '', ...initial },
      items: [],
      total: 0,
      loading: false,
      error: null,
      selectedId: null,
      detail: null,
      load: () => fetchPage(0),
      loadMore: () => fetchPage(get().items.length),
      setFilter(patch) {
        const filter = { ...get().filter, ...patch };
        if (patch.firmId !== undefined && patch.firmId !== get().filter.firmId) filter.personId = '';
        set({ filter });
        void get().load();
      },
      async select(id) {
        set({ selectedId: id, detail: id ? get().detail : null });
        if (id) {
          const detail = await api.messages.get({ id });
          if (get().selectedId === id) set({ detail });
        }
      },
      async refresh(id, status) {
        const inList = get().items.some((m) => m.id === id);
        // Autosaves of a draft being typed elsewhere: not worth reloading a list that does not show drafts.
        if (!inList && status === 'brouillon' && get().filter.status !== 'brouillon') return;
        if (inList) {
          const detail = await api.messages.get({ id });
          const { deliveries: _deliveries, fieldLabels: _labels, ...record } = detail;
          set({ items: get().items.map((m) => (m.id === id ? record : m)) });
          if (get().selectedId === id) set({ detail });
        } else {
          await get().load();
        }
      },
    };
  });
}
export type MessagesStore = ReturnType<typeof createMessagesStore>;
