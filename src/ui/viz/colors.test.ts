import { rgb } from 'd3-color';
import { interpolatePuOr } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { contrastRatio, divergingColor, edgeDash, legendGradient, needsLightText, NO_VALUE_COLOR, robustMaxAbs, strokeWidthScale } from './colors';

describe('divergingColor (PuOr)', () => {
  it('maps negative to orange, 0 to the neutral middle, positive to purple, clamped', () => {
    expect(divergingColor(-2, 2)).toBe(interpolatePuOr(1));
    expect(divergingColor(0, 2)).toBe(interpolatePuOr(0.5));
    expect(divergingColor(2, 2)).toBe(interpolatePuOr(0));
    expect(divergingColor(50, 2)).toBe(interpolatePuOr(0));
    expect(divergingColor(1, 2)).toBe(interpolatePuOr(0.25));
  });
  it('never shows NaN: grey for non-finite values, and a sane scale for maxAbs 0', () => {
    expect(divergingColor(Number.NaN, 1)).toBe(NO_VALUE_COLOR);
    expect(divergingColor(Infinity, 1)).toBe(NO_VALUE_COLOR);
    expect(divergingColor(0, 0)).toBe(interpolatePuOr(0.5));
  });
  it('reads d3\'s "rgb(r, g, b)" as d3-color does: the same contrast from the text and from its channels', () => {
    for (let t = 0; t <= 1; t += 1 / 64) {
      const fill = interpolatePuOr(t);
      const c = rgb(fill);
      expect(contrastRatio('#ffffff', fill)).toBe(contrastRatio('#ffffff', `#${[c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('')}`));
    }
  });
  it('asks for light text on the dark ends only', () => {
    expect(needsLightText(0.9, 1)).toBe(true);
    expect(needsLightText(-0.9, 1)).toBe(true);
    expect(needsLightText(0.2, 1)).toBe(false);
  });
  it('keeps the text inside neurons at ≥ 4.5:1 (WCAG AA) on every fill, full and dimmed', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    // Dimmed neurons: the fill at 30 % opacity over white (diagram.css), text #3b3f46.
    const dimmed = (colour: string) => {
      const c = rgb(colour);
      const mix = (v: number) => Math.round(0.3 * v + 0.7 * 255);
      return rgb(mix(c.r), mix(c.g), mix(c.b)).formatHex();
    };
    for (let k = 0; k <= 400; k++) {
      const v = -1 + k / 200;
      const fill = divergingColor(v, 1);
      const text = needsLightText(v, 1) ? '#ffffff' : '#000000';
      expect(contrastRatio(text, fill), `v = ${v}`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio('#3b3f46', dimmed(fill)), `dimmed v = ${v}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio('#000000', NO_VALUE_COLOR)).toBeGreaterThanOrEqual(4.5);
  });
  it('builds a legend gradient from orange to purple', () => {
    const g = legendGradient(3);
    expect(g).toBe(`linear-gradient(to right, ${interpolatePuOr(1)}, ${interpolatePuOr(0.5)}, ${interpolatePuOr(0)})`);
  });
});

describe('robustMaxAbs', () => {
  it('takes a high quantile of |values| across arrays, ignoring non-finite', () => {
    const values = Float64Array.from({ length: 100 }, (_, k) => (k % 2 ? -1 : 1) * (k + 1));
    expect(robustMaxAbs([values], 1)).toBe(100);
    expect(robustMaxAbs([values])).toBe(98);
    expect(robustMaxAbs([[1, Number.NaN], [-3]], 1)).toBe(3);
    expect(robustMaxAbs([])).toBe(0);
  });
  it('is the sorted |values| at the quantile\'s index, for random, sorted, reversed and tied values', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const cases = [
      Float64Array.from({ length: 5312 }, random),
      Float64Array.from({ length: 1000 }, (_, k) => k),
      Float64Array.from({ length: 1000 }, (_, k) => -k),
      Float64Array.from({ length: 777 }, (_, k) => (k % 5) - 2),
      Float64Array.from({ length: 3 }, random),
      Float64Array.of(4),
    ];
    for (const values of cases) {
      const sorted = Float64Array.from(values, Math.abs).sort();
      for (const q of [0, 0.5, 0.98, 1]) expect(robustMaxAbs([values], q)).toBe(sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]);
    }
  });
});

describe('strokeWidthScale', () => {
  it('grows with the square root of |value|, from 0.4 to the maximum', () => {
    const w = strokeWidthScale(4, 5);
    expect(w(0)).toBeCloseTo(0.4, 12);
    expect(w(-4)).toBeCloseTo(5, 12);
    expect(w(1)).toBeCloseTo(0.4 + 4.6 * 0.5, 12);
    expect(w(100)).toBeCloseTo(5, 12);
    expect(w(Number.NaN)).toBe(0.4);
  });
});

describe('edgeDash', () => {
  it('dashes negative edges only, longer dashes for wider strokes', () => {
    expect(edgeDash(0.3, 2)).toBeUndefined();
    expect(edgeDash(0, 2)).toBeUndefined();
    expect(edgeDash(Number.NaN, 2)).toBeUndefined();
    // 2.5 + 1.6·w and 2 + 1.2·w: w = 1 → "4.1 3.2", w = 5 → "10.5 8.0".
    expect(edgeDash(-0.3, 1)).toBe('4.1 3.2');
    expect(edgeDash(-0.3, 5)).toBe('10.5 8.0');
  });
});
