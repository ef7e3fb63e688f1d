import { describe, expect, it } from 'vitest';
import { createNetwork, Matrix } from '../nn';
import { EXPLODED_WEIGHT, gradcheckObstacle, largestWeight } from './gradcheckGuard';

const network = () => createNetwork({ sizes: [2, 3, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 7 });
const X = Matrix.fromRows([[0.5, -1], [1, 0.25]]);
const Y = Matrix.fromRows([[1, 0]]);

describe('gradcheckObstacle', () => {
  it('is null for a freshly initialised network', () => {
    const net = network();
    expect(largestWeight(net)).toBeLessThan(10);
    expect(gradcheckObstacle({ network: net, X, Y }, false)).toBeNull();
  });

  it('names the largest |w| when the weights have exploded (here 1.2e152, as seen near divergence)', () => {
    const net = network();
    net.layers[1].W.set(0, 2, -1.2e152);
    expect(largestWeight(net)).toBe(1.2e152);
    expect(gradcheckObstacle({ network: net, X, Y }, false)).toBe(
      'The weights have exploded (largest |w| ≈ 1.2e152): finite differences are meaningless here — lower the learning rate and reset.',
    );
    net.layers[0].b.set(1, 0, 2 * EXPLODED_WEIGHT);
    net.layers[1].W.set(0, 2, 0.1);
    expect(gradcheckObstacle({ network: net, X, Y }, false)).toMatch(/largest \|w\| ≈ 2\.0e6\)/);
  });

  it('speaks of divergence when the lab diverged or a weight is not finite', () => {
    expect(gradcheckObstacle({ network: network(), X, Y }, true)).toMatch(/^Training has diverged .*lower the learning rate and reset\.$/);
    const net = network();
    net.layers[0].W.set(0, 0, Number.NaN);
    expect(largestWeight(net)).toBe(Infinity);
    expect(gradcheckObstacle({ network: net, X, Y }, false)).toMatch(/largest \|w\| ≈ ∞/);
  });
});
