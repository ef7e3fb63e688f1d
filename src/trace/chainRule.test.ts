import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { cloneStepRecord, createNetwork, Matrix, trainStep, type ActivationName, type LossName, type OptimizerName, type StepRecord } from '../nn';
import { explainWeight, expandDelta, foldIndices, gradientSum, weightUpdate, type ChainRuleTarget, type DeltaPath } from './chainRule';

/** |a − b| ≤ 1e-12 relative, with an absolute floor of 1e-15 for values that are (nearly) 0. */
function expectClose(actual: number, expected: number, what: string): void {
  const tolerance = 1e-12 * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-15;
  if (!(Math.abs(actual - expected) <= tolerance)) throw new Error(`${what}: ${actual} ≠ ${expected} (tolerance ${tolerance})`);
}

/** A deterministic batch of n0 features × m samples and targets that suit the output. */
function batch(n0: number, nL: number, m: number, output: ActivationName): { X: Matrix; Y: Matrix } {
  const X = new Matrix(n0, m);
  for (let k = 0; k < X.data.length; k++) X.data[k] = Math.sin(1.37 * k + 0.4) * 1.8;
  const Y = new Matrix(nL, m);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < nL; p++) {
      const v = output === 'softmax' ? (p === i % nL ? 1 : 0) : output === 'sigmoid' ? (i % 2) : Math.cos(i + p) * 2;
      Y.set(p, i, v);
    }
  }
  return { X, Y };
}

/** The record of the `steps`-th trainStep of a real engine network (earlier steps on the same batch fill the optimiser state). */
function recordOf(opts: { hidden: ActivationName; output: ActivationName; loss: LossName; m: number; optimizer?: OptimizerName; l2?: number; steps?: number; sizes?: number[] }): StepRecord {
  const nL = opts.output === 'softmax' ? 3 : 1;
  const sizes = opts.sizes ?? [3, 4, 3, nL];
  const net = createNetwork({ sizes, hidden: opts.hidden, output: opts.output, loss: opts.loss, seed: 11 });
  const { X, Y } = batch(sizes[0], sizes[sizes.length - 1], opts.m, opts.output);
  let record: StepRecord | null = null;
  for (let s = 0; s < (opts.steps ?? 1); s++) record = trainStep(net, X, Y, { learningRate: 0.3, optimizer: opts.optimizer, l2: opts.l2 });
  return cloneStepRecord(record!);
}

const pairings: [ActivationName, LossName][] = [['sigmoid', 'bce'], ['sigmoid', 'mse'], ['softmax', 'cce'], ['softmax', 'mse'], ['linear', 'mse'], ['tanh', 'mse']];
const hiddens: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear'];

/** Every target of the record: each layer, neuron, source (with the bias) and sample. */
function* targets(record: StepRecord): Generator<ChainRuleTarget> {
  for (const layer of record.layers) {
    for (let j = 0; j < layer.W.rows; j++) {
      for (const source of [...Array.from({ length: layer.W.cols }, (_, k) => k), 'bias' as const]) {
        for (let sample = 0; sample < record.m; sample++) yield { layer: layer.l, neuron: j, source, sample };
      }
    }
  }
}

const productOf = (p: DeltaPath) => p.factors.reduce((x, f) => x * f.value, 1);

describe('chain rule on real engine records, every activation × (output, loss)', () => {
  for (const hidden of hiddens) {
    for (const [output, loss] of pairings) {
      for (const m of [1, 7]) {
        it(`${hidden} hidden, ${output} + ${loss}, m = ${m}: the sum is dW / db and the paths add up to dZ`, () => {
          const record = recordOf({ hidden, output, loss, m, l2: 0.05 });
          for (const target of targets(record)) {
            const { layer: l, neuron: j, source: k, sample: i } = target;
            const step = record.layers[l - 1];
            const sum = gradientSum(record, target);
            const where = `${hidden}/${output}/${loss} l=${l} j=${j} k=${k} i=${i}`;
            expectClose(sum.total, k === 'bias' ? step.db.get(j, 0) : step.dW.get(j, k), `sum ${where}`);
            expect(sum.recorded).toBe(k === 'bias' ? step.db.get(j, 0) : step.dW.get(j, k));
            if (k !== 'bias') continue; // δ does not depend on the source: expand it once per neuron and sample
            const delta = expandDelta(record, l, j, i);
            expectClose(delta.sum, step.dZ.get(j, i), `δ ${where}`);
            const shown = delta.paths.reduce((s, p) => s + p.product, 0) + (delta.rest?.value ?? 0);
            expectClose(shown, step.dZ.get(j, i), `shown paths ${where}`);
            for (const p of delta.paths) expectClose(p.product, productOf(p), `path product ${where}`);
          }
        });
      }
    }
  }

  it('when every path is shown, the paths alone add up to dZ (no fold)', () => {
    for (const [output, loss] of pairings) {
      const record = recordOf({ hidden: 'tanh', output, loss, m: 7 });
      for (let l = 1; l <= 3; l++) {
        for (let j = 0; j < record.layers[l - 1].W.rows; j++) {
          const d = expandDelta(record, l, j, 3, 10_000);
          expect(d.rest).toBeNull();
          expect(d.paths).toHaveLength(d.pathCount);
          expectClose(d.paths.reduce((s, p) => s + productOf(p), 0), record.layers[l - 1].dZ.get(j, 3), `${output}/${loss} l=${l} j=${j}`);
        }
      }
    }
  });
});

