import './viz/flow.css';

/**
 * Props of a confusion matrix: k class names, the k×k counts (counts[i][j] = samples of actual class i
 * predicted as class j), the split's name, its accuracy (from the lab's metrics) and the majority
 * baseline: the accuracy of always answering its most frequent class.
 */
export interface ConfusionMatrixProps {
  classes: readonly string[];
  counts: readonly (readonly number[])[];
  baseline: { fraction: number; className: string };
  /** e.g. "train" or "test". */
  split?: string;
  accuracy?: number | null;
}

const percent = (f: number) => (Number.isFinite(f) ? `${(100 * f).toFixed(1)}%` : '—');

/** Rows actual, columns predicted; the diagonal (right answers) in bold; the baseline written beside accuracy. */
export function ConfusionMatrix({ classes, counts, baseline, split = 'train', accuracy = null }: ConfusionMatrixProps) {
  const k = classes.length;
  const valid = counts.length === k && counts.every((row) => row.length === k);
  return (
    <div className="confusion-matrix" data-testid="confusion-matrix" data-split={split}>
      {valid ? (
        <table className="confusion">
          <caption>Confusion matrix ({split}): rows actual, columns predicted</caption>
          <thead>
            <tr>
              <th scope="col">actual \ predicted</th>
              {classes.map((c, j) => <th scope="col" key={j}>{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {counts.map((row, i) => (
              <tr key={i}>
                <th scope="row">{classes[i]}</th>
                {row.map((n, j) => (
                  <td key={j} className={i === j ? 'diagonal' : undefined} data-testid={`confusion-${i}-${j}`}>{n}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="confusion-baseline">No confusion matrix: {counts.length} rows for {k} classes.</p>
      )}
      <p className="confusion-baseline" data-testid="majority-baseline">
        {accuracy !== null && <>Accuracy {percent(accuracy)}; </>}
        baseline {percent(baseline.fraction)} = always “{baseline.className}”
      </p>
    </div>
  );
}
