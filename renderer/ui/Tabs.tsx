import { useRef, type KeyboardEvent } from 'react';

export interface TabDef {
  id: string;
  label: string;
  disabled?: boolean;
  badge?: number;
}

interface TabsProps {
  tabs: TabDef[];
  active: string;
  onChange(id: string): void;
  label: string;
  idPrefix: string;
}

/** WAI-ARIA tabs: arrows move between tabs, Home/End jump, the active tab is the only tab stop. */
export function Tabs({ tabs, active, onChange, label, idPrefix }: TabsProps) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const enabled = tabs.filter((t) => !t.disabled);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = enabled.findIndex((t) => t.id === active);
    let next: TabDef | undefined;
    if (event.key === 'ArrowRight') next = enabled[(index + 1) % enabled.length];
    if (event.key === 'ArrowLeft') next = enabled[(index - 1 + enabled.length) % enabled.length];
    if (event.key === 'Home') next = enabled[0];
    if (event.key === 'End') next = enabled[enabled.length - 1];
    if (next) {
      event.preventDefault();
      onChange(next.id);
      refs.current[next.id]?.focus();
    }
  }

  return (
    <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            refs.current[tab.id] = el;
          }}
          role="tab"
          type="button"
          id={`${idPrefix}-tab-${tab.id}`}
          aria-controls={`${idPrefix}-panel-${tab.id}`}
          aria-selected={tab.id === active}
          tabIndex={tab.id === active ? 0 : -1}
          disabled={tab.disabled}
          className="tabs__tab"
          title={tab.label}
          onClick={() => onChange(tab.id)}
        >
          <span className="tabs__label">{tab.label}</span>
          {tab.badge ? (
            <span className="tabs__badge" aria-label={`${tab.badge}`}>
              {tab.badge}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}
