/**
 * The chain rule of one weight: for w_jk^[l] (or b_j^[l]) of one step record, the batch sum that makes
 * dW[l][j][k], the followed sample's δ_j^[l] expanded back to the loss as a sum over paths, and the
 * optimiser's update of that one weight. Every number is read from the record; the sums written out
 * here are the explanation, and their totals are kept beside the record's entry so tests (and the
 * panel) can show that they agree. Indices j, k, i are 0-based in the data and 1-based on screen.
 */
import { activations, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MOMENTUM_BETA, type Matrix } from '../nn';
import { formatNumber, texText } from './format';
import type {
  ChainRuleExplanation, ChainRuleOptions, ChainRuleTarget, DeltaExpansion, DeltaPath, GradientSum, PathFactor, SumItem, SumTerm, WeightUpdate,
} from './chainRuleTypes';
import type { LayerStep, StepRecord } from './types';

export type {
  ChainRuleTarget, SumTerm, SumItem, GradientSum, PathFactorKind, PathFactor, DeltaPath, DeltaExpansion, WeightUpdate,
  ChainRuleExplanation, ChainRuleOptions,
} from './chainRuleTypes';

/** Sums of up to this many terms are written out whole. */
export const SUM_SHOW_ALL = 8;
/** A folded sum keeps this many first and last terms. */
export const SUM_HEAD = 3;
export const SUM_TAIL = 2;
/** Default number of paths shown. */
export const MAX_PATHS = 8;

const num = formatNumber;
/** A number as a factor: negative ones in parentheses. */
const factor = (x: number) => (x < 0 || Object.is(x, -0) ? `\\left(${num(x)}\\right)` : num(x));
const at = (M: Matrix, r: number, c: number) => M.data[r * M.cols + c];

function layerOf(record: StepRecord, l: number): LayerStep {
  const layer = record.layers[l - 1];
  if (!Number.isInteger(l) || !layer) throw new RangeError(`chain rule: layer ${l} is not in 1..${record.layers.length}`);
  return layer;
}

function checkTarget(record: StepRecord, t: ChainRuleTarget): LayerStep {
  const layer = layerOf(record, t.layer);
  const { rows, cols } = layer.W;
  if (!Number.isInteger(t.neuron) || t.neuron < 0 || t.neuron >= rows) throw new RangeError(`chain rule: neuron ${t.neuron} is not in 0..${rows - 1}`);
  if (t.source !== 'bias' && (!Number.isInteger(t.source) || t.source < 0 || t.source >= cols)) {
    throw new RangeError(`chain rule: source ${t.source} is not in 0..${cols - 1} or 'bias'`);
  }
  if (!Number.isInteger(t.sample) || t.sample < 0 || t.sample >= record.m) throw new RangeError(`chain rule: sample ${t.sample} is not in 0..${record.m - 1}`);
  return layer;
}

/** KaTeX of the parameter: w^{[l]}_{j,k} or b^{[l]}_{j} (1-based). */
export function parameterTex(t: Pick<ChainRuleTarget, 'layer' | 'neuron' | 'source'>): string {
  return t.source === 'bias' ? `b^{[${t.layer}]}_{${t.neuron + 1}}` : `w^{[${t.layer}]}_{${t.neuron + 1},${t.source + 1}}`;
}

const deltaTex = (l: number, j: number, i: string) => `\\delta^{[${l}](${i})}_{${j + 1}}`;
const aTex = (l: number, k: number, i: string) => `a^{[${l}](${i})}_{${k + 1}}`;

/** Which terms of 0..m−1 to show: all when m ≤ 8, else the first 3, the followed one, the last 2, with folds between. */
export function foldIndices(m: number, followed: number): (number | { from: number; to: number })[] {
  if (m <= SUM_SHOW_ALL) return Array.from({ length: m }, (_, i) => i);
  const keep = new Set<number>();
  for (let i = 0; i < SUM_HEAD; i++) keep.add(i);
  for (let i = m - SUM_TAIL; i < m; i++) keep.add(i);
  keep.add(followed);
  const out: (number | { from: number; to: number })[] = [];
  let gapStart = -1;
  for (let i = 0; i < m; i++) {
    if (keep.has(i)) {
      if (gapStart >= 0) out.push({ from: gapStart, to: i - 1 });
      gapStart = -1;
      out.push(i);
    } else if (gapStart < 0) gapStart = i;
  }
  return out;
}

