/** The data of the chain rule of one weight (see chainRule.ts): targets, sums, paths and updates. */

/** The parameter to explain: w_jk^[layer] (source = k) or b_j^[layer] (source = 'bias'), for the followed sample. */
export interface ChainRuleTarget {
  /** l, 1-based. */
  layer: number;
  /** j, 0-based row of W^[l]. */
  neuron: number;
  /** k, 0-based column of W^[l], or 'bias' for b_j. */
  source: number | 'bias';
  /** i, 0-based column of the batch: the followed sample. */
  sample: number;
}

/** One term δ_j^[l](i)·a_k^[l−1](i) of the batch sum (a = 1 for a bias). */
export interface SumTerm {
  sample: number;
  delta: number;
  a: number;
  product: number;
  followed: boolean;
}

/** A shown term, or a fold standing for `count` hidden terms whose products add up to `sum`. */
export type SumItem = { kind: 'term'; term: SumTerm } | { kind: 'more'; count: number; sum: number };

/** ∂L/∂w_jk^[l] = (1/m)·Σᵢ δ_j(i)·a_k(i) + (λ/m)·w_jk, written out for this batch. */
export interface GradientSum {
  m: number;
  /** The m terms, folded when m > SUM_SHOW_ALL: first, followed, last and "… n more". */
  items: SumItem[];
  /** (1/m)·Σᵢ δ·a. */
  dataPart: number;
  /** The L2 term (λ/m)·w when λ > 0 and the parameter is a weight. */
  l2: { lambda: number; weight: number; value: number } | null;
  /** dataPart + L2 value: what the written sum comes to. */
  total: number;
  /** The record's dW[l][j][k] (or db[l][j]). */
  recorded: number;
  /** KaTeX: the symbolic sum, then its numbers. */
  symbolicTex: string;
  numericTex: string;
}

/** What a factor of a path is. outputError is a − y (sigmoid+bce, softmax+cce). */
export type PathFactorKind = 'outputError' | 'lossDerivative' | 'activationDerivative' | 'softmaxJacobian' | 'weight';

/** One local derivative on a path, with its KaTeX symbol and its number. */
export interface PathFactor {
  kind: PathFactorKind;
  layer: number;
  tex: string;
  value: number;
}

/** One path from the loss back to neuron j: its factors in the order of the chain rule (loss first) and their product. */
export interface DeltaPath {
  factors: PathFactor[];
  product: number;
  /** KaTeX: symbols = numbers = product. */
  tex: string;
}

/** δ_j^[l](i) for the followed sample as a sum over the paths from the loss to neuron j. */
export interface DeltaExpansion {
  layer: number;
  neuron: number;
  sample: number;
  /** How many paths there are in all (Π of the widths after layer l, times n_L for softmax + mse). */
  pathCount: number;
  /** The largest paths by |product| (all of them when there are few). */
  paths: DeltaPath[];
  /** The other paths as one term: value = sum − Σ shown, so the written sum is exact. */
  rest: { count: number; value: number } | null;
  /** Σ over all paths (computed layer by layer, without enumerating them). */
  sum: number;
  /** The record's dZ[l][j][i]. */
  recorded: number;
  /** What the first factor is and why, in words. */
  note: string;
  /** KaTeX: δ = path₁ + path₂ + … + other paths = value. */
  tex: string;
}

/** The optimiser's update of the one parameter, with its numbers; `after` is computed, `recorded` is WAfter (bAfter). */
export type WeightUpdate = {
  eta: number;
  before: number;
  /** dW entry (incl. the L2 term) or db entry. */
  gradient: number;
  /** The L2 part of the gradient, (λ/m)·w, or null. */
  l2: { lambda: number; m: number; value: number } | null;
  after: number;
  recorded: number;
  /** KaTeX lines, in order (state updates first, then the parameter). */
  lines: string[];
} & (
  | { optimizer: 'sgd' }
  | { optimizer: 'momentum'; beta: number; velocityPrev: number; velocity: number }
  | {
      optimizer: 'adam'; beta1: number; beta2: number; epsilon: number; t: number;
      momentPrev: number; secondPrev: number; moment: number; second: number; momentHat: number; secondHat: number;
    }
);

/** All three parts for one parameter. */
export interface ChainRuleExplanation {
  target: ChainRuleTarget;
  /** Plain text, e.g. "w₍2,3₎ of layer 1: from input “Light” to neuron 2" (user text unescaped: React escapes it). */
  label: string;
  /** KaTeX of the parameter, e.g. w^{[1]}_{2,3}. */
  symbolTex: string;
  sum: GradientSum;
  delta: DeltaExpansion;
  update: WeightUpdate;
}

/** Options of explainWeight. */
export interface ChainRuleOptions {
  /** Input feature names (user text) for the label and the sum's a^[0] (= x). */
  featureNames?: string[];
  /** Most paths to show (default 8). */
  maxPaths?: number;
}
