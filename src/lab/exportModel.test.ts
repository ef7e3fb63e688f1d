import { describe, expect, it } from 'vitest';
import { predict } from '../nn';
import { binaryDataset } from './fixtures';
import { MODEL_FORMAT, modelFile, modelJson, readModelJson } from './exportModel';
import { LabSession } from './session';
import { defaultSettings } from './settings';

const hostileNames = ['a,"b"', '=cmd()', 'x [ 1, 2 ]\nnext'];

function trained() {
  const dataset = { ...binaryDataset(), featureNames: hostileNames.slice(0, 2) };
  const session = new LabSession(dataset, { ...defaultSettings(), hiddenLayers: [4, 3], batchSize: 10, optimizer: 'adam', l2: 0.01 });
  session.stepEpoch();
  session.stepEpoch();
  return session;
}

describe('modelFile', () => {
  it('describes the network, the data and the settings (format backprop-lab-model, version 1)', () => {
    const s = trained();
    const model = modelFile(s.network, s.dataset, s.settings, s.metrics.latest);
    expect(model.format).toBe(MODEL_FORMAT);
    expect(model.version).toBe(1);
    expect(model.network).toMatchObject({ sizes: [2, 4, 3, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 42, updates: 6 });
    expect(model.layers.map((l) => [l.layer, l.activation, l.W.length, l.W[0].length, l.b.length])).toEqual([
      [1, 'tanh', 4, 2, 4], [2, 'tanh', 3, 4, 3], [3, 'sigmoid', 1, 3, 1],
    ]);
    // W as rows: W[i][j] is the weight from input j to neuron i.
    expect(model.layers[0].W[3][1]).toBe(s.network.layers[0].W.get(3, 1));
    expect(model.data).toMatchObject({ featureNames: hostileNames.slice(0, 2), targetName: 'y', task: 'binary', classes: ['0', '1'], outputSize: 1 });
    expect(model.data.normalization.stats[0]).toEqual({ name: 'x1', mean: 5, std: 10, min: -15, max: 25 });
    expect(model.settings).toMatchObject({ optimizer: 'adam', l2: 0.01, batchSize: 10, hiddenLayers: [4, 3] });
    expect(model.evaluation?.epoch).toBe(2);
  });

  it('writes a non-finite weight as null', () => {
    const s = trained();
    s.network.layers[0].W.data[0] = Number.NaN;
    const text = modelJson(modelFile(s.network, s.dataset, s.settings));
    expect(text).toContain('[null, ');
    expect(Number.isNaN(readModelJson(text).network.layers[0].W.data[0])).toBe(true);
  });
});

describe('modelJson ⇄ readModelJson', () => {
  it('round-trips every weight bit for bit, so the read network predicts the same numbers', () => {
    const s = trained();
    const text = modelJson(modelFile(s.network, s.dataset, s.settings, s.metrics.latest));
    const { model, network } = readModelJson(text);
    network.layers.forEach((layer, i) => {
      expect(Array.from(layer.W.data)).toEqual(Array.from(s.network.layers[i].W.data));
      expect(Array.from(layer.b.data)).toEqual(Array.from(s.network.layers[i].b.data));
      expect(layer.activation).toBe(s.network.layers[i].activation);
    });
    expect(Array.from(predict(network, s.dataset.train.X).data)).toEqual(Array.from(predict(s.network, s.dataset.train.X).data));
    expect(model.data.featureNames).toEqual(hostileNames.slice(0, 2));
  });

  it('keeps arrays of numbers on one line, strings (even ones that look like arrays) untouched', () => {
    const s = trained();
    const dataset = { ...s.dataset, featureNames: [hostileNames[2], 'b'], targetName: '[ 1, 2 ]' };
    const text = modelJson(modelFile(s.network, dataset, s.settings));
    expect(text).toMatch(/"b": \[-?\d[^\n\]]*\]/);
    expect(text).toMatch(/"W": \[\n\s+\[-?\d[^\n\]]*\],\n/);
    expect(text).toContain('"hiddenLayers": [4, 3]');
    const read = readModelJson(text).model;
    expect(read.data.featureNames[0]).toBe(hostileNames[2]);
    expect(read.data.targetName).toBe('[ 1, 2 ]');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(modelFile(s.network, dataset, s.settings))));
  });

  it('refuses other files with a reason', () => {
    const s = trained();
    const model = modelFile(s.network, s.dataset, s.settings);
    expect(() => readModelJson('{"format":"other"}')).toThrow(/Not a backprop-lab-model/);
    expect(() => readModelJson(JSON.stringify({ ...model, version: 2 }))).toThrow(/version 2/);
    const short = { ...model, layers: model.layers.map((l, i) => (i === 0 ? { ...l, b: l.b.slice(1) } : l)) };
    expect(() => readModelJson(JSON.stringify(short))).toThrow(/b\[1\] has 3 numbers; 4×1 needs 4/);
  });
});
