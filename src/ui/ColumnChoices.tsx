import { canBeFeature, describeKind, resolveFeatureNames, resolveTargetName, targetCandidates, type Column, type Table } from '../data';

/** Props of the target and feature choices of one table. */
export interface ColumnChoicesProps {
  table: Table;
  target: string | null;
  features: string[] | null;
  onTarget(name: string): void;
  onFeatures(names: string[]): void;
}

function targetLabel(column: Column): string {
  if (column.codes !== null && (column.kind === 'categorical' || column.integer)) return `${column.name} (${column.categories.length} classes)`;
  return `${column.name} (numbers)`;
}

const KIND_NOTE: Record<Column['kind'], string> = {
  numeric: 'numbers', categorical: 'labels, one-hot', date: 'date', index: 'row number', text: 'free text',
};

/**
 * The target <select> and one checkbox per column (data-testid feature-toggle, data-column = name).
 * The target itself and free-text columns cannot be ticked. Names are React text: shown literally.
 */
export function ColumnChoices({ table, target, features, onTarget, onFeatures }: ColumnChoicesProps) {
  const targetName = resolveTargetName(table, target) ?? '';
  const chosen = resolveFeatureNames(table, features, targetName);
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
          {targetCandidates(table).map((c) => <option key={c.name} value={c.name}>{targetLabel(c)}</option>)}
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
                checked={chosen.includes(c.name)}
                disabled={!usable}
                onChange={(e) => toggle(c.name, e.target.checked)}
              />
              <span className="column-name">{c.name}</span>
              <span className="column-kind">{isTarget ? 'target' : KIND_NOTE[c.kind]}</span>
            </label>
          );
        })}
      </fieldset>
    </>
  );
}
