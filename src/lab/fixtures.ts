/**
 * Small synthetic datasets for the lab's tests (no file, no data layer): a seeded binary problem and a
 * regression problem, in the column convention (X is n0 × m).
 */
import { createRng, Matrix } from '../nn';
import type { LabDataset } from './dataset';

function columns(n0: number, m: number, random: () => number): Matrix {
  const X = new Matrix(n0, m);
  for (let k = 0; k < X.data.length; k++) X.data[k] = random() * 4 - 2;
  return X;
}

/**
 * m points in the square [−2, 2]², labelled 1 when x₁ + x₂ > 0: linearly separable, so a small
 * network learns it within a few epochs. A test split of 10 points comes from the same rule.
 */
export function binaryDataset(m = 23, seed = 3): LabDataset {
  const random = createRng(seed);
  const make = (count: number) => {
    const X = columns(2, count, random);
    const Y = new Matrix(1, count);
    for (let j = 0; j < count; j++) Y.data[j] = X.get(0, j) + X.get(1, j) > 0 ? 1 : 0;
    return { X, Y, rawX: new Matrix(2, count, X.data.map((v) => v * 10 + 5)) };
  };
  return {
    id: 'test:binary',
    name: 'binary test set',
    featureNames: ['x1', 'x2'],
    targetName: 'y',
    task: 'binary',
    classes: ['0', '1'],
    outputSize: 1,
    train: make(m),
    test: make(10),
    normalization: {
      kind: 'zscore',
      stats: [
        { name: 'x1', mean: 5, std: 10, min: -15, max: 25 },
        { name: 'x2', mean: 5, std: 10, min: -15, max: 25 },
      ],
    },
    targetScale: null,
  };
}

/** y = 3·x₁ − x₂ on m points, standardised target with σ = 2 (so RMSE is reported ×2), no test split. */
export function regressionDataset(m = 40, seed = 5): LabDataset {
  const random = createRng(seed);
  const X = columns(2, m, random);
  const Y = new Matrix(1, m);
  for (let j = 0; j < m; j++) Y.data[j] = 3 * X.get(0, j) - X.get(1, j);
  return {
    id: 'test:regression',
    name: 'regression test set',
    featureNames: ['x1', 'x2'],
    targetName: 'y',
    task: 'regression',
    classes: [],
    outputSize: 1,
    train: { X, Y, rawX: X },
    test: null,
    normalization: { kind: 'none', stats: [] },
    targetScale: { mean: 0, std: 2 },
  };
}
