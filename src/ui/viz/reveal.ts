import type { Equation, Touch } from '../../trace';
import type { NodeValues } from './values';

/**
 * What the equations up to the current one have revealed of a step: every (kind, layer) they have
 * touched, or everything. Forward computes Z[l], A[l] for l = 1..L, then the loss; backward computes
 * dA, dZ, dW, db from l = L down to 1; the update phase reveals all, including the parameters after it.
 */
export interface Revealed {
  /** Every value is known (update phase, or no current equation: nothing stepped yet, or playing). */
  all: boolean;
  /** `${kind}:${layer}` of each touch of the equations 0..current. */
  touched: ReadonlySet<string>;
}

/** Everything revealed: what the diagram shows when no equation is current. */
export const REVEAL_ALL: Revealed = { all: true, touched: new Set() };

const key = (kind: Touch['kind'], layer: number) => `${kind}:${layer}`;

/**
 * What equations[0..index] have revealed. The touches of an equation are its operands and its result,
 * so their union is exactly what is known at that point (e.g. at forward-Z-1, z[1] but not a[1]).
 * index < 0 (no current equation) and any update-phase equation reveal everything.
 */
export function revealedUpTo(equations: readonly Equation[], index: number): Revealed {
  const current = equations[index];
  if (index < 0 || !current || current.phase === 'update') return REVEAL_ALL;
  const touched = new Set<string>();
  for (let k = 0; k <= index; k++) for (const t of equations[k].touches) touched.add(key(t.kind, t.layer));
  return { all: false, touched };
}

/** True when the value `kind` of layer l is known. */
export function isRevealed(revealed: Revealed, kind: Touch['kind'], layer: number): boolean {
  return revealed.all || revealed.touched.has(key(kind, layer));
}

/**
 * A neuron's values of column k with what is not yet revealed removed: inputs keep x (the data), and
 * every neuron keeps b (a parameter, known before the step); z, a, δ = dZ, ∂ℓ/∂a = dA and ∂L/∂b appear
 * once computed; b after the update only in the update phase.
 */
export function revealedNodeValues(values: NodeValues, k: number, revealed: Revealed): NodeValues {
  if (revealed.all || k === 0) return values;
  const has = (kind: Touch['kind']) => revealed.touched.has(key(kind, k));
  return {
    a: has('A') ? values.a : undefined,
    z: has('Z') ? values.z : undefined,
    delta: has('dZ') ? values.delta : undefined,
    dA: has('dA') ? values.dA : undefined,
    b: values.b,
    db: has('db') ? values.db : undefined,
  };
}
