import { describe, expect, it } from 'vitest';
import { defaultInit, initRange } from './init';
import { cloneNetwork, createNetwork } from './network';
import type { NetworkConfig } from './types';

const base: NetworkConfig = { sizes: [5, 16, 16, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 11 };

describe('createNetwork', () => {
  it('builds W[l] (n[l] × n[l-1]) and b[l] (n[l] × 1) = 0, hidden and output activations', () => {
    const net = createNetwork(base);
    expect(net.layers.map((l) => [l.W.rows, l.W.cols, l.b.rows, l.b.cols])).toEqual([[16, 5, 16, 1], [16, 16, 16, 1], [1, 16, 1, 1]]);
    expect(net.layers.map((l) => l.activation)).toEqual(['sigmoid', 'sigmoid', 'sigmoid']);
    expect(net.layers.every((l) => l.b.data.every((v) => v === 0))).toBe(true);
    expect(net.updates).toBe(0);
    expect(net.optimizer).toBeNull();
    expect(net.config.init).toBe('xavier');
  });

  it('draws weights within the init range: xavier √(6/(in+out)), he √(6/in), small 0.5', () => {
    // xavier for 16 × 5: √(6/21) ≈ 0.5345;  he for 16 × 5: √(6/5) ≈ 1.0954
    expect(initRange('xavier', 5, 16)).toBeCloseTo(Math.sqrt(6 / 21), 15);
    expect(initRange('he', 5, 16)).toBeCloseTo(Math.sqrt(6 / 5), 15);
    for (const init of ['xavier', 'he', 'small'] as const) {
      const net = createNetwork({ ...base, sizes: [50, 40, 3], init });
      for (const layer of net.layers) {
        const r = initRange(init, layer.W.cols, layer.W.rows);
        const max = Math.max(...Array.from(layer.W.data, Math.abs));
        expect(max).toBeLessThanOrEqual(r);
        expect(max).toBeGreaterThan(0.9 * r); // 2000 uniform draws reach near the edge
      }
    }
  });

  it('defaults to he for relu/leakyRelu and xavier otherwise, seed 1', () => {
    expect(defaultInit('relu')).toBe('he');
    expect(defaultInit('leakyRelu')).toBe('he');
    expect(defaultInit('tanh')).toBe('xavier');
    const net = createNetwork({ sizes: [2, 3, 1], hidden: 'relu', output: 'linear', loss: 'mse' });
    expect(net.config).toMatchObject({ init: 'he', seed: 1 });
  });

  it('is bit-identical for the same seed and differs for another', () => {
    const bytes = (c: NetworkConfig) => createNetwork(c).layers.map((l) => Array.from(new Uint8Array(l.W.data.buffer)));
    expect(bytes(base)).toEqual(bytes(base));
    expect(bytes(base)).not.toEqual(bytes({ ...base, seed: 12 }));
  });

  it('rejects bad sizes and invalid output/loss pairs with a clear message', () => {
    expect(() => createNetwork({ ...base, sizes: [5] })).toThrow(/at least inputs and outputs/);
    expect(() => createNetwork({ ...base, sizes: [5, 0, 1] })).toThrow(/positive integer/);
    expect(() => createNetwork({ ...base, output: 'softmax' })).toThrow('the bce loss needs a sigmoid output layer, got softmax');
    expect(() => createNetwork({ ...base, loss: 'cce' })).toThrow('the cce loss needs a softmax output layer, got sigmoid');
    expect(() => createNetwork({ ...base, hidden: 'softmax' })).toThrow(/softmax can only be the output activation/);
    expect(() => createNetwork({ ...base, loss: 'mse', output: 'softmax' })).not.toThrow();
  });
});

describe('cloneNetwork', () => {
  it('copies deeply, including the optimiser state', () => {
    const net = createNetwork(base);
    net.optimizer = { name: 'momentum', t: 3, layers: net.layers.map((l) => ({ velocityW: l.W.clone(), velocityB: l.b.clone() })) };
    net.updates = 3;
    const copy = cloneNetwork(net);
    expect(copy).toEqual(net);
    copy.layers[0].W.data[0] += 1;
    copy.optimizer!.layers[0].velocityW!.data[0] += 1;
    copy.config.sizes[0] = 99;
    expect(copy.layers[0].W.data[0]).not.toBe(net.layers[0].W.data[0]);
    expect(copy.optimizer!.layers[0].velocityW!.data[0]).not.toBe(net.optimizer.layers[0].velocityW!.data[0]);
    expect(net.config.sizes[0]).toBe(5);
  });

  it('writes into the buffers of a network it may reuse, and gives the same copy', () => {
    const net = createNetwork(base);
    net.optimizer = { name: 'momentum', t: 2, layers: net.layers.map((l) => ({ velocityW: l.W.clone(), velocityB: l.b.clone() })) };
    net.updates = 2;
    const spare = cloneNetwork(createNetwork({ ...base, seed: 12 }));
    spare.optimizer = { name: 'momentum', t: 9, layers: spare.layers.map((l) => ({ velocityW: l.W.clone() })) };
    const copy = cloneNetwork(net, spare);
    expect(copy).toEqual(net);
    expect(copy.layers[0].W).toBe(spare.layers[0].W);
    expect(copy.layers[1].b).toBe(spare.layers[1].b);
    expect(copy.optimizer!.layers[0].velocityW).toBe(spare.optimizer.layers[0].velocityW);
    // What the spare lacked (velocityB) is a new buffer; the copy stays apart from the original.
    expect(copy.optimizer!.layers[0].velocityB).not.toBe(net.optimizer.layers[0].velocityB);
    copy.layers[0].W.data[0] += 1;
    expect(copy.layers[0].W.data[0]).not.toBe(net.layers[0].W.data[0]);
  });

  it('makes new buffers when the network to reuse has other shapes', () => {
    const net = createNetwork(base);
    const other = createNetwork({ ...base, sizes: [base.sizes[0], 7, ...base.sizes.slice(2)] });
    const copy = cloneNetwork(net, other);
    expect(copy).toEqual(net);
    expect(copy.layers[0].W).not.toBe(other.layers[0].W);
  });
});

