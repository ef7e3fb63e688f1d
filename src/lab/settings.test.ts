import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS, defaultSettings, fitHeadToTask, isValidHead, learningRateFromSlider, lossesFor,
  outputActivationsFor, settingsFromPlain, settingsToPlain, sliderFromLearningRate, type LabSettings,
} from './settings';

describe('settings codec', () => {
  it('round-trips every setting through a plain object of strings', () => {
    const settings: LabSettings = {
      ...defaultSettings(),
      hiddenLayers: [32, 1, 7],
      hiddenActivation: 'leakyRelu',
      outputActivation: 'softmax',
      loss: 'cce',
      init: 'he',
      optimizer: 'adam',
      learningRate: 0.00316,
      batchSize: 8143,
      l2: 0.01,
      seed: 4294967295,
      speed: 'equation',
    };
    const plain = settingsToPlain(settings);
    expect(plain.hiddenLayers).toBe('32-1-7');
    expect(Object.values(plain).every((v) => typeof v === 'string')).toBe(true);
    // Through JSON too, as a URL or localStorage would carry it.
    const back = settingsFromPlain(JSON.parse(JSON.stringify(plain)) as Record<string, unknown>);
    expect(back.errors).toEqual([]);
    expect(back.settings).toEqual(settings);
  });

  it('round-trips no hidden layers as an empty string', () => {
    const settings = { ...defaultSettings(), hiddenLayers: [] };
    expect(settingsFromPlain(settingsToPlain(settings)).settings.hiddenLayers).toEqual([]);
  });

  it('accepts numbers as numbers and lists as arrays', () => {
    const { settings, errors } = settingsFromPlain({ learningRate: 0.5, batchSize: 10, hiddenLayers: [4, 4] });
    expect(errors).toEqual([]);
    expect([settings.learningRate, settings.batchSize, settings.hiddenLayers]).toEqual([0.5, 10, [4, 4]]);
  });

  it('refuses bad values one by one, keeping the base value and saying why', () => {
    const bad = {
      hiddenLayers: '16-0', hiddenActivation: 'softmax', loss: 'hinge', optimizer: 42, learningRate: '1000',
      batchSize: '2.5', l2: '-1', seed: 'abc', speed: '', init: null, unknownKey: 'ignored',
    };
    const { settings, errors } = settingsFromPlain(bad);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(errors.map((e) => e.key).sort()).toEqual(
      ['batchSize', 'hiddenActivation', 'hiddenLayers', 'init', 'l2', 'learningRate', 'loss', 'optimizer', 'seed', 'speed'],
    );
    expect(errors.find((e) => e.key === 'learningRate')?.message).toMatch(/from 0\.0001 to 100/);
    expect(errors.find((e) => e.key === 'hiddenLayers')?.message).toMatch(/from 1 to 32/);
    expect(settingsFromPlain({ hiddenLayers: '1-1-1-1-1-1-1' }).errors[0].message).toMatch(/0 to 6 numbers, got 7/);
    expect(settingsFromPlain({ learningRate: 'NaN' }).errors).toHaveLength(1);
    expect(settingsFromPlain({ learningRate: 'Infinity' }).errors).toHaveLength(1);
  });

  it('never lets a decode share the base array', () => {
    const { settings } = settingsFromPlain({});
    settings.hiddenLayers.push(3);
    expect(DEFAULT_SETTINGS.hiddenLayers).toEqual([8, 8]);
  });
});

describe('output activation and loss pairs', () => {
  it('offers only valid pairs per task', () => {
    expect(outputActivationsFor('binary')).toEqual(['sigmoid']);
    expect(lossesFor('binary', 'sigmoid')).toEqual(['bce', 'mse']);
    expect(lossesFor('multiclass', 'softmax')).toEqual(['cce', 'mse']);
    expect(lossesFor('regression', 'linear')).toEqual(['mse']);
    expect(isValidHead('regression', 'sigmoid', 'bce')).toBe(false);
    expect(isValidHead('binary', 'sigmoid', 'cce')).toBe(false);
  });

  it('replaces an invalid pair by the task default', () => {
    const binary = defaultSettings();
    expect(fitHeadToTask(binary, 'binary').changed).toBe(false);
    const fitted = fitHeadToTask(binary, 'regression');
    expect(fitted.changed).toBe(true);
    expect([fitted.settings.outputActivation, fitted.settings.loss]).toEqual(['linear', 'mse']);
    const multi = fitHeadToTask(binary, 'multiclass').settings;
    expect([multi.outputActivation, multi.loss]).toEqual(['softmax', 'cce']);
  });
});

describe('learning-rate slider (value = log10 η)', () => {
  it('maps positions to η with 3 significant digits and clamps to 1e-4 … 10', () => {
    expect(learningRateFromSlider(-1)).toBe(0.1);
    expect(learningRateFromSlider(Math.log10(0.003))).toBe(0.003);
    expect(learningRateFromSlider(-0.30103)).toBe(0.5);
    expect(learningRateFromSlider(-7)).toBe(0.0001);
    expect(learningRateFromSlider(3)).toBe(100);
    expect(sliderFromLearningRate(0.01)).toBeCloseTo(-2, 12);
  });
});