describe('paths', () => {
  it('the beam keeps exactly the largest paths of a full enumeration', () => {
    const record = recordOf({ hidden: 'sigmoid', output: 'softmax', loss: 'mse', m: 4, sizes: [2, 6, 5, 4, 3] });
    const all = expandDelta(record, 1, 2, 1, 1e6);
    expect(all.pathCount).toBe(5 * 4 * 3 * 3);
    expect(all.paths).toHaveLength(all.pathCount);
    const top = expandDelta(record, 1, 2, 1, 8);
    expect(top.paths).toHaveLength(8);
    expect(top.rest?.count).toBe(all.pathCount - 8);
    const largest = all.paths.map((p) => Math.abs(p.product)).sort((a, b) => b - a).slice(0, 8);
    expect(top.paths.map((p) => Math.abs(p.product))).toEqual(largest);
  });

  it('sigmoid + bce and softmax + cce start every path with (a − y) from the record', () => {
    for (const [output, loss] of [['sigmoid', 'bce'], ['softmax', 'cce']] as const) {
      const record = recordOf({ hidden: 'tanh', output, loss, m: 5 });
      const L = record.layers.length;
      const d = expandDelta(record, 2, 1, 4);
      expect(d.note).toContain('a − y');
      for (const path of d.paths) {
        const first = path.factors[0];
        expect(first.kind).toBe('outputError');
        const q = Number(/a\^\{\[\d\]\}_\{(\d+)\}/.exec(first.tex)![1]) - 1;
        expect(first.value).toBe(record.layers[L - 1].A.get(q, 4) - record.Y.get(q, 4));
        expect(first.value).toBe(record.layers[L - 1].dZ.get(q, 4));
      }
    }
  });

  it('softmax + mse: the output layer’s δ goes through every output (Jacobian)', () => {
    const record = recordOf({ hidden: 'relu', output: 'softmax', loss: 'mse', m: 3 });
    const d = expandDelta(record, 3, 0, 2);
    expect(d.pathCount).toBe(3);
    expect(d.paths.map((p) => p.factors.map((f) => f.kind))).toEqual([0, 1, 2].map(() => ['lossDerivative', 'softmaxJacobian']));
    const dA = record.layers[2].dA;
    expect(d.paths.map((p) => p.factors[0].value).sort()).toEqual([0, 1, 2].map((q) => dA.get(q, 2)).sort());
    expect(d.note).toMatch(/every path goes through each output/);
  });

  it('an output neuron with an element-wise output and mse: ∂ℓ/∂a · g′(z), from the record’s dA', () => {
    const record = recordOf({ hidden: 'relu', output: 'sigmoid', loss: 'mse', m: 2 });
    const d = expandDelta(record, 3, 0, 1);
    expect(d.paths).toHaveLength(1);
    expect(d.paths[0].factors.map((f) => f.kind)).toEqual(['lossDerivative', 'activationDerivative']);
    expect(d.paths[0].factors[0].value).toBe(record.layers[2].dA.get(0, 1));
  });

  it('counts paths that are too many to list (16-wide, 6 layers deep)', () => {
    const record = recordOf({ hidden: 'tanh', output: 'sigmoid', loss: 'bce', m: 2, sizes: [2, 16, 16, 16, 16, 16, 1] });
    const d = expandDelta(record, 1, 5, 0);
    expect(d.pathCount).toBe(16 ** 4);
    expect(d.paths).toHaveLength(8);
    expectClose(d.sum, record.layers[0].dZ.get(5, 0), 'deep δ');
    expect(d.tex).toContain('65528 other paths');
  });
});

