/** Activation g of a layer. `softmax` is for the output layer only. */
export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'linear' | 'softmax';
/** mse = 1/(2m) Σ‖a − y‖²;  bce = −1/m Σ [y ln a + (1−y) ln(1−a)] (sigmoid output);  cce = −1/m Σ y ln a (softmax output). */
export type LossName = 'mse' | 'bce' | 'cce';
/** xavier: Glorot uniform;  he: He normal-free uniform for ReLU;  small: uniform ±0.5. */
export type InitName = 'xavier' | 'he' | 'small';
export type OptimizerName = 'sgd' | 'momentum' | 'adam';

/** What `createNetwork` builds: sizes = [n0, n1, …, nL] (inputs first, outputs last). */
export interface NetworkConfig {
  sizes: number[];
  hidden: ActivationName;
  output: ActivationName;
  loss: LossName;
  init?: InitName;
  seed?: number;
}

/** Options of one training step. learningRate is η. l2 is λ in λ/(2m)·Σ‖W‖² (biases are not decayed). */
export interface TrainOptions {
  learningRate: number;
  optimizer?: OptimizerName;
  l2?: number;
}
