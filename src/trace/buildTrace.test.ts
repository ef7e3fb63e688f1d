import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { batchSizeOf, buildTrace } from './buildTrace';
import { fakeRecord, patterned } from './testing/fakeRecord';
import type { Normalization, TraceContext } from './types';

const ids = (ctx: TraceContext, ...args: Parameters<typeof fakeRecord>) => buildTrace(fakeRecord(...args), ctx).map((e) => e.id);
const noContext: TraceContext = { featureNames: [] };

function zscore(names: string[]): Normalization {
  return { kind: 'zscore', stats: names.map((name, i) => ({ name, mean: i + 0.5, std: 2 + i, min: -1, max: 1 })) };
}

describe('buildTrace: order', () => {
  it('1 layer, sigmoid + bce, sgd', () => {
    expect(ids(noContext, { sizes: [3, 1], m: 4 })).toEqual([
      'forward-Z-1', 'forward-A-1', 'loss', 'backward-dZ-1', 'backward-dW-1', 'backward-db-1', 'update-W-1', 'update-b-1',
    ]);
  });

  it('2 layers with normalisation first', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const ctx = { featureNames: names, rawBatch: patterned(5, 50, 99), normalization: zscore(names) };
    expect(ids(ctx, { sizes: [5, 16, 1], m: 50 })).toEqual([
      'normalize-X',
      'forward-Z-1', 'forward-A-1', 'forward-Z-2', 'forward-A-2',
      'loss',
      'backward-dZ-2', 'backward-dW-2', 'backward-db-2', 'backward-dA-1', 'backward-dZ-1', 'backward-dW-1', 'backward-db-1',
      'update-W-1', 'update-b-1', 'update-W-2', 'update-b-2',
    ]);
  });

  it('omits normalisation for kind none or without a raw batch', () => {
    const raw = patterned(2, 4, 3);
    expect(ids({ featureNames: ['a', 'b'], rawBatch: raw, normalization: { kind: 'none', stats: [] } }, { sizes: [2, 1], m: 4 })[0]).toBe('forward-Z-1');
    expect(ids({ featureNames: ['a', 'b'], normalization: zscore(['a', 'b']) }, { sizes: [2, 1], m: 4 })[0]).toBe('forward-Z-1');
  });

  it('3 layers, linear + mse: dA[L] before dZ[L]', () => {
    expect(ids(noContext, { sizes: [2, 4, 3, 1], m: 6, output: 'linear', loss: 'mse' })).toEqual([
      'forward-Z-1', 'forward-A-1', 'forward-Z-2', 'forward-A-2', 'forward-Z-3', 'forward-A-3',
      'loss',
      'backward-dA-3', 'backward-dZ-3',
      'backward-dW-3', 'backward-db-3', 'backward-dA-2', 'backward-dZ-2',
      'backward-dW-2', 'backward-db-2', 'backward-dA-1', 'backward-dZ-1',
      'backward-dW-1', 'backward-db-1',
      'update-W-1', 'update-b-1', 'update-W-2', 'update-b-2', 'update-W-3', 'update-b-3',
    ]);
  });

  it('softmax + cce is simplified; softmax + mse goes through the Jacobian', () => {
    const cce = ids(noContext, { sizes: [2, 3], m: 5, output: 'softmax', loss: 'cce' });
    expect(cce.slice(2, 4)).toEqual(['loss', 'backward-dZ-1']);
    const mse = buildTrace(fakeRecord({ sizes: [2, 3], m: 5, output: 'softmax', loss: 'mse' }), noContext);
    expect(mse.map((e) => e.id).slice(2, 5)).toEqual(['loss', 'backward-dA-1', 'backward-dZ-1']);
    expect(mse[4].symbolic).toContain('J^{(i)');
  });

  it('momentum: V then the parameter, for W then b', () => {
    expect(ids(noContext, { sizes: [2, 1], m: 3, optimizer: 'momentum' }).filter((id) => id.startsWith('update'))).toEqual([
      'update-VW-1', 'update-W-1', 'update-Vb-1', 'update-b-1',
    ]);
  });

  it('adam: M, S, bias correction, then the parameter', () => {
    expect(ids(noContext, { sizes: [2, 1], m: 3, optimizer: 'adam', t: 3 }).filter((id) => id.startsWith('update'))).toEqual([
      'update-MW-1', 'update-SW-1', 'update-hatW-1', 'update-W-1',
      'update-Mb-1', 'update-Sb-1', 'update-hatb-1', 'update-b-1',
    ]);
  });

  it('ids are unique and phases never go backwards', () => {
    const order = ['normalize', 'forward', 'loss', 'backward', 'update'];
    for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
      const trace = buildTrace(fakeRecord({ sizes: [3, 4, 4, 2], m: 5, output: 'softmax', loss: 'cce', optimizer }), noContext);
      expect(new Set(trace.map((e) => e.id)).size).toBe(trace.length);
      const phases = trace.map((e) => order.indexOf(e.phase));
      expect(phases).toEqual([...phases].sort((a, b) => a - b));
    }
  });
});

