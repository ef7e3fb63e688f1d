import { useMemo, useRef, useState } from 'react';
import { canBeFeature, describeKind, resolveFeatureNames, resolveTargetName, targetCandidates, type Column, type Table } from '../data';
import { filterColumns, visibleRows, WINDOW_ROW_PX, WINDOWED_COLUMNS } from './columnWindow';
import { useBoxSize } from './useBoxSize';

/** Props of the target and feature choices of one table. */
export interface ColumnChoicesProps {
  table: Table;
  target: string | null;
  features: string[] | null;
  onTarget(name: string): void;
  onFeatures(names: string[]): void;
}

/** Longest name drawn in full; longer ones are cut on screen (whole in the title, the data and exports). */
const SHOWN_NAME = 80;

/** A name cut to SHOWN_NAME characters with "…", for display only. */
export function shownName(name: string): string {
  return name.length > SHOWN_NAME ? `${name.slice(0, SHOWN_NAME - 1)}…` : name;
}

function targetLabel(column: Column): string {
  if (column.codes !== null && (column.kind === 'categorical' || column.integer)) return `${shownName(column.name)} (${column.categories.length} classes)`;
  return `${shownName(column.name)} (numbers)`;
}

const KIND_NOTE: Record<Column['kind'], string> = {
  numeric: 'numbers', categorical: 'labels, one-hot', date: 'date', index: 'row number', text: 'free text',
};

/** One row of the feature list: the checkbox (data-testid feature-toggle, data-column = the whole name), the cut name and its kind. */
function FeatureRow({ column, targetName, checked, onToggle }: { column: Column; targetName: string; checked: boolean; onToggle(name: string, on: boolean): void }) {
  const isTarget = column.name === targetName;
  const usable = canBeFeature(column) && !isTarget;
  return (
    <label className={usable ? '' : 'unusable'} title={usable ? `${column.name}: ${describeKind(column)}` : isTarget ? 'the target' : `${describeKind(column)}: cannot be a feature`}>
      <input
        type="checkbox"
        data-testid="feature-toggle"
        data-column={column.name}
        aria-label={column.name.length > SHOWN_NAME ? column.name : undefined}
        checked={checked}
        disabled={!usable}
        onChange={(e) => onToggle(column.name, e.target.checked)}
      />
      <span className="column-name">{shownName(column.name)}</span>
      <span className="column-kind">{isTarget ? 'target' : KIND_NOTE[column.kind]}</span>
    </label>
  );
}

interface FeatureListProps {
  columns: Column[];
  targetName: string;
  chosen: Set<string>;
  onToggle(name: string, on: boolean): void;
  /** Ticks (true) or unticks every usable column among `names`. */
  onMany(names: string[], on: boolean): void;
}

/**
 * The feature list of a file of more than WINDOWED_COLUMNS columns: a filter box, "tick all / none"
 * (of the columns the filter shows) and a scrolling list that draws only the rows in view, at a fixed
 * row height (WINDOW_ROW_PX). The rows drawn are the same labelled checkboxes as the full list's;
 * 5,000 of them took most of a second to render and lay out.
 */
function WindowedFeatureList({ columns, targetName, chosen, onToggle, onMany }: FeatureListProps) {
  const [filter, setFilter] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  // Ten rows until the box is measured.
  const viewport = useBoxSize(ref)?.height ?? WINDOW_ROW_PX * 10;
  const names = useMemo(() => columns.map((c) => c.name), [columns]);
  const shown = useMemo(() => filterColumns(names, filter), [names, filter]);
  const usable = (c: Column) => canBeFeature(c) && c.name !== targetName;
  const usableCount = columns.reduce((n, c) => n + (usable(c) ? 1 : 0), 0);
  const { first, end } = visibleRows(shown.length, scrollTop, viewport);
  const many = (on: boolean) => onMany(shown.map((j) => columns[j]).filter(usable).map((c) => c.name), on);
  const what = filter.trim() === '' ? 'all' : 'shown';
  return (
    <fieldset className="feature-list windowed">
      <legend>Features <span className="feature-count">({chosen.size} of {usableCount} ticked)</span></legend>
      <div className="feature-tools">
        <input
          type="search"
          data-testid="feature-filter"
          aria-label="Filter the columns by name"
          placeholder={`Filter ${columns.length} columns`}
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            setScrollTop(0);
            if (ref.current) ref.current.scrollTop = 0;
          }}
        />
        <button type="button" className="small" data-testid="features-all" onClick={() => many(true)}>Tick {what}</button>
        <button type="button" className="small" data-testid="features-none" onClick={() => many(false)}>Untick {what}</button>
      </div>
      {shown.length === 0 && <p className="feature-none">No column name contains “{filter.trim()}”.</p>}
      <div className="feature-window" ref={ref} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: `${shown.length * WINDOW_ROW_PX}px` }}>
          <div style={{ transform: `translateY(${first * WINDOW_ROW_PX}px)` }}>
            {shown.slice(first, end).map((j) => (
              <FeatureRow key={columns[j].name} column={columns[j]} targetName={targetName} checked={chosen.has(columns[j].name)} onToggle={onToggle} />
            ))}
          </div>
        </div>
      </div>
    </fieldset>
  );
}

/**
 * The target <select> and one checkbox per column (data-testid feature-toggle, data-column = name).
 * The target itself and free-text columns cannot be ticked. Names are React text: shown literally,
 * cut to 80 characters on screen with the whole name in the title and the checkbox's label. Past
 * WINDOWED_COLUMNS columns the list is windowed (WindowedFeatureList: only the rows in view are
 * drawn, with a filter box and tick all / none); membership is a Set, not a list search per row.
 */
export function ColumnChoices({ table, target, features, onTarget, onFeatures }: ColumnChoicesProps) {
  const targetName = resolveTargetName(table, target) ?? '';
  const chosen = new Set(resolveFeatureNames(table, features, targetName));
  const commit = (next: Set<string>) => onFeatures(table.columns.map((c) => c.name).filter((n) => next.has(n)));
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    commit(next);
  };
  const many = (names: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const name of names) {
      if (on) next.add(name);
      else next.delete(name);
    }
    commit(next);
  };
  return (
    <>
      <label className="field">
        <span>Target (what to predict)</span>
        <select data-testid="target-select" value={targetName} onChange={(e) => onTarget(e.target.value)}>
          {targetCandidates(table).map((c) => <option key={c.name} value={c.name} title={c.name.length > SHOWN_NAME ? c.name : undefined}>{targetLabel(c)}</option>)}
        </select>
      </label>
      {table.columns.length > WINDOWED_COLUMNS
        ? <WindowedFeatureList columns={table.columns} targetName={targetName} chosen={chosen} onToggle={toggle} onMany={many} />
        : (
          <fieldset className="feature-list">
            <legend>Features</legend>
            {table.columns.map((c) => <FeatureRow key={c.name} column={c} targetName={targetName} checked={chosen.has(c.name)} onToggle={toggle} />)}
          </fieldset>
        )}
    </>
  );
}