/** ∂L/∂w_jk^[l] (or ∂L/∂b_j^[l]) as the batch sum of its m terms, from the record's dZ[l] and A[l−1]. */
export function gradientSum(record: StepRecord, target: ChainRuleTarget): GradientSum {
  const layer = checkTarget(record, target);
  const { layer: l, neuron: j, source: k, sample } = target;
  const { m } = record;
  const Aprev = l === 1 ? record.A0 : record.layers[l - 2].A;
  const term = (i: number): SumTerm => {
    const delta = at(layer.dZ, j, i);
    const a = k === 'bias' ? 1 : at(Aprev, k, i);
    return { sample: i, delta, a, product: delta * a, followed: i === sample };
  };
  let sumProducts = 0;
  for (let i = 0; i < m; i++) sumProducts += term(i).product;
  const items: SumItem[] = foldIndices(m, sample).map((x) => {
    if (typeof x === 'number') return { kind: 'term', term: term(x) };
    let s = 0;
    for (let i = x.from; i <= x.to; i++) s += term(i).product;
    return { kind: 'more', count: x.to - x.from + 1, sum: s };
  });
  const lambda = record.options.l2;
  const weight = k === 'bias' ? 0 : at(layer.W, j, k);
  const l2 = lambda > 0 && k !== 'bias' ? { lambda, weight, value: (lambda / m) * weight } : null;
  const dataPart = sumProducts / m;
  const recorded = k === 'bias' ? at(layer.db, j, 0) : at(layer.dW, j, k);

  const p = parameterTex(target);
  const aSym = (i: string) => (k === 'bias' ? '' : `\\, ${aTex(l - 1, k, i)}`);
  const symbolicTex =
    `\\frac{\\partial L}{\\partial ${p}} = \\frac{1}{m} \\sum_{i=1}^{m} ${deltaTex(l, j, 'i')}${aSym('i')}` +
    (l2 ? ` + \\frac{\\lambda}{m}\\, ${p}` : '');
  const shown = items.map((item) => {
    if (item.kind === 'more') return `\\underbrace{\\cdots}_{\\text{${item.count} more}}`;
    const t = item.term;
    const body = k === 'bias' ? factor(t.delta) : `${factor(t.delta)}\\cdot ${factor(t.a)}`;
    return t.followed ? `\\boxed{${body}}` : body;
  });
  const numericTex =
    // \big( rather than \left(: inline KaTeX may then break the line between the terms.
    `= \\frac{1}{${m}}\\cdot\\big(${shown.join(' + ')}\\big)` +
    (l2 ? ` + \\frac{${num(lambda)}}{${m}}\\cdot ${factor(weight)}` : '') +
    (l2 ? ` = ${num(dataPart)} + ${factor(l2.value)}` : '') + ` = ${num(recorded)}`;
  return { m, items, dataPart, l2, total: dataPart + (l2?.value ?? 0), recorded, symbolicTex, numericTex };
}

/** A suffix of a path from a neuron to the loss, shared between the partial paths that extend it. */
interface Suffix {
  value: number;
  /** Factors this step adds (closest to the loss first). */
  factors: PathFactor[];
  next: Suffix | null;
}

/** The k entries of `candidates` with the largest |value|. */
function topByMagnitude(candidates: Suffix[], k: number): Suffix[] {
  return candidates.sort((x, y) => Math.abs(y.value) - Math.abs(x.value)).slice(0, k);
}

