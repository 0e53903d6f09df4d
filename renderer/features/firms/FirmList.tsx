import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { filterFirms, type FirmsStore } from './firms-store';

interface FirmListProps {
  store: FirmsStore;
  onOpen(id: string): void;
  onNew(): void;
}

/** The sidebar: search, then the firms; arrows move, Enter opens, Ctrl+K comes back to the search. */
export function FirmList({ store, onOpen, onNew }: FirmListProps) {
  const { t } = useTranslation();
  const firms = useStore(store, (s) => s.firms);
  const query = useStore(store, (s) => s.query);
  const selectedId = useStore(store, (s) => s.selectedId);
  const setQuery = useStore(store, (s) => s.setQuery);
  const listRef = useRef<HTMLUListElement>(null);
  const visible = filterFirms(firms, query);

  function focusItem(index: number) {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button');
    buttons?.[Math.max(0, Math.min(index, buttons.length - 1))]?.focus();
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusItem(index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index <= 0) document.getElementById('firm-search')?.focus();
      else focusItem(index - 1);
    }
  }

  return (
    <nav className="sidebar" aria-label={t('firms.navigation')}>
      <input
        id="firm-search"
        type="search"
        aria-label={t('firms.search')}
        aria-keyshortcuts="Control+K"
        placeholder={t('firms.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            focusItem(0);
          } else if (e.key === 'Enter' && visible[0]) {
            onOpen(visible[0].id);
          }
        }}
      />
      {visible.length === 0 ? (
        <p className="muted" role="status">
          {firms.length === 0 ? t('firms.empty') : t('firms.noMatch')}
        </p>
      ) : null}
      <ul ref={listRef} className="firm-list" aria-label={t('firms.list')} onKeyDown={onListKey}>
        {visible.map((firm) => (
          <li key={firm.id}>
            <button
              type="button"
              className="firm-list__item"
              aria-current={firm.id === selectedId ? 'true' : undefined}
              onClick={() => onOpen(firm.id)}
            >
              <span className="swatch" style={{ background: firm.color }} aria-hidden />
              <span className="firm-list__text">
                <span className="firm-list__name">{firm.name}</span>
                <span className="muted">{t(`sector.${firm.sector}`)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--primary" aria-keyshortcuts="Control+N" onClick={onNew}>
        {t('firms.new')}
      </button>
    </nav>
  );
}
