import type { Matrix } from '../nn';
import { columnOf, makeEquation, operand } from './equation';
import { formatNumber, texText } from './format';
import { shapeOf, visibleIndices } from './matrixTex';
import type { Equation, StepRecord, TraceContext } from './types';

/**
 * The normalisation of this batch, once: z-score A^{[0]} = (X_raw − μ) / σ or min–max
 * (X_raw − x_min) / (x_max − x_min), per feature row (n0 × m). The statistics table labels each row
 * with its feature name, escaped inside \text{…}. Null when the kind is 'none' or there is no raw batch.
 */
export function normalizeEquation(
  record: StepRecord,
  context: TraceContext,
  snap: (M: Matrix) => Matrix,
): Equation | null {
  const norm = context.normalization;
  if (!norm || norm.kind === 'none' || !context.rawBatch) return null;
  const raw = snap(context.rawBatch);
  const X = snap(record.A0);
  const n0 = X.rows;
  const rows = Array.from({ length: n0 }, (_, i) => norm.stats[i]);
  const name = (i: number) => context.featureNames[i] ?? rows[i]?.name ?? `x${i + 1}`;
  const stat = (i: number, key: 'mean' | 'std' | 'min' | 'max') => rows[i]?.[key] ?? Number.NaN;
  const zscore = norm.kind === 'zscore';
  const [first, second]: ['mean' | 'min', 'std' | 'max'] = zscore ? ['mean', 'std'] : ['min', 'max'];
  const firstCol = columnOf(rows.map((_, i) => stat(i, first)));
  const secondCol = columnOf(rows.map((_, i) => stat(i, second)));
  const [firstTex, secondTex] = zscore ? ['\\mu', '\\sigma'] : ['x_{\\min}', 'x_{\\max}'];
  const rawTex = 'X_{\\text{raw}}';

  const table = (full: boolean) => {
    const lines = visibleIndices(n0, full).map((i) =>
      i === null
        ? '\\vdots & \\vdots & \\vdots'
        : `${texText(name(i))} & ${formatNumber(firstCol.data[i])} & ${formatNumber(secondCol.data[i])}`,
    );
    return `\\begin{array}{l|r|r} & ${firstTex} & ${secondTex} \\\\ \\hline ${lines.join(' \\\\ ')} \\end{array}`;
  };
  const fraction = (top: string) =>
    zscore ? `\\dfrac{${top} - \\mu}{\\sigma}` : `\\dfrac{${top} - x_{\\min}}{x_{\\max} - x_{\\min}}`;
  const col = shapeOf(firstCol);

  return makeEquation({
    id: 'normalize-X',
    phase: 'normalize',
    layer: 0,
    symbolic: `A^{[0]} = X = ${fraction(rawTex)}`,
    shapes: zscore
      ? `\\dfrac{${shapeOf(raw)} - ${col}}{${col}} \\to ${shapeOf(X)}`
      : `\\dfrac{${shapeOf(raw)} - ${col}}{${col} - ${col}} \\to ${shapeOf(X)}`,
    shapesNote:
      `${zscore ? 'μ and σ' : 'x_min and x_max'} hold one number per feature (a row); each is applied to ` +
      `every one of the m = ${X.cols} columns (broadcast). The same statistics are used for every batch` +
      (zscore ? '; they were fitted on the training rows, σ being the population standard deviation (it divides by n, not n − 1).' : ', fitted on the training rows.'),
    m: record.m,
    operands: [
      operand(rawTex, raw, 'Xraw', 0, 'perSample'),
      operand(firstTex, firstCol, zscore ? 'mu' : 'xmin', 0, 'scalar'),
      operand(secondTex, secondCol, zscore ? 'sigma' : 'xmax', 0, 'scalar'),
      operand('A^{[0]}', X, 'X', 0, 'perSample'),
    ],
    touches: [{ kind: 'X', layer: 0 }],
    numbers: (pen) => {
      pen.table();
      return `${table(pen.full)} \\qquad ${fraction(pen(raw))} = ${pen(X)}`;
    },
  });
}