/** The note and the terminal factors (the output layer's δ_p^[L], per output reached) of the record's output and loss. */
function outputTerminals(record: StepRecord, i: number): { note: string; terminals: (p: number) => Suffix[]; width: number } {
  const L = record.layers.length;
  const out = record.layers[L - 1];
  const n = out.A.rows;
  const aL = (p: number) => `a^{[${L}]}_{${p + 1}}`;
  if (record.simplifiedOutputError) {
    const name = record.output === 'softmax' ? 'a softmax output and categorical cross-entropy' : 'a sigmoid output and binary cross-entropy';
    return {
      note: `With ${name}, ∂ℓ/∂a · g′(z) of the output simplifies to a − y: the first factor of every path is (a − y).`,
      width: 1,
      terminals: (p) => {
        const value = at(out.A, p, i) - at(record.Y, p, i);
        return [{ value, factors: [{ kind: 'outputError', layer: L, tex: `\\left(${aL(p)} - y_{${p + 1}}\\right)`, value }], next: null }];
      },
    };
  }
  const dLoss = (p: number): PathFactor => ({
    kind: 'lossDerivative', layer: L, tex: `\\frac{\\partial \\ell}{\\partial ${aL(p)}}`, value: at(out.dA, p, i),
  });
  if (record.output === 'softmax') {
    return {
      note: 'Softmax mixes the outputs: ∂a_q/∂z_p = a_q(𝟙[q = p] − a_p), so every path goes through each output q, with ∂ℓ/∂a_q first.',
      width: n,
      terminals: (p) => {
        const ap = at(out.A, p, i);
        return Array.from({ length: n }, (_, q) => {
          const aq = at(out.A, q, i);
          const jac: PathFactor = {
            kind: 'softmaxJacobian', layer: L, tex: `\\frac{\\partial ${aL(q)}}{\\partial z^{[${L}]}_{${p + 1}}}`, value: aq * ((q === p ? 1 : 0) - ap),
          };
          const d = dLoss(q);
          return { value: d.value * jac.value, factors: [d, jac], next: null };
        });
      },
    };
  }
  const g = activations[out.activation];
  return {
    note: `With ${record.lossName} and a ${out.activation} output, each path starts with ∂ℓ/∂a^[${L}] (= a − y for mse) times g′(z^[${L}]).`,
    width: 1,
    terminals: (p) => {
      const d = dLoss(p);
      const gp: PathFactor = { kind: 'activationDerivative', layer: L, tex: `g'\\!\\left(z^{[${L}]}_{${p + 1}}\\right)`, value: g.derivative(at(out.Z, p, i), at(out.A, p, i)) };
      return [{ value: d.value * gp.value, factors: [d, gp], next: null }];
    },
  };
}

function pathTex(factors: PathFactor[], product: number): string {
  const symbols = factors.map((f) => f.tex).join('\\,');
  if (factors.length === 1) return `${symbols} = ${num(product)}`;
  return `${symbols} = ${factors.map((f) => factor(f.value)).join('\\cdot ')} = ${num(product)}`;
}

/**
 * δ_j^[l](i) of the followed sample as Σ over paths of products of local derivatives, loss first:
 * ∂ℓ/∂a^[L]·g′(z^[L])·w^[L]·g′(z^[L−1])·…·w^[l+1]·g′(z^[l]). The `maxPaths` largest by |product| are
 * kept by a beam over the layers (exact: a path's |product| is the product of its factors' sizes),
 * the others are one term, and the total of all paths comes from sums layer by layer.
 */
