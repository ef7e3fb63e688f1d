/**
 * Which decision-boundary view a dataset has, on its own so that the opening screen (the training card's
 * tab label) does not pull in the boundary's computation (boundary.ts), which the lazy view loads.
 */
import type { LabDataset } from './dataset';

/** 'plane' for two input features, 'curve' for one, null otherwise (nothing to draw). */
export type BoundaryMode = 'plane' | 'curve' | null;

/** Which view fits the dataset: by its number of input features n0. */
export function boundaryMode(dataset: Pick<LabDataset, 'featureNames'>): BoundaryMode {
  const n0 = dataset.featureNames.length;
  return n0 === 2 ? 'plane' : n0 === 1 ? 'curve' : null;
}
