import { backward, checkBatch, dataLoss, forward, l2Penalty } from './backprop';
import { columnForward, EVALUATION_CHUNK } from './chunks';
import { hasSimplifiedOutputError, losses } from './losses';
import { argmaxColumn, copyInto, Matrix } from './matrix';
import { optimizers } from './optimizers';
import type { Batcher, LayerStep, Network, OptimizerName, OptimizerState, StepRecord, TrainOptions } from './types';
import { parameterBuffers, trainingWorkspace, type Workspace } from './workspace';

function checkOptions(learningRate: number, optimizer: OptimizerName, l2: number): void {
  if (!Number.isFinite(learningRate) || learningRate < 0) throw new RangeError(`trainStep: learningRate must be a finite number ≥ 0, got ${learningRate}`);
  if (!Number.isFinite(l2) || l2 < 0) throw new RangeError(`trainStep: l2 must be a finite number ≥ 0, got ${l2}`);
  if (!(optimizer in optimizers)) throw new RangeError(`trainStep: unknown optimizer '${optimizer}'`);
}

/** The optimiser state for `name`, restarted from zero (V, M, S = 0, t = 0) when the optimiser changed. */
function optimizerState(network: Network, name: OptimizerName): OptimizerState {
  if (network.optimizer?.name !== name) {
    network.optimizer = { name, t: 0, layers: network.layers.map((layer) => optimizers[name].initLayerState(layer.W, layer.b)) };
  }
  return network.optimizer;
}

/** The record object of a workspace, built once and refilled by every step of that batch size. */
function recordOf(network: Network, ws: Workspace, X: Matrix, Y: Matrix): StepRecord {
  if (ws.record) return ws.record;
  const { dW, db, WBefore, bBefore } = parameterBuffers(network);
  const layers: LayerStep[] = network.layers.map((layer, i) => ({
    l: i + 1, activation: layer.activation, W: WBefore[i], b: bBefore[i], Z: ws.Z[i], A: ws.A[i], dA: ws.dA[i], dZ: ws.dZ[i],
    dW: dW[i], db: db[i], WAfter: layer.W, bAfter: layer.b,
  }));
  const { loss, output } = network.config;
  ws.record = {
    loss: 0, dataLoss: 0, l2Penalty: 0, m: ws.m, A0: X, Y, layers, lossName: loss, output,
    options: { learningRate: 0, optimizer: 'sgd', l2: 0 }, t: 0, simplifiedOutputError: hasSimplifiedOutputError(output, loss),
  };
  return ws.record;
}

/**
 * One step of mini-batch gradient descent on the batch X (n0 × m), Y (nL × m): forward pass, loss,
 * backward pass — every gradient from the parameters as they were before the step — then the
 * optimiser updates W[l] and b[l] in place.
 * @returns the step record; its matrices are views into buffers the next trainStep of the same
 *   batch size overwrites (use cloneStepRecord to keep one). WAfter/bAfter are the network's own W, b.
 */
export function trainStep(network: Network, X: Matrix, Y: Matrix, options: TrainOptions): StepRecord {
  checkBatch('trainStep', network, X, Y);
  const { learningRate, optimizer = 'sgd', l2 = 0 } = options;
  checkOptions(learningRate, optimizer, l2);
  const m = X.cols;
  const ws = trainingWorkspace(network, m);
  const { dW, db, WBefore, bBefore } = parameterBuffers(network);

  forward(network, X, ws);
  const data = dataLoss(network, ws, Y);
  const penalty = l2Penalty(network, l2, m);
  backward(network, X, Y, ws, l2, dW, db);

  const state = optimizerState(network, optimizer);
  const t = state.t + 1;
  const record = recordOf(network, ws, X, Y);
  for (let i = 0; i < network.layers.length; i++) {
    const layer = network.layers[i];
    copyInto(layer.W, WBefore[i]);
    copyInto(layer.b, bBefore[i]);
    optimizers[optimizer].updateLayer(layer, dW[i], db[i], state.layers[i], learningRate, t);
    const step = record.layers[i];
    const s = state.layers[i];
    step.WAfter = layer.W;
    step.bAfter = layer.b;
    step.velocityW = s.velocityW; step.velocityB = s.velocityB;
    step.momentW = s.momentW; step.momentB = s.momentB;
    step.secondW = s.secondW; step.secondB = s.secondB;
  }
  state.t = t;
  network.updates += 1;

  record.loss = data + penalty;
  record.dataLoss = data;
  record.l2Penalty = penalty;
  record.A0 = X;
  record.Y = Y;
  record.options.learningRate = learningRate;
  record.options.optimizer = optimizer;
  record.options.l2 = l2;
  record.t = t;
  return record;
}