describe('buildTrace: shapes and symbols', () => {
  const trace = buildTrace(fakeRecord({ sizes: [5, 16, 1], m: 50 }), noContext);
  const byId = (id: string) => trace.find((e) => e.id === id)!;

  it('Z[1] = W[1]A[0] + b[1] with broadcasting in words', () => {
    const z = byId('forward-Z-1');
    expect(z.symbolic).toBe('Z^{[1]} = W^{[1]} A^{[0]} + b^{[1]}');
    expect(z.shapes).toBe('(16\\times 5)\\cdot(5\\times 50) + (16\\times 1) \\to (16\\times 50)');
    expect(z.shapesNote).toMatch(/every one of the m = 50 columns \(broadcast\)/);
  });

  it('backward shapes: dW = (1/m) dZ Aᵀ, db, dA = Wᵀ dZ', () => {
    expect(byId('backward-dW-1').shapes).toBe('(16\\times 50)\\cdot(50\\times 5) \\to (16\\times 5)');
    expect(byId('backward-dW-1').symbolic).toBe('dW^{[1]} = \\frac{1}{m} dZ^{[1]} A^{[0]\\top}');
    expect(byId('backward-db-2').shapes).toContain('(1\\times 50)');
    expect(byId('backward-dA-1').shapes).toBe('(16\\times 1)\\cdot(1\\times 50) \\to (16\\times 50)');
    expect(byId('backward-dZ-1').symbolic).toContain('\\mathbb{1}');
  });

  it('shows the L2 term in the loss and in dW when λ > 0', () => {
    const l2 = buildTrace(fakeRecord({ sizes: [5, 16, 1], m: 50, l2: 0.01 }), noContext);
    const loss = l2.find((e) => e.id === 'loss')!;
    expect(loss.symbolic).toContain('\\frac{\\lambda}{2m}');
    expect(loss.numeric).toContain('0.7 + 0.05 = 0.75');
    expect(l2.find((e) => e.id === 'backward-dW-2')!.symbolic).toContain('\\frac{\\lambda}{m} W^{[2]}');
    expect(byId('backward-dW-2').symbolic).not.toContain('lambda');
  });

  it('truncates the numbers of large matrices and keeps the full version', () => {
    const z = byId('forward-Z-1');
    expect(z.numeric).toContain('\\cdots');
    expect(z.numeric).toContain('\\ddots');
    expect(z.numericFull).not.toContain('\\cdots');
    expect(z.numericFull.length).toBeGreaterThan(z.numeric.length * 5);
    expect(z.operands.map((o) => o.name)).toEqual(['W^{[1]}', 'A^{[0]}', 'b^{[1]}', 'Z^{[1]}']);
  });

  it('finds the batch size', () => {
    expect(batchSizeOf(trace)).toBe(50);
    expect(batchSizeOf([])).toBe(0);
  });
});