describe('the sum over the batch', () => {
  it('folds long sums: first 3, the followed sample, last 2, with the hidden terms counted', () => {
    expect(foldIndices(5, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(foldIndices(50, 25)).toEqual([0, 1, 2, { from: 3, to: 24 }, 25, { from: 26, to: 47 }, 48, 49]);
    expect(foldIndices(50, 1)).toEqual([0, 1, 2, { from: 3, to: 47 }, 48, 49]);
    expect(foldIndices(50, 47)).toEqual([0, 1, 2, { from: 3, to: 46 }, 47, 48, 49]);
  });

  it('flags the followed sample, and the folded terms add up to the written sum', () => {
    const record = recordOf({ hidden: 'relu', output: 'sigmoid', loss: 'bce', m: 40 });
    const s = gradientSum(record, { layer: 2, neuron: 1, source: 2, sample: 20 });
    const followed = s.items.filter((x) => x.kind === 'term' && x.term.followed);
    expect(followed).toHaveLength(1);
    expect(followed[0].kind === 'term' && followed[0].term.sample).toBe(20);
    const total = s.items.reduce((acc, x) => acc + (x.kind === 'term' ? x.term.product : x.sum), 0);
    expectClose(total / 40, s.dataPart, 'folded sum');
    expect(s.items.filter((x) => x.kind === 'more').map((x) => x.kind === 'more' && x.count)).toEqual([17, 17]);
    expect(s.numericTex).toContain('\\boxed{');
    expect(s.numericTex).toContain('\\text{17 more}');
  });

  it('the L2 term (λ/m)·w appears only for weights and only when λ > 0', () => {
    const withL2 = recordOf({ hidden: 'tanh', output: 'linear', loss: 'mse', m: 7, l2: 0.1 });
    const w = gradientSum(withL2, { layer: 1, neuron: 0, source: 1, sample: 0 });
    expect(w.l2).toEqual({ lambda: 0.1, weight: withL2.layers[0].W.get(0, 1), value: (0.1 / 7) * withL2.layers[0].W.get(0, 1) });
    expect(w.symbolicTex).toContain('\\frac{\\lambda}{m}');
    expect(gradientSum(withL2, { layer: 1, neuron: 0, source: 'bias', sample: 0 }).l2).toBeNull();
    const without = recordOf({ hidden: 'tanh', output: 'linear', loss: 'mse', m: 7 });
    expect(gradientSum(without, { layer: 1, neuron: 0, source: 1, sample: 0 }).l2).toBeNull();
  });

  it('rejects targets outside the record', () => {
    const record = recordOf({ hidden: 'tanh', output: 'sigmoid', loss: 'bce', m: 3 });
    expect(() => gradientSum(record, { layer: 4, neuron: 0, source: 0, sample: 0 })).toThrow(RangeError);
    expect(() => gradientSum(record, { layer: 1, neuron: 4, source: 0, sample: 0 })).toThrow(RangeError);
    expect(() => gradientSum(record, { layer: 1, neuron: 0, source: 3, sample: 0 })).toThrow(RangeError);
    expect(() => gradientSum(record, { layer: 1, neuron: 0, source: 0, sample: 3 })).toThrow(RangeError);
  });
});

describe('the update', () => {
  for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
    for (const steps of [1, 3]) {
      it(`${optimizer}, λ = 0.05, step ${steps}: new w and b equal WAfter and bAfter`, () => {
        const record = recordOf({ hidden: 'tanh', output: 'softmax', loss: 'cce', m: 7, optimizer, l2: 0.05, steps });
        expect(record.t).toBe(steps);
        for (const target of targets(record)) {
          if (target.sample !== 0) continue;
          const u = weightUpdate(record, target);
          const step = record.layers[target.layer - 1];
          const after = target.source === 'bias' ? step.bAfter.get(target.neuron, 0) : step.WAfter.get(target.neuron, target.source);
          expect(u.recorded).toBe(after);
          expectClose(u.after, after, `${optimizer} ${JSON.stringify(target)}`);
          expect(u.optimizer).toBe(optimizer);
          if (target.source !== 'bias') expectClose(u.l2!.value, (0.05 / 7) * step.W.get(target.neuron, target.source), 'L2');
          else expect(u.l2).toBeNull();
          if (u.optimizer === 'momentum') {
            expect(u.velocity).toBe(target.source === 'bias' ? step.velocityB!.get(target.neuron, 0) : step.velocityW!.get(target.neuron, target.source));
            expectClose(u.beta * u.velocityPrev + u.gradient, u.velocity, 'V');
            if (steps === 1) expect(u.velocityPrev).toBe(0);
          }
          if (u.optimizer === 'adam') {
            expect(u.moment).toBe(target.source === 'bias' ? step.momentB!.get(target.neuron, 0) : step.momentW!.get(target.neuron, target.source));
            expect(u.second).toBe(target.source === 'bias' ? step.secondB!.get(target.neuron, 0) : step.secondW!.get(target.neuron, target.source));
            expectClose(u.momentHat, u.moment / (1 - 0.9 ** steps), 'm̂');
            expect(u.lines).toHaveLength(5);
          }
        }
      });
    }
  }
});

describe('KaTeX', () => {
  it('every part renders, and a hostile feature name stays text', () => {
    const record = recordOf({ hidden: 'leakyRelu', output: 'softmax', loss: 'mse', m: 12, optimizer: 'adam', l2: 0.01, steps: 2 });
    const e = explainWeight(record, { layer: 1, neuron: 2, source: 0, sample: 5 }, { featureNames: ['<img src=x onerror=alert(1)>\\frac{a}{b}'] });
    const sources = [e.symbolTex, e.sum.symbolicTex, e.sum.numericTex, e.delta.tex, ...e.delta.paths.map((p) => p.tex), ...e.update.lines];
    for (const src of sources) expect(() => katex.renderToString(src, { throwOnError: true, strict: 'ignore' })).not.toThrow();
    expect(katex.renderToString(e.symbolTex)).not.toContain('<img');
    expect(e.label).toContain('input 1 “<img');
  });
});
