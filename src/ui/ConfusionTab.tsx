import type { LabView } from '../lab/view';
import { ConfusionMatrix } from './ConfusionMatrix';
import { PredictedActual } from './viz/PredictedActual';

/** The latest evaluation's confusion matrices with the majority baseline (classification), or predicted against actual (regression). */
export function Confusion({ view }: { view: LabView }) {
  const latest = view.metrics.latest;
  if (!latest || !view.dataset) return null;
  if (view.dataset.task === 'regression') {
    return (
      <div className="confusion-row">
        {latest.train.predictions && <PredictedActual points={latest.train.predictions} split="train" />}
        {latest.test?.predictions && <PredictedActual points={latest.test.predictions} split="test" />}
      </div>
    );
  }
  const splits = [['train', latest.train], ['test', latest.test]] as const;
  return (
    <div className="confusion-row">
      {splits.map(([name, m]) => (m && m.confusion && m.baseline ? (
        <ConfusionMatrix key={name} split={name} classes={m.confusion.classes} counts={m.confusion.counts} baseline={m.baseline} accuracy={m.accuracy} />
      ) : null))}
    </div>
  );
}
