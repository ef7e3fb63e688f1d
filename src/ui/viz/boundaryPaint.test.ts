import { describe, expect, it } from 'vitest';
import { Matrix } from '../../nn';
import { CLASS_COLORS, classColor, heatGradient, paintHeatmap } from './boundaryPaint';
import { divergingColor } from './colors';

const paint = (A: Matrix, heat: Parameters<typeof paintHeatmap>[1]) => {
  const rgba = new Uint8ClampedArray(A.cols * 4);
  paintHeatmap(A, heat, rgba);
  return Array.from({ length: A.cols }, (_, j) => Array.from(rgba.slice(j * 4, j * 4 + 4)));
};

describe('paintHeatmap', () => {
  it('binary: P = 0 orange (class 0), ½ near white, 1 purple (class 1), like the diagram; NaN grey', () => {
    const [zero, half, one, nan] = paint(Matrix.fromRows([[0, 0.5, 1, Number.NaN]]), { kind: 'binary' });
    expect(zero[0]).toBeGreaterThan(zero[2] + 60); // red over blue: orange
    expect(one[2]).toBeGreaterThan(one[0] + 40); // blue over red: purple
    expect(Math.min(...half.slice(0, 3))).toBeGreaterThan(230);
    expect(nan).toEqual([154, 160, 166, 255]);
    expect([zero[3], half[3], one[3]]).toEqual([255, 255, 255]);
  });

  it('multiclass: the argmax class colour, pale at a tie, strong when sure', () => {
    const A = Matrix.fromRows([[0.98, 1 / 3, 0.01], [0.01, 1 / 3, 0.01], [0.01, 1 / 3, 0.98]]);
    const [sure0, tie, sure2] = paint(A, { kind: 'multiclass', classes: 3 });
    expect(sure0.slice(0, 3)).not.toEqual(sure2.slice(0, 3));
    // 70 % of Okabe–Ito orange #E69F00 = (230, 159, 0) from white at p ≈ 1.
    expect(sure0[2]).toBeLessThan(100);
    expect(Math.min(...tie.slice(0, 3))).toBeGreaterThan(215);
  });

  it('regression values: diverging around 0 at ±maxAbs, clamped beyond', () => {
    const [neg, zero, pos, beyond] = paint(Matrix.fromRows([[-2, 0, 2, 20]]), { kind: 'value', maxAbs: 2 });
    expect(neg[0]).toBeGreaterThan(neg[2]);
    expect(pos[2]).toBeGreaterThan(pos[0]);
    expect(Math.min(...zero.slice(0, 3))).toBeGreaterThan(230);
    expect(beyond).toEqual(pos);
  });
});

describe('class colours', () => {
  it('binary classes take the ends of the diagram’s scale; more classes Okabe–Ito, cycling', () => {
    expect(classColor(0, 2)).toBe(divergingColor(-1, 1));
    expect(classColor(1, 2)).toBe(divergingColor(1, 1));
    expect(classColor(2, 3)).toBe(CLASS_COLORS[2]);
    expect(classColor(9, 12)).toBe(CLASS_COLORS[1]);
    expect(heatGradient(3)).toMatch(/^linear-gradient\(to right, rgb/);
  });
});
