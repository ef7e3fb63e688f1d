/**
 * The reference a tutorial reader would write: the same network as a plain NumPy loop (column
 * convention, `W @ A + b`, one BLAS call per product), run by python3 in a child process with one
 * BLAS thread. It gets our data, our initial weights and our batches (the batcher's column indices,
 * epoch by epoch) through binary files, so its loss after epoch 1 can be compared with ours.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBatcher, createNetwork, type Matrix, type NetworkConfig } from '../src/nn/index';

/** One thread for every BLAS NumPy may be built with. */
const ONE_THREAD = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', VECLIB_MAXIMUM_THREADS: '1', NUMEXPR_NUM_THREADS: '1' };

/** "NumPy 2.4.6 (scipy-openblas …)" if `python3 -c "import numpy"` works, else null. */
export function numpyVersion(): string | null {
  try {
    return execFileSync('python3', ['-c', 'import numpy; c = numpy.show_config(mode="dicts"); print("NumPy", numpy.__version__, "(" + c["Build Dependencies"]["blas"]["name"] + ", 1 thread)")'], {
      env: { ...process.env, ...ONE_THREAD }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** Wall and CPU ms of each epoch (epoch 0 is the warm-up), and the whole-set loss after epoch 1. */
export interface NumpyResult { times: { wall: number; cpu: number }[]; firstLoss: number }

/** Trains `epochs + 1` epochs in NumPy on the same batches our batcher makes from shuffleSeed. */
export function runNumpy(config: NetworkConfig, learningRate: number, batchSize: number, shuffleSeed: number, X: Matrix, Y: Matrix, epochs: number): NumpyResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-numpy-'));
  try {
    const network = createNetwork(config);
    const batcher = createBatcher(X, Y, { batchSize, seed: shuffleSeed });
    const indices: number[] = [], sizes: number[] = [];
    for (let e = 0; e <= epochs; e++) {
      do {
        const batch = batcher.next();
        indices.push(...batch.indices);
        sizes.push(batch.indices.length);
      } while (batcher.epoch === e);
    }
    const write = (name: string, data: Float64Array | Int32Array) => writeFileSync(path.join(dir, name), data);
    write('X.bin', X.data);
    write('Y.bin', Y.data);
    write('indices.bin', Int32Array.from(indices));
    write('sizes.bin', Int32Array.from(sizes));
    network.layers.forEach((layer, l) => write(`W${l}.bin`, layer.W.data));
    const spec = { dir, sizes: config.sizes, M: X.cols, hidden: config.hidden, loss: config.loss, learningRate, epochs };
    const out = execFileSync('python3', ['-c', SCRIPT, JSON.stringify(spec)], { env: { ...process.env, ...ONE_THREAD }, encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out) as NumpyResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The loop as a tutorial writes it (Ng's deep-learning course, "Neural Networks and Deep Learning"
// notation): forward, loss, backward, SGD update, one batch at a time. Biases start at 0 like ours.
const SCRIPT = String.raw`
import json, sys, time
import numpy as np
s = json.loads(sys.argv[1]); d = s["dir"]; n = s["sizes"]; M = s["M"]; L = len(n) - 1; lr = s["learningRate"]
X = np.fromfile(d + "/X.bin", dtype=np.float64).reshape(n[0], M)
Y = np.fromfile(d + "/Y.bin", dtype=np.float64).reshape(n[L], M)
idx = np.fromfile(d + "/indices.bin", dtype=np.int32); sizes = np.fromfile(d + "/sizes.bin", dtype=np.int32)
W = [np.fromfile(d + "/W%d.bin" % l, dtype=np.float64).reshape(n[l + 1], n[l]) for l in range(L)]
b = [np.zeros((n[l + 1], 1)) for l in range(L)]
relu = s["hidden"] == "relu"
def g(Z): return np.maximum(Z, 0) if relu else 1 / (1 + np.exp(-Z))
def dg(Z, A): return (Z > 0).astype(float) if relu else A * (1 - A)
def output(Z):
    if s["loss"] == "bce": return 1 / (1 + np.exp(-Z))
    E = np.exp(Z - Z.max(axis=0, keepdims=True)); return E / E.sum(axis=0, keepdims=True)
def loss(Z, Yb):
    if s["loss"] == "bce": return np.sum(np.logaddexp(0, Z) - Yb * Z) / Z.shape[1]
    lse = Z.max(axis=0) + np.log(np.exp(Z - Z.max(axis=0)).sum(axis=0)); return np.sum(lse - (Yb * Z).sum(axis=0)) / Z.shape[1]
def step(Xb, Yb):
    m = Xb.shape[1]; Zs = []; As = [Xb]
    for l in range(L):
        Z = W[l] @ As[-1] + b[l]; Zs.append(Z); As.append(output(Z) if l == L - 1 else g(Z))
    cost = loss(Zs[-1], Yb)
    dZ = As[-1] - Yb
    for l in range(L - 1, -1, -1):
        dW = dZ @ As[l].T / m; db = dZ.sum(axis=1, keepdims=True) / m
        if l > 0: dZ = (W[l].T @ dZ) * dg(Zs[l - 1], As[l])
        W[l] -= lr * dW; b[l] -= lr * db
    return cost
times = []; first = None; pos = 0; batch = 0
for e in range(s["epochs"] + 1):
    M_left = M; wall = time.perf_counter(); cpu = time.process_time()
    while M_left > 0:
        k = int(sizes[batch]); cols = idx[pos:pos + k]; step(X[:, cols], Y[:, cols]); pos += k; batch += 1; M_left -= k
    times.append({"wall": (time.perf_counter() - wall) * 1000, "cpu": (time.process_time() - cpu) * 1000})
    if e == 0:
        A = X
        for l in range(L): Z = W[l] @ A + b[l]; A = g(Z) if l < L - 1 else A
        first = float(loss(Z, Y))
print(json.dumps({"times": times, "firstLoss": first}))
`;
