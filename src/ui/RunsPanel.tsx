import { MAX_KEPT_RUNS, type RunDifferences } from '../lab/runs';
import { KEPT_STYLES } from './viz/LossChart';
import './viz/flow.css';

/**
 * Props of the kept-runs panel: the legend lines of the kept runs (describeDifferences, in kept
 * order, so run i has the chart's style i), what keeping does, and a note (e.g. which run was dropped).
 */
export interface RunsPanelProps {
  runs: readonly RunDifferences[];
  onKeep: () => void;
  onRemove: (id: string) => void;
  /** False before the first update (nothing to keep). */
  canKeep: boolean;
  note?: string | null;
}

/** "Keep this run" and the list of kept runs, each with what differed from now and a remove button. */
export function RunsPanel({ runs, onKeep, onRemove, canKeep, note }: RunsPanelProps) {
  const full = runs.length >= MAX_KEPT_RUNS;
  return (
    <section className="runs-panel" data-testid="runs-panel" aria-label="Kept runs">
      <div>
        <button type="button" data-testid="keep-run" onClick={onKeep} disabled={!canKeep}
          title={full ? `Keeps this run and drops the oldest (at most ${MAX_KEPT_RUNS})` : 'Pin this run’s curves so the next runs draw over them'}>
          Keep this run
        </button>
        {' '}<span className="runs-note">{runs.length} / {MAX_KEPT_RUNS} kept</span>
      </div>
      {note && <p className="runs-note" data-testid="runs-note" role="status">{note}</p>}
      {runs.length > 0 && (
        <ul data-testid="kept-runs">
          {runs.map((run, i) => {
            const style = KEPT_STYLES[i % KEPT_STYLES.length];
            return (
              <li key={run.id} data-testid="kept-run" data-run={run.id}>
                <svg width={24} height={6} aria-hidden="true"><line x1={0} x2={24} y1={3} y2={3} stroke={style.color} strokeWidth={2} strokeDasharray={style.dash} /></svg>
                <strong>{run.label}</strong>
                <span className="run-diff">{run.text}</span>
                <button type="button" className="small quiet" data-testid="remove-run" aria-label={`Remove ${run.label}`} onClick={() => onRemove(run.id)}>✕</button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
