import { canBeFeature, describeKind, resolveFeatureNames, resolveTargetName, targetCandidates, type Column, type Table } from '../data';

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

/**
 * The target <select> and one checkbox per column (data-testid feature-toggle, data-column = name).
 * The target itself and free-text columns cannot be ticked. Names are React text: shown literally,
 * cut to 80 characters on screen with the whole name in the title and the checkbox's label. A
 * 5,000-column file draws 5,000 rows, so membership is a Set, not a list search per row.
 */
export function ColumnChoices({ table, target, features, onTarget, onFeatures }: ColumnChoicesProps) {
  const targetName = resolveTargetName(table, target) ?? '';
  const chosen = new Set(resolveFeatureNames(table, features, targetName));
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    onFeatures(table.columns.map((c) => c.name).filter((n) => next.has(n)));
  };
  return (
    <>
      <label className="field">
        <span>Target (what to predict)</span>
        <select data-testid="target-select" value={targetName} onChange={(e) => onTarget(e.target.value)}>
          {targetCandidates(table).map((c) => <option key={c.name} value={c.name} title={c.name.length > SHOWN_NAME ? c.name : undefined}>{targetLabel(c)}</option>)}
        </select>
      </label>
      <fieldset className="feature-list">
        <legend>Features</legend>
        {table.columns.map((c) => {
          const isTarget = c.name === targetName;
          const usable = canBeFeature(c) && !isTarget;
          return (
            <label key={c.name} className={usable ? '' : 'unusable'} title={usable ? `${c.name}: ${describeKind(c)}` : isTarget ? 'the target' : `${describeKind(c)}: cannot be a feature`}>
              <input
                type="checkbox"
                data-testid="feature-toggle"
                data-column={c.name}
                aria-label={c.name.length > SHOWN_NAME ? c.name : undefined}
                checked={chosen.has(c.name)}
                disabled={!usable}
                onChange={(e) => toggle(c.name, e.target.checked)}
              />
              <span className="column-name">{shownName(c.name)}</span>
              <span className="column-kind">{isTarget ? 'target' : KIND_NOTE[c.kind]}</span>
            </label>
          );
        })}
      </fieldset>
    </>
  );
}
