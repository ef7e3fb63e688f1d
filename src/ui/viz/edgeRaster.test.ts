import { describe, expect, it } from 'vitest';
import { clearRaster, createRaster, strokeSegment, toRgba, type EdgeRaster, type StrokeStyle } from './edgeRaster';

const solid = (width: number, r = 200, g = 100, b = 50): StrokeStyle => ({ r, g, b, width, dash: null });
/** Coverage (0..1) of pixel (x, y). */
const alpha = (raster: EdgeRaster, x: number, y: number) => raster.pixels[(y * raster.width + x) * 4 + 3] / 255;

describe('strokeSegment', () => {
  it('covers the rows within half the width of a horizontal line, and nothing else', () => {
    // Centre line y = 3, width 2: rows 2 and 3 (centres 2.5 and 3.5, 0.5 px away) fully, rows 1 and 4 not at all.
    const raster = createRaster(10, 6);
    strokeSegment(raster, 0, 3, 10, 3, solid(2));
    for (let x = 0; x < 10; x++) {
      expect([0, 1, 2, 3, 4, 5].map((y) => alpha(raster, x, y))).toEqual([0, 0, 1, 1, 0, 0]);
    }
  });

  it('ramps over half a pixel at the edges of a line that does not fall on pixel boundaries', () => {
    // Width 2 around y = 3.25 covers y ∈ [2.25, 4.25]: row 2 three quarters, row 3 all, row 4 a quarter
    // (the area of each pixel under the line), rows 1 and 5 nothing.
    const raster = createRaster(4, 6);
    strokeSegment(raster, 0, 3.25, 4, 3.25, solid(2));
    expect(alpha(raster, 1, 1)).toBe(0);
    expect(alpha(raster, 1, 2)).toBeCloseTo(0.75, 6);
    expect(alpha(raster, 1, 3)).toBeCloseTo(1, 6);
    expect(alpha(raster, 1, 4)).toBeCloseTo(0.25, 6);
    expect(alpha(raster, 1, 5)).toBe(0);
  });

  it('ends a line flat at its end points (butt caps)', () => {
    const raster = createRaster(10, 4);
    strokeSegment(raster, 2, 2, 6, 2, solid(2));
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((x) => alpha(raster, x, 1))).toEqual([0, 0, 1, 1, 1, 1, 0, 0]);
  });

  it('lets a line thinner than a pixel cover at most its width', () => {
    const raster = createRaster(4, 4);
    strokeSegment(raster, 0, 2.5, 4, 2.5, solid(0.4));
    expect(alpha(raster, 1, 2)).toBeCloseTo(0.4, 6);
    expect(alpha(raster, 1, 1)).toBe(0);
  });

  it('draws a steep line the same as its transpose', () => {
    const a = createRaster(9, 13);
    const b = createRaster(13, 9);
    strokeSegment(a, 1.3, 0.5, 7.2, 12.1, solid(2.6));
    strokeSegment(b, 0.5, 1.3, 12.1, 7.2, solid(2.6));
    for (let y = 0; y < 13; y++) for (let x = 0; x < 9; x++) expect(alpha(a, x, y)).toBeCloseTo(alpha(b, y, x), 6);
  });

  it('dashes as setLineDash([on, off]) does: "on" from the start point, then "off"', () => {
    const raster = createRaster(16, 4);
    strokeSegment(raster, 0, 2, 16, 2, { ...solid(2), dash: [4, 4] });
    expect(Array.from({ length: 16 }, (_, x) => alpha(raster, x, 1))).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]);
  });

  it('draws beneath what is there: drawing the top stroke first gives source-over of the bottom one then the top', () => {
    // Bottom: opaque blue everywhere in row 1; top: red at coverage 0.4 (a 0.4 px line).
    // Source-over by hand: red·0.4 + blue·0.6, alpha 1.
    const raster = createRaster(4, 3);
    strokeSegment(raster, 0, 1.5, 4, 1.5, solid(0.4, 255, 0, 0));
    strokeSegment(raster, 0, 1.5, 4, 1.5, solid(1, 0, 0, 255));
    const out = new Uint8ClampedArray(4 * 3 * 4);
    toRgba(raster, out);
    const o = (1 * 4 + 2) * 4;
    expect(Array.from(out.slice(o, o + 4))).toEqual([102, 0, 153, 255]);
  });

  it('leaves pixels an upper stroke made opaque as they are', () => {
    const raster = createRaster(6, 4);
    strokeSegment(raster, 0, 2, 6, 2, solid(2, 10, 20, 30));
    const before = raster.pixels.slice();
    strokeSegment(raster, 0, 2, 6, 2, solid(2, 250, 250, 250));
    expect(raster.pixels).toEqual(before);
  });

  it('ignores a zero-length or zero-width stroke', () => {
    const raster = createRaster(4, 4);
    strokeSegment(raster, 2, 2, 2, 2, solid(3));
    strokeSegment(raster, 0, 2, 4, 2, solid(0));
    expect(raster.pixels.every((v) => v === 0)).toBe(true);
  });
});

describe('toRgba and clearRaster', () => {
  it('un-premultiplies the colour and keeps the coverage as alpha', () => {
    const raster = createRaster(4, 4);
    strokeSegment(raster, 0, 2.5, 4, 2.5, solid(0.4, 200, 100, 50));
    const out = new Uint8ClampedArray(4 * 4 * 4);
    toRgba(raster, out);
    const o = (2 * 4 + 1) * 4;
    expect(Array.from(out.slice(o, o + 4))).toEqual([200, 100, 50, 102]);
    expect(Array.from(out.slice(0, 4))).toEqual([0, 0, 0, 0]);
    clearRaster(raster);
    expect(raster.pixels.every((v) => v === 0)).toBe(true);
  });
});