export function expandDelta(record: StepRecord, layer: number, neuron: number, sample: number, maxPaths = MAX_PATHS): DeltaExpansion {
  checkTarget(record, { layer, neuron, source: 'bias', sample });
  const L = record.layers.length;
  const i = sample;
  const { note, terminals, width } = outputTerminals(record, i);
  const nL = record.layers[L - 1].A.rows;
  // best[p]: the top paths from neuron p of layer q to the loss; sum[p]: Σ of all of them.
  let best: Suffix[][] = Array.from({ length: nL }, (_, p) => topByMagnitude(terminals(p), maxPaths));
  let sum: number[] = Array.from({ length: nL }, (_, p) => terminals(p).reduce((s, t) => s + t.value, 0));
  let pathCount = width;
  for (let q = L - 1; q >= layer; q--) {
    const here = record.layers[q - 1];
    const up = record.layers[q];
    const g = activations[here.activation];
    const n = here.A.rows;
    const nextBest: Suffix[][] = [];
    const nextSum: number[] = [];
    for (let p = 0; p < n; p++) {
      const gPrime = g.derivative(at(here.Z, p, i), at(here.A, p, i));
      const gp: PathFactor = { kind: 'activationDerivative', layer: q, tex: `g'\\!\\left(z^{[${q}]}_{${p + 1}}\\right)`, value: gPrime };
      const candidates: Suffix[] = [];
      let s = 0;
      for (let r = 0; r < up.W.rows; r++) {
        const w = at(up.W, r, p);
        const wf: PathFactor = { kind: 'weight', layer: q + 1, tex: `w^{[${q + 1}]}_{${r + 1},${p + 1}}`, value: w };
        s += w * sum[r];
        for (const tail of best[r]) candidates.push({ value: tail.value * w * gPrime, factors: [wf, gp], next: tail });
      }
      nextBest.push(topByMagnitude(candidates, maxPaths));
      nextSum.push(gPrime * s);
    }
    pathCount *= up.W.rows;
    best = nextBest;
    sum = nextSum;
  }
  const paths: DeltaPath[] = best[neuron].map((s) => {
    const chain: PathFactor[][] = [];
    for (let x: Suffix | null = s; x; x = x.next) chain.unshift(x.factors);
    const factors = chain.flat();
    return { factors, product: s.value, tex: pathTex(factors, s.value) };
  });
  const total = sum[neuron];
  const shownSum = paths.reduce((acc, p) => acc + p.product, 0);
  const rest = pathCount > paths.length ? { count: pathCount - paths.length, value: total - shownSum } : null;
  const recorded = at(record.layers[layer - 1].dZ, neuron, i);
  const terms = paths.map((p) => factor(p.product));
  if (rest) terms.push(`\\underbrace{${factor(rest.value)}}_{\\text{${rest.count} other paths}}`);
  const lhs = deltaTex(layer, neuron, String(i + 1));
  const tex = terms.length === 1 ? `${lhs} = ${num(recorded)}` : `${lhs} = ${terms.join(' + ')} = ${num(recorded)}`;
  return { layer, neuron, sample, pathCount, paths, rest, sum: total, recorded, note, tex };
}

/** The state entry of the record, or an error naming what is missing. */
function stateAt(M: Matrix | undefined, what: string, r: number, c: number): number {
  if (!M) throw new Error(`chain rule: the record has no ${what} for this optimiser`);
  return at(M, r, c);
}

