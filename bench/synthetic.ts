import { Matrix, createRng } from '../src/nn/index';

/**
 * Occupancy-shaped data: 5 standardised features (like Temperature, Humidity, Light, CO2,
 * HumidityRatio) and a binary target that depends on two of them plus noise, from our seeded rng.
 * X is 5 × M, Y is 1 × M (column convention).
 */
export function occupancyLike(M: number, seed: number): { X: Matrix; Y: Matrix } {
  const random = createRng(seed);
  const X = new Matrix(5, M), Y = new Matrix(1, M);
  for (let i = 0; i < X.data.length; i++) X.data[i] = 2 * (random() + random() + random()) - 3; // roughly bell-shaped, in (−3, 3)
  for (let j = 0; j < M; j++) {
    const score = 1.5 * X.get(2, j) + 0.8 * X.get(3, j) - 0.3 * X.get(0, j) + 0.5 * (random() - 0.5);
    Y.data[j] = score > 0.4 ? 1 : 0;
  }
  return { X, Y };
}

/**
 * MNIST-shaped data: 784 pixel-like features in [0, 1) and a one-hot label among 10 classes given
 * by the argmax of a fixed random projection (a teacher), so the task is learnable.
 * X is 784 × M, Y is 10 × M.
 */
export function mnistLike(M: number, seed: number): { X: Matrix; Y: Matrix } {
  const random = createRng(seed);
  const n = 784, k = 10;
  const teacher = new Float64Array(k * n);
  for (let i = 0; i < teacher.length; i++) teacher[i] = random() - 0.5;
  const X = new Matrix(n, M), Y = new Matrix(k, M);
  for (let i = 0; i < X.data.length; i++) X.data[i] = random() < 0.8 ? 0 : random(); // sparse, like ink on a page
  for (let j = 0; j < M; j++) {
    let best = 0, bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += teacher[c * n + i] * X.data[i * M + j];
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    Y.set(best, j, 1);
  }
  return { X, Y };
}