/** A[L] = the network's output for X (n0 × m): a new nL × m matrix (computed EVALUATION_CHUNK columns at a time). */
export function predict(network: Network, X: Matrix): Matrix {
  checkBatch('predict', network, X);
  const run = columnForward(network, X, null);
  const nL = network.config.sizes[network.config.sizes.length - 1];
  const out = new Matrix(nL, X.cols);
  for (let start = 0; start < X.cols; start += EVALUATION_CHUNK) {
    const end = Math.min(X.cols, start + EVALUATION_CHUNK);
    const { A } = run.run(start, end);
    for (let i = 0; i < nL; i++) out.data.set(A.data.subarray(i * A.cols, (i + 1) * A.cols), i * X.cols + start);
  }
  return out;
}

/**
 * The data loss (1/m)·Σᵢ ℓᵢ of the network on X, Y (no L2 term), and the accuracy for a sigmoid
 * output with one unit (a ≥ 0.5 counts as class 1, y ≥ 0.5 likewise) or a softmax output (argmax of
 * A against argmax of Y). Runs EVALUATION_CHUNK columns at a time, so memory stays bounded for any
 * set; the loss's running sum goes on from chunk to chunk (see Loss.total).
 */
export function evaluate(network: Network, X: Matrix, Y: Matrix): { loss: number; accuracy?: number } {
  checkBatch('evaluate', network, X, Y);
  const run = columnForward(network, X, Y);
  const { output, loss: lossName } = network.config;
  const nL = network.config.sizes[network.config.sizes.length - 1];
  const classifies = (output === 'sigmoid' && nL === 1) || output === 'softmax';
  let total = 0;
  let correct = 0;
  for (let start = 0; start < X.cols; start += EVALUATION_CHUNK) {
    const chunk = run.run(start, Math.min(X.cols, start + EVALUATION_CHUNK));
    const { Z, A } = chunk;
    const Yc = chunk.Y as Matrix;
    total = losses[lossName].total(Z, A, Yc, total);
    if (output === 'softmax') {
      for (let j = 0; j < chunk.m; j++) if (argmaxColumn(A, j) === argmaxColumn(Yc, j)) correct++;
    } else if (classifies) {
      for (let j = 0; j < chunk.m; j++) if (A.data[j] >= 0.5 === Yc.data[j] >= 0.5) correct++;
    }
  }
  const loss = total / X.cols;
  return classifies ? { loss, accuracy: correct / X.cols } : { loss };
}

/** A deep copy of a step record, safe to keep after the next trainStep. */
export function cloneStepRecord(record: StepRecord): StepRecord {
  return {
    ...record,
    A0: record.A0.clone(),
    Y: record.Y.clone(),
    options: { ...record.options },
    layers: record.layers.map((step) => {
      const copy: LayerStep = {
        l: step.l, activation: step.activation, W: step.W.clone(), b: step.b.clone(), Z: step.Z.clone(), A: step.A.clone(),
        dA: step.dA.clone(), dZ: step.dZ.clone(), dW: step.dW.clone(), db: step.db.clone(),
        WAfter: step.WAfter.clone(), bAfter: step.bAfter.clone(),
      };
      for (const key of ['velocityW', 'velocityB', 'momentW', 'momentB', 'secondW', 'secondB'] as const) {
        const m = step[key];
        if (m) copy[key] = m.clone();
      }
      return copy;
    }),
  };
}

/**
 * Trains on the batcher's batches until its epoch ends (the rest of the current epoch if it is
 * part-way through). Returns the mean batch loss weighted by batch size, Σ L_b·m_b / Σ m_b.
 */
export function trainEpoch(network: Network, batcher: Batcher, options: TrainOptions): { loss: number } {
  const epoch = batcher.epoch;
  let weighted = 0;
  let samples = 0;
  do {
    const batch = batcher.next();
    const record = trainStep(network, batch.X, batch.Y, options);
    weighted += record.loss * record.m;
    samples += record.m;
  } while (batcher.epoch === epoch);
  return { loss: weighted / samples };
}
