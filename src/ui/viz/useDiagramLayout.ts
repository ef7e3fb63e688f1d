import { useMemo } from 'react';
import type { BoxSize } from '../useBoxSize';
import { nodeTextPx } from './DiagramParts';
import { labelMargins, layoutNetwork, textWidth, type NetworkLayout } from './layout';

/** Width of the stage before it is measured (server render, tests): the layout's own default. */
const FALLBACK_WIDTH = 760;

/**
 * Least distance between neighbouring neurons of a column, in CSS pixels (3 px between rings of
 * MIN_NEURON_RADIUS). A wider layer makes the drawing taller than the stage, which then scrolls,
 * instead of shrinking neurons to unreadable rings. (The default 8-neuron layers still fit a 1280×720
 * screen's stage without scrolling.)
 */
export const MIN_NEURON_SPACING = 32;
/**
 * Least neuron radius, in CSS pixels: a value at 12 px fits inside the ring with at least one
 * significant digit for every |x| from 0.01 to 950, negatives to −95 ("-.01", "-0.1", "-1.2",
 * "120"; see nodeValueText).
 */
export const MIN_NEURON_RADIUS = 14.5;
/** Least room between two columns' centres beyond two radii, so neurons never touch across layers (a phone). */
const COLUMN_GAP = 22;

/** "inputs", "hidden k" or "output": the caption over column k of a network with L layers. */
export function layerCaption(k: number, L: number): string {
  return k === 0 ? 'inputs' : k === L ? 'output' : `hidden ${k}`;
}

/**
 * The caption of every column, as long as the columns' spacing allows: "hidden 1 (8)", else
 * "h1 (8)", else "h1" (inputs: "inputs (5)", "in (5)", "in"; output: "output (1)", "out (1)", "out").
 */
export function columnCaptions(sizes: readonly number[], spacing: number, fontPx: number): string[] {
  const L = sizes.length - 1;
  const short = (k: number) => (k === 0 ? 'in' : k === L ? 'out' : `h${k}`);
  const fits = (texts: string[]) => L < 1 || texts.every((t) => textWidth(t, fontPx * 0.95) <= spacing - 8);
  const full = sizes.map((n, k) => `${layerCaption(k, L)} (${n})`);
  if (fits(full)) return full;
  const compact = sizes.map((n, k) => `${short(k)} (${n})`);
  return fits(compact) ? compact : sizes.map((_, k) => short(k));
}

/**
 * The stage's least height: room for the widest layer at MIN_NEURON_SPACING plus captions (so the
 * default 8-neuron layers need no scrolling), 180–360 px; wider layers scroll inside the stage.
 */
export function stageMinHeight(sizes: readonly number[]): number {
  return Math.min(360, Math.max(180, (Math.max(1, ...sizes) - 1) * MIN_NEURON_SPACING + STAGE_MARGINS));
}

/**
 * The drawing's top and bottom margins at the least label size (13 px) and MIN_NEURON_RADIUS, as
 * useDiagramLayout sets them: round(13 · 1.5 + 14.5 + 4) + round(13 · 1.5 + 14.5 + 2).
 */
const STAGE_MARGINS = 74;

/** Height the drawing needs so `sizes`' widest column keeps MIN_NEURON_SPACING between neurons. */
export function neededHeight(sizes: readonly number[], marginTop: number, marginBottom: number): number {
  const widest = Math.max(1, ...sizes);
  return Math.ceil((widest - 1) * MIN_NEURON_SPACING + marginTop + marginBottom);
}

/** The widest value a neuron writes (shortNumber: 2 significant digits, a sign, "0.0"): the room kept for it. */
const WIDEST_VALUE = '−0.088';
/** Room between a neuron's value (or ring) and the input or output name beside it, CSS px. */
const LABEL_GAP = 8;

/**
 * How far from a neuron's centre the input and output names start: past its ring and past the widest value
 * written inside it (which may be wider than a small neuron), plus LABEL_GAP, so a name never touches a value
 * ("x1" and "−0.087" each keep their own room).
 */
export function labelOffset(fontPx: number, radius: number): number {
  const half = textWidth(WIDEST_VALUE, nodeTextPx(fontPx, radius)) / 2;
  return Math.ceil(Math.max(radius, half) + LABEL_GAP);
}

/** A layout in CSS pixels, the font size its labels are set at, the column captions that fit and the names' offset (labelOffset). */
export interface DiagramGeometry {
  layout: NetworkLayout;
  fontPx: number;
  captions: string[];
  labelOffset: number;
}

/**
 * The layout of `sizes` in the stage's measured CSS pixels (or more, when neurons would otherwise be
 * closer than MIN_NEURON_SPACING: the stage scrolls), so labels keep real pixel sizes (13–16 px,
 * growing with the width) instead of shrinking with a viewBox. Captions sit in the top margin, the
 * loss read-out in the bottom one and the labels in the side margins, so they never overlap.
 * Recomputed only when the stage, the sizes or the labels change (never while stepping equations).
 */
export function useDiagramLayout(
  sizes: readonly number[],
  inputLabels: readonly string[],
  outputLabels: readonly string[],
  box: BoxSize | null,
  minFontPx = 13,
): DiagramGeometry {
  const width = box?.width ?? FALLBACK_WIDTH;
  const height = box?.height;
  return useMemo(() => {
    const L = sizes.length - 1;
    const fontPx = Math.max(minFontPx, Math.min(Math.max(17, minFontPx + 4), Math.round(width / 46)));
    const maxRadius = height ? Math.max(16, Math.min(24, height / 15)) : 16;
    const maxSpacing = height ? Math.max(56, height / 6) : undefined;
    const captions: [string, string] = [`${layerCaption(0, L)} (${sizes[0]})`, `${layerCaption(L, L)} (${sizes[L]})`];
    // The drawing grows past the stage (which scrolls) rather than letting neurons shrink or touch.
    const place = (radius: number) => {
      const margins = {
        // The names sit labelOffset from the centre: margins as for a neuron that wide.
        ...labelMargins(inputLabels, outputLabels, captions, fontPx, labelOffset(fontPx, radius) - 6, width),
        marginTop: Math.round(fontPx * 1.5 + radius + 4),
        marginBottom: Math.round(fontPx * 1.5 + radius + 2),
      };
      const columnsWidth = margins.marginLeft + margins.marginRight + L * (2 * radius + COLUMN_GAP);
      return {
        ...margins,
        width: Math.max(width, columnsWidth),
        height: height === undefined ? undefined : Math.max(height, neededHeight(sizes, margins.marginTop, margins.marginBottom)),
      };
    };
    // The margins depend on the radius and the radius on the margins: a second pass settles it.
    // Unmeasured (a server render), the height is the layout's own and may not keep MIN_NEURON_SPACING.
    const minRadius = height === undefined ? undefined : MIN_NEURON_RADIUS;
    const first = layoutNetwork(sizes, { maxRadius, minRadius, maxSpacing, ...place(maxRadius) });
    const layout = first.radius < maxRadius
      ? layoutNetwork(sizes, { maxRadius, minRadius, maxSpacing, ...place(first.radius) })
      : first;
    const spacing = sizes.length > 1 ? layout.nodes[1][0].x - layout.nodes[0][0].x : layout.width;
    return { layout, fontPx, captions: columnCaptions(sizes, spacing, fontPx), labelOffset: labelOffset(fontPx, layout.radius) };
  }, [sizes, inputLabels, outputLabels, width, height, minFontPx]);
}