describe('buildTrace: touches', () => {
  it('names what each equation reads and writes', () => {
    const trace = buildTrace(fakeRecord({ sizes: [2, 3, 1], m: 4, l2: 0.1 }), noContext);
    const touches = Object.fromEntries(trace.map((e) => [e.id, e.touches.map((t) => `${t.kind}${t.layer}`).join(' ')]));
    expect(touches).toMatchObject({
      'forward-Z-1': 'W1 b1 A0 Z1',
      'forward-A-2': 'Z2 A2',
      loss: 'A2 loss2',
      'backward-dZ-2': 'A2 dZ2',
      'backward-dW-2': 'dZ2 A1 W2 dW2',
      'backward-db-2': 'dZ2 db2',
      'backward-dA-1': 'W2 dZ2 dA1',
      'backward-dZ-1': 'dA1 Z1 dZ1',
      'update-W-1': 'W1 dW1',
      'update-b-2': 'b2 db2',
    });
  });
});

describe('buildTrace: snapshots', () => {
  it('keeps its own copies of the record matrices', () => {
    const record = fakeRecord({ sizes: [2, 2, 1], m: 3 });
    const trace = buildTrace(record, noContext);
    const untouched = buildTrace(fakeRecord({ sizes: [2, 2, 1], m: 3 }), noContext);
    record.layers[0].W.data.fill(42);
    expect(trace[0].operands[0].matrix.get(0, 0)).toBe(untouched[0].operands[0].matrix.get(0, 0));
    expect(trace[0].numericFull).toBe(untouched[0].numericFull); // built lazily, after the mutation
    expect(trace[0].operands[3].matrix).toBe(trace[1].operands[0].matrix); // Z[1] copied once, shared
  });
});

describe('buildTrace: every rendering is valid KaTeX', () => {
  const render = (src: string) => katex.renderToString(src, { throwOnError: true, strict: 'ignore', trust: false });
  const combos = [
    { output: 'sigmoid', loss: 'bce', hidden: 'relu', optimizer: 'sgd', l2: 0 },
    { output: 'softmax', loss: 'cce', hidden: 'tanh', optimizer: 'momentum', l2: 0.01 },
    { output: 'linear', loss: 'mse', hidden: 'leakyRelu', optimizer: 'adam', l2: 0.5 },
    { output: 'softmax', loss: 'mse', hidden: 'sigmoid', optimizer: 'adam', l2: 0 },
    { output: 'tanh', loss: 'mse', hidden: 'linear', optimizer: 'sgd', l2: 0 },
  ] as const;
  it.each(combos)('$output + $loss, $hidden hidden, $optimizer, λ = $l2', (c) => {
    const names = ['x', 'y', 'z'];
    const ctx = { featureNames: names, rawBatch: patterned(3, 9, 5), normalization: zscore(names) };
    const trace = buildTrace(fakeRecord({ sizes: [3, 8, 2], m: 9, t: 2, ...c }), ctx);
    for (const e of trace) {
      for (const src of [e.symbolic, e.shapes, e.numeric, e.numericFull, ...e.operands.map((o) => o.name)]) {
        expect(() => render(src), `${e.id}: ${src.slice(0, 120)}`).not.toThrow();
      }
    }
  });
});

