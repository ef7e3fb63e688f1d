import { describe, expect, it } from 'vitest';
import { rgb } from 'd3-color';
import { levelStyles } from './edgeDraw';
import { divergingColor, strokeWidthScale } from './colors';
import { LEVELS } from './edgeStrokes';

describe('levelStyles', () => {
  it('is each level\'s colour, width and dash in device pixels, the same object for the same scale while it is recent', () => {
    const styles = levelStyles(0.8, 2);
    expect(styles.levels).toHaveLength(2 * LEVELS + 1);
    const top = styles.levels[2 * LEVELS];
    const c = rgb(divergingColor(0.8, 0.8));
    expect(top).toMatchObject({ r: c.r, g: c.g, b: c.b, dash: null });
    expect(top.width).toBeCloseTo(strokeWidthScale(0.8)(0.8) * 2, 12);
    // Negative levels are dashed.
    expect(styles.levels[0].dash).not.toBeNull();
    expect(levelStyles(0.8, 2)).toBe(styles);
    // Made again once forgotten: the same numbers in a new object.
    for (let k = 1; k <= 8; k++) levelStyles(k, 1);
    const again = levelStyles(0.8, 2);
    expect(again).not.toBe(styles);
    expect(again).toEqual(styles);
    expect(levelStyles(0.8, 1)).not.toEqual(styles);
  });
});
