import { memo, useState } from 'react';
import { VERDICT_LIMITS, type GradcheckReport, type GradcheckVerdict } from '../lab/gradcheckReport';
import type { LabController } from '../lab/controller';
import { Katex } from './Katex';
import './extras.css';

export interface GradientCheckPanelProps {
  /** The lab's controller: runs the check on the batch on screen. */
  controller: LabController;
  /** The session's version: a result older than the current version is marked as such. */
  version: number;
}

const CENTRAL_DIFFERENCE = '\\frac{\\partial L}{\\partial \\theta} \\approx \\frac{L(\\theta + \\varepsilon) - L(\\theta - \\varepsilon)}{2\\varepsilon}';
const RELATIVE_ERROR = '\\frac{\\lVert g_{\\text{backprop}} - g_{\\text{numeric}} \\rVert}{\\lVert g_{\\text{backprop}} \\rVert + \\lVert g_{\\text{numeric}} \\rVert}';
const VERDICT_TEXT: Record<GradcheckVerdict, string> = { excellent: '✓ excellent', fine: '✓ fine', suspicious: '⚠ suspicious' };

interface Checked {
  report: GradcheckReport;
  ms: number;
  version: number;
  where: string;
}

const error = (x: number) => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(1) : 'not a number');

/**
 * "Check gradients": compares backpropagation's dW[l] and db[l] on the batch on screen (its
 * parameters before the update) with central differences, per layer, with a verdict. Runs on a copy
 * of the network on as many columns of the batch as fit in about 60 ms. When the lab has diverged or
 * the weights have exploded it says so instead of giving verdicts (see gradcheckObstacle).
 */
export const GradientCheckPanel = memo(function GradientCheckPanel({ controller, version }: GradientCheckPanelProps) {
  const [checked, setChecked] = useState<Checked | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [obstacle, setObstacle] = useState<{ message: string; version: number } | null>(null);

  const check = () => {
    try {
      const outcome = controller.gradientCheck();
      if (!outcome) return;
      // Near divergence relative errors are floating-point noise, not a backprop bug: the controller says so instead.
      setObstacle(outcome.kind === 'obstacle' ? { message: outcome.message, version } : null);
      if (outcome.kind === 'obstacle') {
        setChecked(null);
        setFailure(null);
        return;
      }
      setChecked({ report: outcome.report, ms: outcome.ms, version, where: outcome.where });
      setFailure(null);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="panel extras gradcheck" aria-label="Gradient check">
      <h2>Gradient check</h2>
      <p className="extras-note">
        Is backpropagation right? Central differences estimate each derivative by nudging one parameter θ
        down and up by ε = 10⁻⁵ and watching the batch loss L:
        <Katex src={CENTRAL_DIFFERENCE} display className="gradcheck-formula" />
        Each layer’s dW and db are compared with these estimates by the relative error <Katex src={RELATIVE_ERROR} />.
      </p>
      <button type="button" className="small" data-testid="gradient-check" onClick={check}>Check gradients</button>
      {failure && <p className="alert" role="alert">{failure}</p>}
      {obstacle && (
        <p className="alert" role="alert" data-testid="gradient-check-exploded">
          {obstacle.message}
          {obstacle.version !== version && <span className="muted"> (The lab has moved on since: check again.)</span>}
        </p>
      )}
      {checked && <Result checked={checked} stale={checked.version !== version} />}
    </section>
  );
});

function Result({ checked, stale }: { checked: Checked; stale: boolean }) {
  const { report, ms, where } = checked;
  return (
    <div className="gradcheck-result" data-testid="gradient-check-result" data-max={report.max} data-verdict={report.verdict}>
      <table>
        <thead>
          <tr><th scope="col">layer</th><th scope="col">dW relative error</th><th scope="col">db relative error</th></tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.layer}>
              <th scope="row">{row.layer} <span className="muted">({row.shapeW[0]}×{row.shapeW[1]})</span></th>
              <td>{error(row.dW)} <Verdict verdict={row.dWVerdict} /></td>
              <td>{error(row.db)} <Verdict verdict={row.dbVerdict} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Largest relative error {error(report.max)}: <Verdict verdict={report.verdict} />.{' '}
        <span className="muted">
          Below {VERDICT_LIMITS.excellent.toExponential(0)} is excellent, below {VERDICT_LIMITS.fine.toExponential(0)} fine.
          Checked on {where}: {report.columns} of {report.batchSize} samples, {report.parameters} parameters
          {report.l2 > 0 ? `, λ = ${report.l2}` : ''}, in {ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms.
        </span>
      </p>
      {report.note && <p className="notice">{report.note}</p>}
      {stale && <p className="muted">The lab has moved on since this check: check again for the batch on screen.</p>}
    </div>
  );
}

function Verdict({ verdict }: { verdict: GradcheckVerdict }) {
  return <span className={`verdict verdict-${verdict}`}>{VERDICT_TEXT[verdict]}</span>;
}
