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
  /** λ in force: when > 0 the whole-split losses are said to be the data loss, without the L2 term. */
  l2?: number;
}

/** Label and value of the quality readout: accuracy, or RMSE and R² for regression. */
function quality(split: 'train' | 'test', evaluation: Evaluation | null, task: Task): [string, string] {
  if (task === 'regression') return [`${split} RMSE`, `${formatValue(evaluation?.rmse)} · R² ${formatValue(evaluation?.r2)}`];
  return [`${split} accuracy`, formatPercent(evaluation?.accuracy)];
}

function when(point: EvaluationPoint): string {
  if (point.kind === 'start') return 'before training';
  if (point.kind === 'epoch') return `after epoch ${point.epoch} (update ${point.update})`;
  return `now, at update ${point.update}`;
}

/** One readout: a small label over a large value; its text reads "label value" (what tests and screen readers get). */
function Readout({ testId, label, value, kind }: { testId: string; label: string; value: string; kind?: string }) {
  return (
    <span className={`metric${kind ? ` ${kind}` : ''}`} data-testid={testId}>
      <span className="metric-label">{label}</span> <span className="metric-value">{value}</span>
    </span>
  );
}

/**
 * Train and test loss and accuracy (RMSE in the target's units and R² for regression) from the latest
 * evaluation of the whole splits, which happens after every epoch and on demand; and the loss of the
 * batch on screen.
 */
export const Metrics = memo(function Metrics({ latest, task, batchLoss, onEvaluate, l2 = 0 }: MetricsProps) {
  const train = latest?.train ?? null;
  const test = latest?.test ?? null;
  const noTest = latest !== null && !test;
  const [trainLabel, trainValue] = quality('train', train, task);
  const [testLabel, testValue] = quality('test', test, task);
  return (
    <section className="metrics" aria-label="Metrics">
      <div className="metric-grid">
        <Readout testId="batch-loss" label="batch loss" value={formatValue(batchLoss)} kind="batch" />
        <Readout testId="train-loss" label="train loss" value={formatValue(train?.loss)} kind="train" />
        <Readout testId="train-accuracy" label={trainLabel} value={trainValue} kind="train" />
        <Readout testId="test-loss" label="test loss" value={noTest ? 'no test split' : formatValue(test?.loss)} kind="test" />
        <Readout testId="test-accuracy" label={testLabel} value={noTest ? 'no test split' : testValue} kind="test" />
      </div>
      <div className="metric-footer">
        <span className="muted" data-testid="metrics-when">
          {latest ? `Whole splits, ${when(latest)}` : ''}
          {l2 > 0 && <span data-testid="data-loss-note">; train and test loss are the data loss, without the L2 term (the batch loss includes it)</span>}
        </span>
        <button type="button" className="small" data-testid="evaluate-now" onClick={onEvaluate}>Evaluate now</button>
      </div>
    </section>
  );
});
