import { describe, expect, it } from 'vitest';
import { exportFileName, readModelJson } from './export';
import { latexExport, metricsExport, modelExport, predictionsExport } from './exportSession';
import { binaryDataset } from './fixtures';
import { LabSession } from './session';
import { defaultSettings } from './settings';

describe('exportFileName', () => {
  it('keeps letters, digits, dots and dashes of the dataset name', () => {
    expect(exportFileName('Two moons', 'model', 'json')).toBe('backprop-lab-Two-moons-model.json');
    expect(exportFileName('datatraining.txt', 'metrics', 'csv')).toBe('backprop-lab-datatraining.txt-metrics.csv');
  });

  it('cannot name another folder or a hidden file', () => {
    expect(exportFileName('../../etc/passwd', 'x', 'csv')).toBe('backprop-lab-etc-passwd-x.csv');
    expect(exportFileName('..', 'x', 'csv')).toBe('backprop-lab-data-x.csv');
    expect(exportFileName('C:\\a\\b<>|?*', 'x', 'csv')).toBe('backprop-lab-C-a-b-x.csv');
    expect(exportFileName('Ünïcödé', 'x', 'csv')).toBe('backprop-lab-Unicode-x.csv');
    expect(exportFileName('a'.repeat(99), 'x', 'csv')).toBe(`backprop-lab-${'a'.repeat(40)}-x.csv`);
  });
});

describe('session exports', () => {
  const session = () => {
    const s = new LabSession(binaryDataset(), { ...defaultSettings(), hiddenLayers: [3], batchSize: 10 });
    s.stepEpoch();
    s.stepEquation();
    return s;
  };

  it('names and types each file and builds it from the session', () => {
    const s = session();
    const model = modelExport(s);
    expect(model).toMatchObject({ name: 'backprop-lab-binary-test-set-model-t4.json', mime: 'application/json' });
    expect(readModelJson(model.text).network.updates).toBe(4);
    const metrics = metricsExport(s);
    expect(metrics.name).toBe('backprop-lab-binary-test-set-metrics.csv');
    expect(metrics.text.split('\r\n')).toHaveLength(1 + 5 + 1); // header, t = 0…4, final line end
    expect(predictionsExport(s).name).toBe('backprop-lab-binary-test-set-predictions-test.csv');
    expect(predictionsExport(s, 'train').text.split('\r\n')).toHaveLength(1 + 23 + 1);
    const latex = latexExport(s);
    expect(latex?.name).toBe('backprop-lab-binary-test-set-equations-t4.tex');
    expect(latex?.text).toContain('Epoch 2, batch 1 of 3, update $t = 4$');
  });

  it('has no equations to export before the first batch', () => {
    const s = new LabSession(binaryDataset(), defaultSettings());
    expect(latexExport(s)).toBeNull();
    expect(metricsExport(s).text.split('\r\n')).toHaveLength(3);
  });
});
