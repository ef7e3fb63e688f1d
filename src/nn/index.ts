/**
 * The engine's public API: a from-scratch fully connected network trained by mini-batch
 * backpropagation, in the column convention (a batch X is n0 × m, one column per sample).
 */
export {
  Matrix, matMul, matMulInto, matMulTransposeAInto, matMulTransposeBInto, affineInto, transpose, hadamard,
  add, subtract, scale, addColumnVector, sumColumns, sumColumnsInto, copyInto, sumOfSquares, shapeOf, argmaxColumn,
} from './matrix';
export type {
  ActivationName, LossName, InitName, OptimizerName, NetworkConfig, TrainOptions, Layer, Network,
  OptimizerLayerState, OptimizerState, LayerStep, StepRecord, Batch, Batcher,
} from './types';
export { activations, sigmoid, LEAKY_SLOPE, type Activation } from './activations';
export { losses, softplus, hasSimplifiedOutputError, type Loss } from './losses';
export { initRange, defaultInit } from './init';
export { optimizers, MOMENTUM_BETA, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON } from './optimizers';
export { createRng, deriveSeed } from './rng';
export { createNetwork, cloneNetwork, validateConfig } from './network';
export { trainStep, predict, evaluate, cloneStepRecord, trainEpoch } from './train';
export { createBatcher, gatherColumns } from './batcher';
export { columnForward, EVALUATION_CHUNK, type ColumnForward, type ForwardChunk } from './chunks';
export { gradientCheck, relativeError, type GradientCheckResult } from './gradcheck';
