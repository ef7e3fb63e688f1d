/**
 * Straight strokes rasterised by hand into an RGBA pixel buffer, for the edge canvases of large networks.
 *
 * Why not the canvas's own stroke(): a 6×32 network has 5,312 edges in seven gaps only ~43 px wide,
 * so every pixel lies under ~25 strokes; Chromium's software rasteriser spent ~200 ms of the main
 * thread per diagram refresh on them (dashed groups three times as long as solid ones), inside the
 * compositor commit. Here each stroke costs about its own area: one pass over the pixels within half
 * its width (+ ½ px of anti-aliasing) of its centre line, with butt ends and dashes computed from the
 * distance along the line, as the canvas draws them.
 *
 * Pure arithmetic on typed arrays (no DOM), so it is tested in Node.
 */

/** Coverage (of 255) past which a pixel counts as opaque: nothing beneath changes its 8-bit colour. */
const OPAQUE = 254.5;

/** A premultiplied RGBA accumulator, 0..255 per channel, `width × height` pixels, row-major. */
export interface EdgeRaster {
  width: number;
  height: number;
  /** 4 floats per pixel: r·α, g·α, b·α, α·255 (premultiplied, so "over" is one multiply-add). */
  pixels: Float32Array;
}

/** A raster of `width × height` transparent pixels. */
export function createRaster(width: number, height: number): EdgeRaster {
  return { width, height, pixels: new Float32Array(Math.max(0, width * height * 4)) };
}

/** Makes every pixel transparent again (the raster is reused between draws). */
export function clearRaster(raster: EdgeRaster): void {
  raster.pixels.fill(0);
}

/** How a stroke looks: colour (0..255 each), width and dash pattern in pixels (dash null: solid). */
export interface StrokeStyle {
  r: number;
  g: number;
  b: number;
  width: number;
  /** [on, off] lengths starting with "on" at (x1, y1), as ctx.setLineDash([on, off]); null for solid. */
  dash: readonly [number, number] | null;
}

/**
 * Draws the segment (x1, y1)–(x2, y2) (pixel coordinates; pixel (i, j) has its centre at
 * (i + ½, j + ½)) *beneath* what is there: strokes go topmost first, so the many pixels an upper
 * stroke already covers cost one comparison (a 6×32 gap lies ~35 strokes deep). Drawing a list in
 * reverse this way gives the picture of drawing it forwards with "source-over". A pixel's coverage is the product of three
 * ramps ½ px wide: across the line (|distance| ≤ width/2; a line thinner than 1 px covers at most its
 * width), along it (0 ≤ t ≤ length: butt ends) and, when dashed, within an "on" part of the pattern.
 */
export function strokeSegment(raster: EdgeRaster, x1: number, y1: number, x2: number, y2: number, style: StrokeStyle): void {
  const { width: W, height: H } = raster;
  // Walk the major axis one row (steep) or column (shallow) at a time, and across it only the pixels
  // within reach of the centre line: the same loop for both, with the axes and strides swapped.
  if (Math.abs(y2 - y1) >= Math.abs(x2 - x1)) strokeAlong(raster.pixels, y1, x1, y2, x2, H, W, W * 4, 4, style);
  else strokeAlong(raster.pixels, x1, y1, x2, y2, W, H, 4, W * 4, style);
}

/**
 * The loop of strokeSegment in (major, minor) coordinates: (a1, b1)–(a2, b2) with |a2 − a1| ≥ |b2 − b1|,
 * `majorCount` × `minorCount` pixels, a pixel's offset a·majorStride + b·minorStride.
 */
function strokeAlong(
  pixels: Float32Array,
  a1: number, b1: number, a2: number, b2: number,
  majorCount: number, minorCount: number, majorStride: number, minorStride: number,
  style: StrokeStyle,
): void {
  const da = a2 - a1;
  const db = b2 - b1;
  const len = Math.hypot(da, db);
  if (!(len > 1e-9) || !(style.width > 0)) return;
  const ua = da / len;
  const ub = db / len;
  const reach = style.width / 2 + 0.5;
  const peak = Math.min(1, style.width);
  const on = style.dash ? style.dash[0] : 0;
  const period = style.dash ? style.dash[0] + style.dash[1] : 0;
  const dashed = period > 1 && on < period;
  const { r, g, b } = style;
  const slope = db / da;
  const spread = reach / Math.abs(ua);
  const from = Math.max(0, Math.floor(Math.min(a1, a2) - reach));
  const to = Math.min(majorCount - 1, Math.ceil(Math.max(a1, a2) + reach));
  for (let m = from; m <= to; m++) {
    const pa = m + 0.5 - a1;
    const centre = b1 + pa * slope;
    const lo = Math.max(0, Math.floor(centre - spread));
    const hi = Math.min(minorCount - 1, Math.ceil(centre + spread));
    // Signed distance across the line and distance t along it at the first pixel, then per step.
    const pb = lo + 0.5 - b1;
    let across = pb * ua - pa * ub;
    let t = pb * ub + pa * ua;
    // The dash phase, t modulo the period, kept in [0, period) step by step (|ub| ≤ 1 < period).
    let phase = dashed ? t - Math.floor(t / period) * period : 0;
    let o = m * majorStride + lo * minorStride;
    for (let n = lo; n <= hi; n++, across += ua, t += ub, o += minorStride) {
      if (dashed && n > lo) {
        phase += ub;
        if (phase >= period) phase -= period;
        else if (phase < 0) phase += period;
      }
      // Strokes are drawn topmost first: a pixel already opaque hides everything beneath it.
      const cover = pixels[o + 3];
      if (cover >= OPAQUE) continue;
      let a = reach - (across < 0 ? -across : across);
      if (a <= 0) continue;
      if (a > peak) a = peak;
      const ends = t + 0.5 < len - t + 0.5 ? t + 0.5 : len - t + 0.5;
      if (ends <= 0) continue;
      if (ends < 1) a *= ends;
      if (dashed) {
        // Inside this period's "on" part, or the ½ px ramp into the next one.
        let inDash = phase + 0.5 < on - phase + 0.5 ? phase + 0.5 : on - phase + 0.5;
        const next = phase - period + 0.5;
        if (next > inDash) inDash = next;
        if (inDash <= 0) continue;
        if (inDash < 1) a *= inDash;
      }
      // "Under": what is above lets through 1 − its coverage.
      const through = a * (1 - cover / 255);
      pixels[o] += r * through;
      pixels[o + 1] += g * through;
      pixels[o + 2] += b * through;
      pixels[o + 3] = cover + 255 * through;
    }
  }
}

/** The raster as straight (not premultiplied) 8-bit RGBA, as ImageData holds it; `out` has width·height·4 bytes. */
export function toRgba(raster: EdgeRaster, out: Uint8ClampedArray): void {
  const p = raster.pixels;
  for (let o = 0; o < p.length; o += 4) {
    const alpha = p[o + 3];
    if (alpha <= 0) {
      out[o] = out[o + 1] = out[o + 2] = out[o + 3] = 0;
      continue;
    }
    const unmix = 255 / alpha;
    out[o] = p[o] * unmix;
    out[o + 1] = p[o + 1] * unmix;
    out[o + 2] = p[o + 2] * unmix;
    out[o + 3] = alpha;
  }
}
