import { describe, expect, it } from 'vitest';
import { fitsInRing, NEAR_ZERO_TEXT, nodeValueText, RING_INSET, valueForms, valueTextWidth } from './nodeText';
import { MIN_NEURON_RADIUS, MIN_NEURON_SPACING } from './useDiagramLayout';

describe('valueTextWidth', () => {
  it('estimates at least the widths Chromium measures for DejaVu Sans at 12 px', () => {
    // getBBox() in Debian's Chromium: "0.12" 26.7 px, ".12" 19.1 px, "0" 7.6 px (the default sans-serif).
    expect(valueTextWidth('0.12', 12)).toBeGreaterThanOrEqual(26.7 - 0.1);
    expect(valueTextWidth('.12', 12)).toBeGreaterThanOrEqual(19.1 - 0.1);
    expect(valueTextWidth('0', 12)).toBeGreaterThanOrEqual(7.6 - 0.1);
    expect(valueTextWidth('-0.097', 24)).toBeCloseTo(2 * valueTextWidth('-0.097', 12), 9);
  });
});

describe('fitsInRing', () => {
  it('asks the corners of the ink box to lie within the ring’s inner edge', () => {
    // ".12" at 12 px: half width 9.54, half height 4.44 → 10.52 from the centre; the inner edge of a ring of 12 is 10.5.
    expect(fitsInRing('.12', 12, 12)).toBe(false);
    expect(fitsInRing('.12', 12, 10.52 + RING_INSET + 0.01)).toBe(true);
    expect(fitsInRing('0', 12, 1)).toBe(false);
  });
});

describe('valueForms', () => {
  it('goes from two significant digits to one, with and without the leading zero', () => {
    expect(valueForms(-0.097)).toEqual(['-0.097', '-.097', '-0.1', '-.1']);
    expect(valueForms(0.5)).toEqual(['0.5', '.5']);
    expect(valueForms(12.3)).toEqual(['12', '10']);
    expect(valueForms(0)).toEqual(['0']);
    expect(valueForms(Number.NaN)).toEqual(['–']);
    expect(valueForms(1234)).toEqual(['1.2e+3', '1e+3', '1.2e3', '1e3']);
  });
  it('writes every form as x rounded to 1 or 2 significant digits, never another number', () => {
    for (const x of [-0.097, 0.0123, 3.14159, -45.6, 987, 0.00042, -12000]) {
      const rounded = [Number(x.toPrecision(2)), Number(x.toPrecision(1))];
      for (const form of valueForms(x)) expect(rounded).toContain(Number(form));
    }
  });
});

describe('nodeValueText', () => {
  it('keeps two significant digits in a large ring and shortens them in a small one', () => {
    expect(nodeValueText(-0.097, 30, 13)).toBe('-0.097');
    expect(nodeValueText(-0.097, MIN_NEURON_RADIUS, 12)).toBe('-0.1');
    expect(nodeValueText(0.123, MIN_NEURON_RADIUS, 12)).toBe('.12');
  });
  it('writes ≈0 for a non-zero value below 0.01 that no short form fits, and an exact 0 as 0', () => {
    for (const x of [-0.0012, 0.0099, 4e-3, -1e-9, 5e-300]) expect(nodeValueText(x, MIN_NEURON_RADIUS, 12), String(x)).toBe(NEAR_ZERO_TEXT);
    expect(fitsInRing(NEAR_ZERO_TEXT, 12, MIN_NEURON_RADIUS)).toBe(true);
    expect(nodeValueText(0, MIN_NEURON_RADIUS, 12)).toBe('0');
    // A ring wide enough for the exponent form keeps the number itself.
    expect(nodeValueText(-0.0012, 30, 13)).toBe('-1.2e-3');
  });
  it('writes a large value’s exponent without its plus sign when that is what fits', () => {
    expect(nodeValueText(1234, MIN_NEURON_RADIUS, 12)).toBe('1e3');
    expect(Number('1e3')).toBe(Number((1234).toPrecision(1)));
  });
  it('writes nothing rather than a value wider than the ring', () => {
    expect(nodeValueText(-12345, MIN_NEURON_RADIUS, 12)).toBeNull();
    expect(nodeValueText(0.5, 6, 12)).toBeNull();
    expect(nodeValueText(0.001, 6, 12)).toBeNull();
  });
  it('at the least radius, writes at least one significant digit of every value from 0.01 to 950 in size (negatives to −95: "1000" and "-100" are too wide)', () => {
    for (let e = -2; e < 3; e++) {
      for (const mantissa of [1, 1.25, 2.5, 4.4, 6.1, 9.49, 9.99]) {
        const x = mantissa * 10 ** e;
        if (x >= 950) continue;
        for (const v of x < 95 ? [x, -x] : [x]) {
          const text = nodeValueText(v, MIN_NEURON_RADIUS, 12);
          expect(text, String(v)).not.toBeNull();
          expect(fitsInRing(text!, 12, MIN_NEURON_RADIUS)).toBe(true);
        }
      }
    }
  });
  it('is the first of valueForms that fits (then ≈0, then nothing), for values of every size and sign', () => {
    const reference = (x: number, radius: number, px: number) =>
      valueForms(x).find((form) => fitsInRing(form, px, radius)) ??
      (x !== 0 && Math.abs(x) < 0.01 && fitsInRing(NEAR_ZERO_TEXT, px, radius) ? NEAR_ZERO_TEXT : null);
    const values = [0, Number.NaN, Infinity, -Infinity];
    for (let e = -12; e <= 8; e++) for (const m of [1, 1.04, 1.5, 2.49, 5, 9.51, 9.96]) values.push(m * 10 ** e, -m * 10 ** e);
    for (const x of values) {
      for (const [radius, px] of [[6, 12], [MIN_NEURON_RADIUS, 12], [18, 13], [24, 19], [30, 13], [60, 13]]) {
        expect(nodeValueText(x, radius, px), `${x} in a ring of ${radius}`).toBe(reference(x, radius, px));
      }
    }
  });
  it('leaves 3 px between rings of the least radius at the least spacing', () => {
    expect(MIN_NEURON_SPACING - 2 * MIN_NEURON_RADIUS).toBe(3);
  });
});
