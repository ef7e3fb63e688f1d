import { memo } from 'react';
import type { Evaluation, EvaluationPoint } from '../lab/metrics';
import type { Task } from '../lab/settings';
import { formatPercent, formatValue } from './format';

/** Props of the metric readouts. */
export interface MetricsProps {
  latest: EvaluationPoint | null;
  task: Task;
  /** Loss of the batch on screen (null before the first batch). */
  batchLoss: number | null;
  onEvaluate(): void;
}

function quality(split: 'train' | 'test', evaluation: Evaluation | null, task: Task): string {
  if (task === 'regression') {
    return `${split} RMSE ${formatValue(evaluation?.rmse)} · R² ${formatValue(evaluation?.r2)}`;
  }
  return `${split} accuracy ${formatPercent(evaluation?.accuracy)}`;
}

function when(point: EvaluationPoint): string {
  if (point.kind === 'start') return 'before training';
  if (point.kind === 'epoch') return `after epoch ${point.epoch} (update ${point.update})`;
  return `now, at update ${point.update}`;
}

/**
 * Train and test loss and accuracy (RMSE in the target's units and R² for regression) from the latest
 * evaluation of the whole splits, which happens after every epoch and on demand.
 */
export const Metrics = memo(function Metrics({ latest, task, batchLoss, onEvaluate }: MetricsProps) {
  const train = latest?.train ?? null;
  const test = latest?.test ?? null;
  return (
    <section className="metrics" aria-label="Metrics">
      <div className="metric-grid">
        <span data-testid="batch-loss">batch loss {formatValue(batchLoss)}</span>
        <span data-testid="train-loss">train loss {formatValue(train?.loss)}</span>
        <span data-testid="train-accuracy">{quality('train', train, task)}</span>
        <span data-testid="test-loss">test loss {latest && !test ? 'no test split' : formatValue(test?.loss)}</span>
        <span data-testid="test-accuracy">{latest && !test ? `${task === 'regression' ? 'test RMSE' : 'test accuracy'} no test split` : quality('test', test, task)}</span>
      </div>
      <div className="metric-footer">
        <span className="muted" data-testid="metrics-when">{latest ? `Whole splits, ${when(latest)}` : ''}</span>
        <button type="button" className="small" data-testid="evaluate-now" onClick={onEvaluate}>Evaluate now</button>
      </div>
    </section>
  );
});
