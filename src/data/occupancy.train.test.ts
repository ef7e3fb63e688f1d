import { expect } from 'vitest';
import { createBatcher, createNetwork, evaluate, trainEpoch } from '../nn';
import { buildDataset } from './dataset';
import { loadCsvBytes } from './load';
import { DEFAULT_DATA_SETTINGS } from './settings';
import { describeOccupancy, itOccupancy, readOccupancyBytes, type OccupancyFile } from './testing/occupancy';

const load = (file: OccupancyFile) => loadCsvBytes(readOccupancyBytes(file), { name: file });

/**
 * The acceptance test of the data issue: datatraining.txt with the default choices (5 numeric features,
 * z-score fitted on training, target Occupancy), a 5-8-8-1 tanh network with a sigmoid output and bce,
 * plain SGD at η = 0.1, three epochs of batch 50. The published models reach 97.9% (LDA) on datatest.txt.
 * Measured with seeds 1–5: datatest.txt 97.8–97.9%, datatest2.txt 98.2–99.2% (training 98.6–98.8%).
 */
describeOccupancy('Occupancy: defaults + three epochs of batch 50', () => {
  itOccupancy('reaches ≥ 97% on datatest.txt; datatest2.txt (recorded later) is reported too', () => {
    const train = load('datatraining.txt');
    const test1 = buildDataset(train, DEFAULT_DATA_SETTINGS, { seed: 1, test: load('datatest.txt') });
    const test2 = buildDataset(train, DEFAULT_DATA_SETTINGS, { seed: 1, test: load('datatest2.txt') });
    // Same training part and normalisation whichever test file goes with it.
    expect(test2.normalization).toEqual(test1.normalization);

    const network = createNetwork({ sizes: [5, 8, 8, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 1 });
    const batcher = createBatcher(test1.train.X, test1.train.Y, { batchSize: 50, seed: 1 });
    expect(batcher.batchesPerEpoch).toBe(163);
    for (let epoch = 0; epoch < 3; epoch++) trainEpoch(network, batcher, { learningRate: 0.1, optimizer: 'sgd' });

    const accuracy = (part: { X: typeof test1.train.X; Y: typeof test1.train.Y }) => evaluate(network, part.X, part.Y).accuracy ?? 0;
    const onTrain = accuracy(test1.train);
    const onTest1 = accuracy(test1.test ?? test1.train);
    const onTest2 = accuracy(test2.test ?? test2.train);
    console.log(`Occupancy after 3 epochs: training ${(100 * onTrain).toFixed(2)}%, datatest.txt ${(100 * onTest1).toFixed(2)}%, datatest2.txt ${(100 * onTest2).toFixed(2)}%`);
    expect(test1.test?.X.cols).toBe(2665);
    expect(test2.test?.X.cols).toBe(9752);
    expect(onTest1).toBeGreaterThanOrEqual(0.97);
    expect(onTest2).toBeGreaterThanOrEqual(0.97);
    expect(onTrain).toBeGreaterThanOrEqual(0.97);
  });
});
