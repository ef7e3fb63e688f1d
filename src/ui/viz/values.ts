import type { Matrix, StepRecord } from '../../nn';
import type { Equation, Touch } from '../../trace';
import { isRevealed, REVEAL_ALL, type Revealed } from './reveal';

/**
 * What the diagram shows: weights and activations (forward), gradients dW and δ = dZ (backward), or
 * the step W ← W − η·dW (update: edges coloured by the new W, as wide as the change; neurons the new b).
 */
export type DiagramMode = 'forward' | 'backward' | 'update';

/** The mode of the current equation's phase: backward, update, else forward. */
export function diagramMode(equation: Equation | null): DiagramMode {
  if (equation?.phase === 'update') return 'update';
  return equation?.phase === 'backward' ? 'backward' : 'forward';
}

/** Values of one neuron for the followed sample s (undefined where they do not apply, e.g. z of an input). */
export interface NodeValues {
  /** a = A^{[k]}_{i,s} (for inputs: the normalised x). */
  a?: number;
  z?: number;
  /** δ = dZ^{[k]}_{i,s}. */
  delta?: number;
  /** ∂ℓ/∂a = dA^{[k]}_{i,s}. */
  dA?: number;
  b?: number;
  db?: number;
  /** b after this step's update. */
  bAfter?: number;
}

/** The followed sample, clamped to the batch (0 when there is no record). */
export function clampSample(record: StepRecord | null, sampleIndex: number): number {
  if (!record || record.m === 0) return 0;
  return Math.min(record.m - 1, Math.max(0, Math.floor(sampleIndex)));
}

/** values[k][i] of every neuron for sample s (empty objects without a record). */
export function nodeValues(sizes: readonly number[], record: StepRecord | null, sampleIndex: number): NodeValues[][] {
  const s = clampSample(record, sampleIndex);
  const fits =
    record !== null &&
    record.layers.length === sizes.length - 1 &&
    record.A0.rows === sizes[0] &&
    record.layers.every((layer, k) => layer.A.rows === sizes[k + 1]);
  return sizes.map((n, k) =>
    Array.from({ length: n }, (_, i): NodeValues => {
      if (!fits) return {};
      if (k === 0) return { a: record.A0.get(i, s) };
      const layer = record.layers[k - 1];
      return {
        a: layer.A.get(i, s),
        z: layer.Z.get(i, s),
        delta: layer.dZ.get(i, s),
        dA: layer.dA.get(i, s),
        b: layer.b.get(i, 0),
        db: layer.db.get(i, 0),
        bAfter: layer.bAfter.get(i, 0),
      };
    }),
  );
}

/** The number a neuron shows: its activation (forward), its δ (backward) or its new bias (update); inputs only a. */
export function shownNodeValue(values: NodeValues, mode: DiagramMode): number | undefined {
  if (mode === 'forward') return values.a;
  return mode === 'backward' ? values.delta : values.bAfter;
}

/**
 * The values edges show, per layer l = 1..L as a flat array in W's row-major order: the weights
 * `params[l−1].W` (forward), the record's dW (backward) or its W after the update (update); null for
 * a layer whose shape does not fit or whose dW the backward pass has not reached yet (`revealed`).
 */
export function edgeValues(
  sizes: readonly number[],
  params: readonly { W: Matrix }[],
  record: StepRecord | null,
  mode: DiagramMode,
  revealed: Revealed = REVEAL_ALL,
): (Float64Array | null)[] {
  return sizes.slice(1).map((n, k) => {
    const backward = mode === 'backward';
    if (backward && !isRevealed(revealed, 'dW', k + 1)) return null;
    const M = backward ? record?.layers[k]?.dW : mode === 'update' ? record?.layers[k]?.WAfter : params[k]?.W;
    return M && M.rows === n && M.cols === sizes[k] ? M.data : null;
  });
}

/**
 * The change of every weight in this step, W_after − W (= −η·dW for plain SGD), per layer l = 1..L in
 * W's row-major order; null where the record does not fit. The update mode sizes edges by it.
 */
export function edgeChanges(sizes: readonly number[], record: StepRecord | null): (Float64Array | null)[] {
  return sizes.slice(1).map((n, k) => {
    const step = record?.layers[k];
    if (!step || step.W.rows !== n || step.W.cols !== sizes[k] || step.WAfter.data.length !== step.W.data.length) return null;
    const out = new Float64Array(step.W.data.length);
    for (let e = 0; e < out.length; e++) out[e] = step.WAfter.data[e] - step.W.data[e];
    return out;
  });
}

/** Which parts of the diagram an equation touches: neuron columns k and edge layers l. */
export interface Highlight {
  /** False when nothing is touched (no equation): nothing is dimmed. */
  active: boolean;
  nodeLayers: Set<number>;
  edgeLayers: Set<number>;
  loss: boolean;
}

/**
 * Touches → highlight: W and dW of layer l light the edges between columns l−1 and l; X (column 0),
 * b, db, Z, A, dA, dZ of layer l light the neurons of column l; 'loss' lights the output column and
 * the loss read-out.
 */
export function highlightOf(touches: readonly Touch[] | undefined): Highlight {
  const nodeLayers = new Set<number>();
  const edgeLayers = new Set<number>();
  let loss = false;
  for (const t of touches ?? []) {
    if (t.kind === 'W' || t.kind === 'dW') edgeLayers.add(t.layer);
    else {
      nodeLayers.add(t.kind === 'X' ? 0 : t.layer);
      if (t.kind === 'loss') loss = true;
    }
  }
  return { active: (touches?.length ?? 0) > 0, nodeLayers, edgeLayers, loss };
}