describe('buildTrace: hostile feature names', () => {
  const hostile = ['<img src=x onerror=alert(1)>', '\\frac{a}{b}', '$x$', '{', '%', '#', '_', '^', '~', '\\'];
  const minmax: Normalization = { kind: 'minmax', stats: hostile.map((name) => ({ name, mean: 0, std: 1, min: -2, max: 3 })) };
  const trace = buildTrace(fakeRecord({ sizes: [hostile.length, 2, 1], m: 4 }), {
    featureNames: hostile, rawBatch: patterned(hostile.length, 4, 8), normalization: minmax,
  });
  const normalize = trace[0];

  it('puts them only escaped inside \\text{…}', () => {
    expect(normalize.id).toBe('normalize-X');
    expect(normalize.numericFull).toContain('\\text{<img src=x onerror=aler…}'); // cut at 24 characters
    expect(normalize.numericFull).toContain('\\text{\\textbackslash{}frac\\{a\\}\\{b\\}}');
    expect(normalize.numericFull).toContain('\\text{\\$x\\$}');
    for (const esc of ['\\{', '\\%', '\\#', '\\_', '\\textasciicircum{}', '\\textasciitilde{}', '\\textbackslash{}}']) {
      expect(normalize.numericFull).toContain(`\\text{${esc}`);
    }
    expect(normalize.symbolic + normalize.shapes + normalize.numeric).not.toContain('\\frac{a}');
  });

  it('renders with KaTeX, with no HTML from the names', () => {
    for (const src of [normalize.numeric, normalize.numericFull]) {
      const html = katex.renderToString(src, { throwOnError: true, strict: 'ignore', trust: false });
      expect(html).not.toContain('<img');
      expect(html).not.toContain('katex-error');
      expect(html).toContain('&lt;img src=x onerror=aler');
    }
  });
});

describe('structured operands', () => {
  const record = fakeRecord({ sizes: [3, 4, 2], m: 7, output: 'softmax', loss: 'cce', optimizer: 'momentum', l2: 0.1 });
  const trace = buildTrace(record, { featureNames: ['a', 'b', 'c'] });

  it('every equation carries m and every operand a role, layer and quantity that match the record', () => {
    for (const eq of trace) {
      expect(eq.m).toBe(7);
      for (const o of eq.operands) {
        if (o.role === 'perSample') expect(o.matrix.cols).toBe(7);
        if (o.quantity === 'W') expect(o.matrix.data).toEqual(record.layers[o.layer - 1].W.data);
        if (o.quantity === 'dW') expect(o.matrix.data).toEqual(record.layers[o.layer - 1].dW.data);
        if (o.quantity === 'Z') expect(o.matrix.data).toEqual(record.layers[o.layer - 1].Z.data);
        if (o.quantity === 'Wnew') expect(o.matrix.data).toEqual(record.layers[o.layer - 1].WAfter.data);
      }
    }
  });

  it('drawn lists each array of the numbers in order, with the transposed A in dW', () => {
    const dW = trace.find((e) => e.id === 'backward-dW-2');
    expect(dW?.drawn.map((d) => (d.operand === null ? null : dW.operands[d.operand].quantity))).toEqual(['dZ', 'A', 'W', 'dW']);
    expect(dW?.drawn.map((d) => d.transposed)).toEqual([false, true, false, false]);
    const v = trace.find((e) => e.id === 'update-VW-1');
    expect(v?.operands.map((o) => o.role)).toEqual(['optimizerState', 'parameter', 'optimizerState']);
    for (const eq of trace) expect(eq.drawn.length).toBe((eq.numeric.match(/\\begin\{(bmatrix|array)\}/g) ?? []).length);
  });
});

describe('file lines of the batch', () => {
  it('the first equation says which file lines the batch columns are', () => {
    const lines = Int32Array.from({ length: 50 }, (_, i) => 1000 + 3 * i);
    const trace = buildTrace(fakeRecord({ sizes: [2, 3, 1], m: 50 }), { featureNames: ['a', 'b'], rawBatch: patterned(2, 50, 3), normalization: zscore(['a', 'b']), lines });
    expect(trace[0].id).toBe('normalize-X');
    expect(trace[0].shapesNote).toContain('Columns 1, 2, 3 … 49, 50 are lines 1000, 1003, 1006 … 1144, 1147 of the file.');
    expect(buildTrace(fakeRecord({ sizes: [2, 3, 1], m: 1 }), { featureNames: ['a', 'b'], lines: Int32Array.of(7) })[0].shapesNote).toContain('This sample is line 7 of the file.');
  });
});
