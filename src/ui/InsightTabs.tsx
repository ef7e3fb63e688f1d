import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './insightTabs.css';

/** One tab of the card: its name on the tab, and what its panel draws. */
export interface InsightTab {
  /** Stable name of the tab (kept while the tab exists), also its test id: `insight-tab-${id}`. */
  id: string;
  label: string;
  content: ReactNode;
}

/** Props of the tabbed card. */
export interface InsightTabsProps {
  /** The accessible name of the tab list, e.g. "Training charts". */
  label: string;
  tabs: readonly InsightTab[];
  /** Every panel at once, without the tab list (presenter mode's charts pane shows them side by side). */
  all?: boolean;
}

/**
 * Training's pictures in one card of fixed place: the loss chart, the decision boundary and the confusion
 * matrices as tabs (WAI-ARIA tabs: one tab stop, ← → Home End move and select). Every panel stays mounted
 * (hidden ones are `hidden`), so a drawing keeps its state and canvas while another tab is shown. When the
 * selected tab goes away (no boundary for this dataset), the first tab is shown.
 */
export function InsightTabs({ label, tabs, all = false }: InsightTabsProps) {
  const base = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const selected = tabs.find((t) => t.id === chosen)?.id ?? tabs[0]?.id;
  const tabId = (id: string) => `${base}-tab-${id}`;
  const panelId = (id: string) => `${base}-panel-${id}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const n = tabs.length;
    const next = { ArrowRight: (at + 1) % n, ArrowLeft: (at - 1 + n) % n, Home: 0, End: n - 1 }[event.key];
    if (next === undefined || n === 0) return;
    event.preventDefault();
    const id = tabs[next].id;
    setChosen(id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(id))}`)?.focus();
  };

  return (
    <div className={`insight-tabs${all ? ' all' : ''}`}>
      {!all && tabs.length > 1 && (
        <div role="tablist" aria-label={label} className="insight-tablist" ref={list} onKeyDown={onKeyDown} data-own-keys="">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={tabId(t.id)}
              aria-selected={t.id === selected}
              aria-controls={panelId(t.id)}
              tabIndex={t.id === selected ? 0 : -1}
              data-testid={`insight-tab-${t.id}`}
              onClick={() => setChosen(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      )}
      {tabs.map((t) => (
        <div
          key={t.id}
          className={`insight-panel insight-panel-${t.id}`}
          data-testid={`insight-panel-${t.id}`}
          {...(all || tabs.length < 2 ? {} : { role: 'tabpanel', id: panelId(t.id), 'aria-labelledby': tabId(t.id) })}
          hidden={!all && t.id !== selected}
        >
          {t.content}
        </div>
      ))}
    </div>
  );
}
