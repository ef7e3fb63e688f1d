import { describe, expect, it } from 'vitest';
import { createNetwork, Matrix, predict } from '../nn';
import {
  boundaryMode, classOfColumns, denormalize, featureExtents, GRID_SIZE, gridInputs, gridSizeFor, lineInputs, MIN_GRID_SIZE,
  planeGeometry, predictGrid, predictorNetwork, setParams,
} from './boundary';
import { binaryDataset } from './fixtures';
import { networkParams } from './params';

describe('boundaryMode', () => {
  it('draws a plane for two features, a curve for one, nothing otherwise', () => {
    expect(boundaryMode({ featureNames: ['a', 'b'] })).toBe('plane');
    expect(boundaryMode({ featureNames: ['a'] })).toBe('curve');
    expect(boundaryMode({ featureNames: ['a', 'b', 'c'] })).toBeNull();
  });
});

describe('featureExtents', () => {
  it('spans every part, widened by the pad on both sides', () => {
    const train = Matrix.fromRows([[0, 1, 2], [5, 5, 5]]);
    const test = Matrix.fromRows([[-2], [5]]);
    const [x, y] = featureExtents([train, test], 0.25);
    expect(x[0]).toBeCloseTo(-3, 12); // width 4, pad 1
    expect(x[1]).toBeCloseTo(3, 12);
    expect(y).toEqual([4, 6]); // constant feature: ±1
  });
});

describe('gridInputs', () => {
  it('is 2 × size², row 0 at the top, cell centres', () => {
    const G = gridInputs([0, 4], [0, 2], 4);
    expect([G.rows, G.cols]).toEqual([2, 16]);
    // Top-left cell (r = 0, c = 0): x = 0.5, y = 2 − 0.25; bottom-right (r = 3, c = 3): x = 3.5, y = 0.25.
    expect([G.get(0, 0), G.get(1, 0)]).toEqual([0.5, 1.75]);
    expect([G.get(0, 15), G.get(1, 15)]).toEqual([3.5, 0.25]);
    expect([G.get(0, 6), G.get(1, 6)]).toEqual([2.5, 1.25]); // r = 1, c = 2
  });

  it('gives the line from lo to hi for one feature', () => {
    expect(Array.from(lineInputs([-1, 1], 5).data)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});

describe('grid size and plane', () => {
  it('uses 80 × 80 for small networks and fewer cells for big ones, within the budget', () => {
    expect(gridSizeFor([2, 8, 8, 1])).toBe(GRID_SIZE);
    const big = [2, 32, 32, 32, 32, 32, 32, 1];
    const size = gridSizeFor(big);
    expect(size).toBe(27); // Σ n[l]·(n[l−1] + 1) = 5345; √(4e6 / 5345) = 27.4
    expect(gridSizeFor(big, 1)).toBe(MIN_GRID_SIZE);
  });

  it('covers train and test points with the grid of the requested size', () => {
    const dataset = binaryDataset();
    const g = planeGeometry(dataset, 20);
    expect([g.grid.rows, g.grid.cols]).toEqual([2, 400]);
    for (const X of [dataset.train.X, dataset.test!.X]) {
      for (let j = 0; j < X.cols; j++) {
        expect(X.get(0, j)).toBeGreaterThan(g.x[0]);
        expect(X.get(0, j)).toBeLessThan(g.x[1]);
        expect(X.get(1, j)).toBeGreaterThan(g.y[0]);
        expect(X.get(1, j)).toBeLessThan(g.y[1]);
      }
    }
  });
});

describe('predictGrid', () => {
  it('equals a direct predict call on each grid point (80 × 80, tolerance 1e-12)', () => {
    const source = createNetwork({ sizes: [2, 8, 8, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 7 });
    const network = setParams(predictorNetwork([2, 8, 8, 1], { hidden: 'tanh', output: 'sigmoid', loss: 'bce' }), networkParams(source));
    const G = gridInputs([-2, 2], [-1.5, 2.5], 80);
    const A = predictGrid(network, G);
    expect([A.rows, A.cols]).toEqual([1, 6400]);
    for (const k of [0, 79, 80 * 40 + 13, 6399]) {
      const one = predict(source, new Matrix(2, 1, Float64Array.of(G.get(0, k), G.get(1, k))));
      expect(Math.abs(A.data[k] - one.data[0])).toBeLessThan(1e-12);
    }
  });

  it('gives k rows of probabilities for a softmax output', () => {
    const network = predictorNetwork([2, 5, 3], { hidden: 'relu', output: 'softmax', loss: 'cce' });
    const A = predictGrid(network, gridInputs([-1, 1], [-1, 1], 10));
    expect([A.rows, A.cols]).toEqual([3, 100]);
    for (let j = 0; j < 100; j++) expect(A.get(0, j) + A.get(1, j) + A.get(2, j)).toBeCloseTo(1, 12);
  });

  it('follows new parameters without copying them', () => {
    const network = predictorNetwork([2, 3, 1], { hidden: 'tanh', output: 'sigmoid', loss: 'bce' });
    const params = networkParams(createNetwork({ sizes: [2, 3, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 3 }));
    setParams(network, params);
    const G = gridInputs([-1, 1], [-1, 1], 4);
    const before = predictGrid(network, G).data[5];
    params[1].b.data[0] += 1;
    expect(predictGrid(network, G).data[5]).toBeGreaterThan(before);
    expect(() => setParams(network, params.slice(1))).toThrow(RangeError);
  });
});

describe('classes and units', () => {
  it('reads classes from one row (y ≥ 0.5) or one-hot rows (argmax)', () => {
    expect(Array.from(classOfColumns(Matrix.fromRows([[0, 1, 1, 0]])))).toEqual([0, 1, 1, 0]);
    expect(Array.from(classOfColumns(Matrix.fromRows([[1, 0, 0], [0, 0, 1], [0, 1, 0]])))).toEqual([0, 2, 1]);
  });

  it('undoes z-score and min–max normalisation', () => {
    const { normalization } = binaryDataset(); // z-score, μ = 5, σ = 10
    expect(denormalize(normalization, 0, 1.5)).toBe(20);
    const minmax = { kind: 'minmax' as const, stats: [{ name: 'a', mean: 0, std: 1, min: 2, max: 6 }] };
    expect(denormalize(minmax, 0, 0.5)).toBe(4);
    expect(denormalize({ kind: 'none', stats: [] }, 0, 3)).toBe(3);
  });
});
