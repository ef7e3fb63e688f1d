import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_SETTINGS, datasetFromSettings } from '../data';
import { createBatcher, createNetwork, trainStep, type InitName } from '../nn';
import { fakeRecord } from '../trace/testing/fakeRecord';
import {
  clearFlow, createFlowSeries, FLOW_COARSE, FLOW_RECENT, flowHistograms, flowPointCount, flowView, latestFlow, recordFlow, vanishingRatio,
} from './gradientFlow';
import { binaryDataset } from './fixtures';
import { LabSession } from './session';
import { defaultSettings, type HiddenActivation } from './settings';

/** ‖M‖_F written independently of the module: √(Σ v²) through Math.hypot. */
const norm = (values: Float64Array) => Math.hypot(...values);

describe('recordFlow against the engine record', () => {
  it('stores ‖dW[l]‖_F and ‖W[l]‖_F (after the update) of every step, per layer', () => {
    const dataset = binaryDataset(40);
    const network = createNetwork({ sizes: [2, 5, 3, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 4 });
    const batcher = createBatcher(dataset.train.X, dataset.train.Y, { batchSize: 7, seed: 4 });
    const series = createFlowSeries();
    const expected: { grad: number[]; weight: number[] }[] = [];
    for (let k = 0; k < 12; k++) {
      const batch = batcher.next();
      const record = trainStep(network, batch.X, batch.Y, { learningRate: 0.5, optimizer: 'momentum', l2: 0.01 });
      recordFlow(series, record, network.updates);
      expected.push({ grad: record.layers.map((s) => norm(s.dW.data)), weight: record.layers.map((s) => norm(s.WAfter.data)) });
      const latest = latestFlow(series)!;
      expect(latest.update).toBe(k + 1);
      latest.grad.forEach((g, l) => expect(g).toBeCloseTo(expected[k].grad[l], 12));
      latest.weight.forEach((w, l) => expect(w).toBeCloseTo(norm(network.layers[l].W.data), 12));
    }
    const view = flowView(series);
    expect(view).toMatchObject({ layers: 3, total: 12 });
    expect(view.update).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (let l = 0; l < 3; l++) {
      view.grad[l].forEach((g, i) => expect(g).toBeCloseTo(expected[i].grad[l], 12));
      view.weight[l].forEach((w, i) => expect(w).toBeCloseTo(expected[i].weight[l], 12));
    }
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('restarts on a record with another number of layers, and clearFlow empties it', () => {
    const series = createFlowSeries();
    recordFlow(series, fakeRecord({ sizes: [2, 3, 1], m: 4 }));
    recordFlow(series, fakeRecord({ sizes: [2, 3, 1], m: 4 }));
    expect(flowView(series)).toMatchObject({ layers: 2, total: 2, update: [1, 2] });
    recordFlow(series, fakeRecord({ sizes: [2, 3, 3, 1], m: 4 }));
    expect(flowView(series)).toMatchObject({ layers: 3, total: 1, update: [1] });
    clearFlow(series);
    expect(flowView(series)).toEqual({ layers: 3, total: 0, update: [], grad: [[], [], []], weight: [[], [], []] });
    expect(latestFlow(series)).toBeNull();
  });
});

describe('bounded memory', () => {
  it('keeps at most FLOW_RECENT + FLOW_COARSE points after a million updates: recent exact, the past averaged', () => {
    const record = fakeRecord({ sizes: [1, 1, 1], m: 1 });
    const series = createFlowSeries();
    const total = 1_000_000;
    for (let t = 1; t <= total; t++) {
      // ‖dW[1]‖ = t and ‖W[1]‖ = 2t, so every stored mean must equal its mean update (×2).
      record.layers[0].dW.data[0] = t;
      record.layers[0].WAfter.data[0] = -2 * t;
      recordFlow(series, record, t);
      if (t === 1000 || t === 123_457) expect(flowPointCount(series)).toBeLessThanOrEqual(FLOW_RECENT + FLOW_COARSE);
    }
    const count = flowPointCount(series);
    expect(count).toBeLessThanOrEqual(FLOW_RECENT + FLOW_COARSE);
    expect(count).toBeGreaterThan(FLOW_RECENT + FLOW_COARSE / 2);
    const view = flowView(series);
    expect(view.total).toBe(total);
    expect(view.update.length).toBe(count);
    // The last FLOW_RECENT updates at full resolution.
    expect(view.update.slice(-FLOW_RECENT)).toEqual(Array.from({ length: FLOW_RECENT }, (_, i) => total - FLOW_RECENT + 1 + i));
    for (let i = 0; i < view.update.length; i++) {
      expect(view.grad[0][i]).toBeCloseTo(view.update[i], 6);
      expect(view.weight[0][i]).toBeCloseTo(2 * view.update[i], 6);
      if (i > 0) expect(view.update[i]).toBeGreaterThan(view.update[i - 1]);
    }
    // The past starts near the first update and the points cover the run without a gap wider than a bucket.
    expect(view.update[0]).toBeLessThan(total / 100);
  });
});

/** One epoch of the lab's training loop (as LabSession.trainNext runs it) on two moons, recording the flow. */
function oneEpoch(hidden: HiddenActivation, init: InitName, seed = 42) {
  const settings = { ...defaultSettings(), hiddenLayers: [8, 8, 8, 8, 8, 8], hiddenActivation: hidden, init, seed };
  const dataset = datasetFromSettings(DEFAULT_DATA_SETTINGS, { uploaded: null, test: null }, seed);
  const network = createNetwork({
    sizes: [2, ...settings.hiddenLayers, 1], hidden, output: settings.outputActivation, loss: settings.loss, init, seed,
  });
  const batcher = createBatcher(dataset.train.X, dataset.train.Y, { batchSize: settings.batchSize, seed });
  const series = createFlowSeries();
  const batches = batcher.batchesPerEpoch;
  for (let k = 0; k < batches; k++) {
    const batch = batcher.next();
    recordFlow(series, trainStep(network, batch.X, batch.Y, { learningRate: settings.learningRate, optimizer: settings.optimizer }), network.updates);
  }
  return { series, settings, dataset, batches };
}

describe('the vanishing gradient (6 hidden layers of 8 on two moons, one epoch, lab defaults otherwise)', () => {
  it('sigmoid: ‖dW[1]‖ is at least 100× smaller than ‖dW[7]‖ (measured 2 234× with seed 42)', () => {
    const { series, batches } = oneEpoch('sigmoid', 'xavier');
    expect(series.total).toBe(batches);
    const latest = latestFlow(series)!;
    expect(latest.grad).toHaveLength(7);
    expect(vanishingRatio(latest.grad)).toBeGreaterThanOrEqual(100);
    // Each layer further from the loss gets a smaller gradient, from layer 5 down to layer 1.
    for (let l = 0; l < 4; l++) expect(latest.grad[l]).toBeLessThan(latest.grad[l + 1]);
  });

  it('sigmoid shows it for other seeds and inits too', () => {
    for (const seed of [1, 2, 3]) expect(vanishingRatio(latestFlow(oneEpoch('sigmoid', 'xavier', seed).series)!.grad), `seed ${seed}`).toBeGreaterThanOrEqual(100);
    expect(vanishingRatio(latestFlow(oneEpoch('sigmoid', 'small').series)!.grad)).toBeGreaterThanOrEqual(100);
  });

  it('tanh and ReLU with xavier do not: the ratio stays below 10 (measured 1.4 and 1.2)', () => {
    for (const hidden of ['tanh', 'relu'] as const) {
      for (const seed of [42, 1, 2, 3]) {
        const ratio = vanishingRatio(latestFlow(oneEpoch(hidden, 'xavier', seed).series)!.grad);
        expect(ratio, `${hidden} seed ${seed}`).toBeLessThan(10);
        expect(ratio).toBeGreaterThan(0.1);
      }
    }
  });

  it('the series ends on the lab session’s own record of the epoch’s last batch', () => {
    const { series, settings, dataset } = oneEpoch('sigmoid', 'xavier');
    const session = new LabSession(dataset, settings);
    session.stepEpoch();
    const last = session.history[session.history.length - 1];
    const record = session.recordOf(last);
    expect(last.update).toBe(series.total);
    latestFlow(series)!.grad.forEach((g, l) => expect(g).toBeCloseTo(norm(record.layers[l].dW.data), 12));
  });
});

describe('flowHistograms', () => {
  it('copies each layer’s weights after the update and the batch’s δ = dZ', () => {
    const record = fakeRecord({ sizes: [3, 4, 2], m: 5 });
    const h = flowHistograms(record);
    expect(h.weights.map((w) => w.length)).toEqual([12, 8]);
    expect(h.deltas.map((d) => d.length)).toEqual([20, 10]);
    expect(h.weights[1]).toEqual(Array.from(record.layers[1].WAfter.data));
    expect(h.deltas[0]).toEqual(Array.from(record.layers[0].dZ.data));
    record.layers[0].dZ.data[0] += 1;
    expect(h.deltas[0][0]).not.toBe(record.layers[0].dZ.data[0]);
  });

  it('vanishingRatio is NaN when undefined', () => {
    expect(vanishingRatio([1])).toBeNaN();
    expect(vanishingRatio([0, 2])).toBeNaN();
    expect(vanishingRatio([0.01, 2])).toBeCloseTo(200, 12);
  });
});