/** The update of the one parameter by the record's optimiser, in its own terms, L2 included. */
export function weightUpdate(record: StepRecord, target: ChainRuleTarget): WeightUpdate {
  const layer = checkTarget(record, target);
  const { neuron: j, source: k } = target;
  const bias = k === 'bias';
  const c = bias ? 0 : k;
  const before = at(bias ? layer.b : layer.W, j, c);
  const gradient = at(bias ? layer.db : layer.dW, j, c);
  const recorded = at(bias ? layer.bAfter : layer.WAfter, j, c);
  const { learningRate: eta, l2: lambda } = record.options;
  const { m, t } = record;
  const l2 = lambda > 0 && !bias ? { lambda, m, value: (lambda / m) * before } : null;
  const p = parameterTex(target);
  const g = `\\frac{\\partial L}{\\partial ${p}}`;
  const gradLine = l2
    ? `${g} = ${num(gradient - l2.value)} + \\frac{${num(lambda)}}{${m}}\\cdot ${factor(before)} = ${num(gradient)} \\quad\\text{(L2 term included)}`
    : `${g} = ${num(gradient)}`;
  const P = bias ? 'b' : 'W';
  const name = record.options.optimizer;
  if (name === 'sgd') {
    const after = before - eta * gradient;
    return {
      optimizer: 'sgd', eta, before, gradient, l2, after, recorded,
      lines: [gradLine, `${p} \\leftarrow ${p} - \\eta\\, ${g} = ${num(before)} - ${num(eta)}\\cdot ${factor(gradient)} = ${num(recorded)}`],
    };
  }
  if (name === 'momentum') {
    const velocity = stateAt(bias ? layer.velocityB : layer.velocityW, `V_d${P}`, j, c);
    const velocityPrev = t <= 1 ? 0 : (velocity - gradient) / MOMENTUM_BETA;
    const after = before - eta * velocity;
    return {
      optimizer: 'momentum', eta, before, gradient, l2, after, recorded, beta: MOMENTUM_BETA, velocityPrev, velocity,
      lines: [
        gradLine,
        `v \\leftarrow \\beta v + ${g} = ${num(MOMENTUM_BETA)}\\cdot ${factor(velocityPrev)} + ${factor(gradient)} = ${num(velocity)}`,
        `${p} \\leftarrow ${p} - \\eta\\, v = ${num(before)} - ${num(eta)}\\cdot ${factor(velocity)} = ${num(recorded)}`,
      ],
    };
  }
  const moment = stateAt(bias ? layer.momentB : layer.momentW, `M_d${P}`, j, c);
  const second = stateAt(bias ? layer.secondB : layer.secondW, `S_d${P}`, j, c);
  const momentPrev = t <= 1 ? 0 : (moment - (1 - ADAM_BETA1) * gradient) / ADAM_BETA1;
  const secondPrev = t <= 1 ? 0 : (second - (1 - ADAM_BETA2) * gradient * gradient) / ADAM_BETA2;
  const momentHat = moment / (1 - ADAM_BETA1 ** t);
  const secondHat = second / (1 - ADAM_BETA2 ** t);
  const after = before - (eta * momentHat) / (Math.sqrt(secondHat) + ADAM_EPSILON);
  return {
    optimizer: 'adam', eta, before, gradient, l2, after, recorded,
    beta1: ADAM_BETA1, beta2: ADAM_BETA2, epsilon: ADAM_EPSILON, t, momentPrev, secondPrev, moment, second, momentHat, secondHat,
    lines: [
      gradLine,
      `m \\leftarrow \\beta_1 m + (1-\\beta_1)\\, ${g} = ${num(ADAM_BETA1)}\\cdot ${factor(momentPrev)} + ${num(1 - ADAM_BETA1)}\\cdot ${factor(gradient)} = ${num(moment)}`,
      `s \\leftarrow \\beta_2 s + (1-\\beta_2) \\left(${g}\\right)^2 = ${num(ADAM_BETA2)}\\cdot ${num(secondPrev)} + ${num(1 - ADAM_BETA2)}\\cdot \\left(${num(gradient)}\\right)^2 = ${num(second)}`,
      `\\hat m = \\frac{m}{1-\\beta_1^{${t}}} = ${num(momentHat)}, \\quad \\hat s = \\frac{s}{1-\\beta_2^{${t}}} = ${num(secondHat)}`,
      `${p} \\leftarrow ${p} - \\eta\\,\\frac{\\hat m}{\\sqrt{\\hat s} + \\varepsilon} = ${num(before)} - ${num(eta)}\\cdot\\frac{${factor(momentHat)}}{\\sqrt{${num(secondHat)}} + ${num(ADAM_EPSILON)}} = ${num(recorded)}`,
    ],
  };
}

/** The plain-text label of the parameter, with the input's name (user text) for layer 1. */
function labelOf(target: ChainRuleTarget, featureNames: string[] | undefined): string {
  const { layer: l, neuron: j, source: k } = target;
  if (k === 'bias') return `bias b${j + 1} of layer ${l} (neuron ${j + 1})`;
  const from = l === 1 ? `input ${k + 1}${featureNames?.[k] ? ` “${featureNames[k]}”` : ''}` : `neuron ${k + 1} of layer ${l - 1}`;
  return `weight w${j + 1},${k + 1} of layer ${l}: from ${from} to neuron ${j + 1}`;
}

/**
 * The three parts for one parameter of the record: its batch sum, the followed sample's δ as paths,
 * and its update. Throws a RangeError when the target is not in the record.
 */
export function explainWeight(record: StepRecord, target: ChainRuleTarget, options: ChainRuleOptions = {}): ChainRuleExplanation {
  const sum = gradientSum(record, target);
  const name = target.layer === 1 && target.source !== 'bias' ? options.featureNames?.[target.source] : undefined;
  const symbolTex = parameterTex(target) + (name ? `\\ \\left(${texText(name)}\\right)` : '');
  return {
    target,
    label: labelOf(target, options.featureNames),
    symbolTex,
    sum,
    delta: expandDelta(record, target.layer, target.neuron, target.sample, options.maxPaths ?? MAX_PATHS),
    update: weightUpdate(record, target),
  };
}
