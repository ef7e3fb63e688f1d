/**
 * The part of the data layer's Dataset that the lab reads: derived from Dataset itself, so the two
 * cannot drift apart, and narrow, so the lab's test fixtures need not invent notices or a summary.
 */
import type { Dataset } from '../data';

/** A dataset as the lab uses it: X is n0 × m (normalised), rawX the same before normalisation, Y is nL × m. */
export type LabDataset = Pick<
  Dataset,
  'id' | 'name' | 'featureNames' | 'targetName' | 'task' | 'classes' | 'outputSize' | 'train' | 'test' | 'normalization' | 'targetScale'
>;
