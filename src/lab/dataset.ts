/**
 * The part of the data layer's Dataset (CONTRACTS.md) that the lab reads, declared structurally so
 * the lab depends only on these fields; a full Dataset is assignable to it.
 */
import type { Matrix } from '../nn';
import type { Normalization } from '../trace';
import type { Task } from './settings';

/** A dataset as the lab uses it: X is n0 × m (normalised), rawX the same before normalisation, Y is nL × m. */
export interface LabDataset {
  id: string;
  name: string;
  featureNames: string[];
  targetName: string;
  task: Task;
  classes: string[];
  outputSize: number;
  train: { X: Matrix; Y: Matrix; rawX: Matrix };
  test: { X: Matrix; Y: Matrix; rawX: Matrix } | null;
  normalization: Normalization;
  targetScale: { mean: number; std: number } | null;
}
