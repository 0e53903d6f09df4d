import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { MESSAGE_STATUSES, URGENCIES } from '../../../shared/domain/message';
import type { FirmDetail } from '../../../shared/domain/firm/aggregate';
import type { ViewProps } from '../../app/views';
import { useShortcuts } from '../../app/use-shortcuts';
import { formatDateTime } from '../../ui/format';
import { MessageDetailPanel } from './MessageDetailPanel';
import { createMessagesStore } from './messages-store';
import { MessageStatusBadge } from './MessageStatusBadge';
import { FirmSelect } from '../../ui/FirmSelect';

/** Every message, all firms or one: filters, full-text search, ↑/↓ to move, statuses updating live. */
export function MessagesView({ api, firmsStore }: ViewProps) {
  const { t, i18n } = useTranslation();
  const store = useMemo(() => createMessagesStore(api), [api]);
  const firms = useStore(firmsStore, (s) => s.firms);
  const filter = useStore(store, (s) => s.filter);
  const items = useStore(store, (s) => s.items);
  const total = useStore(store, (s) => s.total);
  const error = useStore(store, (s) => s.error);
  const selectedId = useStore(store, (s) => s.selectedId);
  const [peopleOf, setPeopleOf] = useState<{ firmId: string; people: FirmDetail['people'] }>({
    firmId: '',
    people: [],
  });
  const people = peopleOf.firmId === filter.firmId ? peopleOf.people : [];
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    void store.getState().load();
    return api.events.subscribe(
      'messages:changed',
      (payload) => void store.getState().refresh(payload.id, payload.status),
    );
  }, [api, store]);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (query !== store.getState().filter.query) store.getState().setFilter({ query });
    }, 200);
    return () => window.clearTimeout(timer);
  }, [query, store]);

  useEffect(() => {
    if (!filter.firmId) return;
    void api.firms.get({ id: filter.firmId }).then((f) => setPeopleOf({ firmId: f.id, people: f.people }));
  }, [api, filter.firmId]);

  useShortcuts({ search: () => document.getElementById('msg-search')?.focus() });

  const firmName = (id: string) => firms.find((f) => f.id === id)?.name ?? id;
  // A firm's times in the firm's zone, as on every screen.
  const zoneOf = (id: string) => firms.find((f) => f.id === id)?.timeZone;
  const index = items.findIndex((m) => m.id === selectedId);

  function move(to: number) {
    const target = items[Math.max(0, Math.min(items.length - 1, to))];
    if (!target) return;
    void store.getState().select(target.id);
    document.getElementById(`msg-row-${target.id}`)?.focus();
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    const keys: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 };
    if (event.key in keys) {
      event.preventDefault();
      move(keys[event.key]!);
    }
  }

  return (
    <div className="msg-view">
      <div className="msg-filters" role="search" aria-label={t('callDesk.list.filters')}>
        <input
          id="msg-search"
          type="search"
          aria-label={t('callDesk.list.search')}
          aria-keyshortcuts="Control+K"
          placeholder={t('callDesk.list.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              move(0);
            }
          }}
        />
        <FirmSelect
          aria-label={t('callDesk.list.firm')}
          firms={firms}
          value={filter.firmId}
          onChange={(firmId) => store.getState().setFilter({ firmId })}
          allLabel={t('callDesk.list.allFirms')}
        />
        <select
          aria-label={t('callDesk.list.status')}
          value={filter.status}
          onChange={(e) => store.getState().setFilter({ status: e.target.value as typeof filter.status })}
        >
          <option value="">{t('callDesk.list.allStatuses')}</option>
          {MESSAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`callDesk.status.${s}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('callDesk.list.urgency')}
          value={filter.urgency}
          onChange={(e) => store.getState().setFilter({ urgency: e.target.value as typeof filter.urgency })}
        >
          <option value="">{t('callDesk.list.allUrgencies')}</option>
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {t(`callDesk.urgency.${u}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('callDesk.list.person')}
          value={filter.personId}
          disabled={!filter.firmId}
          onChange={(e) => store.getState().setFilter({ personId: e.target.value })}
        >
          <option value="">{t('callDesk.list.anyPerson')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <label className="msg-filters__date">
          <span>{t('callDesk.list.from')}</span>
          <input
            type="date"
            value={filter.fromDate}
            onChange={(e) => store.getState().setFilter({ fromDate: e.target.value })}
          />
        </label>
        <label className="msg-filters__date">
          <span>{t('callDesk.list.to')}</span>
          <input
            type="date"
            value={filter.toDate}
            onChange={(e) => store.getState().setFilter({ toDate: e.target.value })}
          />
        </label>
        <span className="muted" role="status">
          {t('callDesk.list.count', { count: total })}
        </span>
      </div>
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
      <div className="msg-body">
        {/* A listbox holds options only: the empty note and « more » sit beside it, in the same scrolling column. */}
        <div className="msg-list">
          <ul
            className="msg-list__options"
            role="listbox"
            aria-label={t('callDesk.list.label')}
            ref={listRef}
            onKeyDown={onListKey}
          >
            {items.map((m) => (
              <li
                key={m.id}
                id={`msg-row-${m.id}`}
                role="option"
                aria-selected={m.id === selectedId}
                tabIndex={m.id === selectedId || (selectedId === null && m === items[0]) ? 0 : -1}
                className={`msg-row msg-row--${m.urgency}`}
                onClick={() => void store.getState().select(m.id)}
              >
                <span className="msg-row__top">
                  <strong>{m.callerName || m.callerCompany || t('callDesk.view.unnamed')}</strong>
                  <MessageStatusBadge status={m.status} />
                </span>
                <span className="msg-row__motif">
                  {m.urgency !== 'normal' ? (
                    <span className={`msg-urgency msg-urgency--${m.urgency}`}>
                      {t(`callDesk.urgency.${m.urgency}`)}
                    </span>
                  ) : null}{' '}
                  {m.motif}
                </span>
                <span className="muted msg-row__meta">
                  {firmName(m.firmId)} · {formatDateTime(m.createdAt, i18n.language, zoneOf(m.firmId))}
                </span>
              </li>
            ))}
          </ul>
          {items.length === 0 ? <p className="muted msg-empty">{t('callDesk.list.empty')}</p> : null}
          {items.length < total ? (
            <p className="msg-more">
              <button type="button" className="button button--plain" onClick={() => void store.getState().loadMore()}>
                {t('callDesk.list.more', { shown: items.length, total })}
              </button>
            </p>
          ) : null}
        </div>
        <div className="msg-detail">
          {selectedId ? (
            <MessageDetailPanel store={store} firmName={firmName} zoneOf={zoneOf} />
          ) : (
            <p className="muted empty-state">{t('callDesk.list.pick')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
