import { describe, expect, it } from 'vitest';
import { textWidth } from './layout';
import { columnCaptions, layerCaption, MIN_NEURON_SPACING, neededHeight, stageMinHeight } from './useDiagramLayout';

describe('columnCaptions', () => {
  const sizes = [5, 8, 8, 1];
  it('uses the full captions when the columns are far enough apart', () => {
    expect(columnCaptions(sizes, 200, 13)).toEqual(['inputs (5)', 'hidden 1 (8)', 'hidden 2 (8)', 'output (1)']);
  });
  it('shortens to "h1 (8)" and then to "h1" as the columns get closer', () => {
    // "hidden 1 (8)" is 12 characters ≈ 12 · 0.6 · 12.35 ≈ 89 px; "out (1)" ≈ 52 px; "out" ≈ 22 px.
    expect(columnCaptions(sizes, 80, 13)).toEqual(['in (5)', 'h1 (8)', 'h2 (8)', 'out (1)']);
    expect(columnCaptions(sizes, 40, 13)).toEqual(['in', 'h1', 'h2', 'out']);
  });
  it('every caption it picks fits the spacing it was given (when any form fits)', () => {
    for (const spacing of [60, 90, 120, 160]) {
      for (const caption of columnCaptions(sizes, spacing, 14)) expect(textWidth(caption, 14 * 0.95)).toBeLessThanOrEqual(spacing - 8);
    }
  });
});

describe('layerCaption and stageMinHeight', () => {
  it('names the columns as the equations do', () => {
    expect([0, 1, 2, 3].map((k) => layerCaption(k, 3))).toEqual(['inputs', 'hidden 1', 'hidden 2', 'output']);
  });
  it('grows the stage for wide layers, between 180 and 360 px (beyond, the stage scrolls)', () => {
    expect(stageMinHeight([2, 4, 1])).toBe(180);
    // 8 neurons: 7 gaps of MIN_NEURON_SPACING and the drawing's own margins at 13 px labels (38 + 36).
    expect(stageMinHeight([5, 8, 1])).toBe(7 * MIN_NEURON_SPACING + 74);
    expect(stageMinHeight([5, 32, 1])).toBe(360);
  });
  it('needs MIN_NEURON_SPACING between the neurons of the widest layer', () => {
    expect(neededHeight([5, 32, 1], 30, 30)).toBe(31 * MIN_NEURON_SPACING + 60);
  });
});
