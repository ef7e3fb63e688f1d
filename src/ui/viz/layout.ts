import { scalePoint } from 'd3-scale';

/** Above this many edges they go to canvases (EdgeCanvas, a chunk of its own): thousands of SVG <line>s re-colour too slowly. */
export const CANVAS_EDGE_THRESHOLD = 2000;

/** A neuron's place: layer k (0 = inputs … L = outputs), index i within it, centre (x, y). */
export interface NodePosition {
  layer: number;
  index: number;
  x: number;
  y: number;
}

/**
 * An edge of layer l (1..L) from neuron `from` of layer l−1 to neuron `to` of layer l: it draws
 * W^{[l]}_{to,from}, the entry at flat index to·n_{l−1} + from of the row-major W.
 */
export interface EdgePosition {
  layer: number;
  to: number;
  from: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Node and edge positions of a drawn network, in SVG user units. */
export interface NetworkLayout {
  width: number;
  height: number;
  /** Node radius, the same for every neuron. */
  radius: number;
  /** nodes[k][i], k = 0..L. */
  nodes: NodePosition[][];
  /** edges[l − 1][to·n_{l−1} + from], l = 1..L: the same order as W^{[l]}.data. */
  edges: EdgePosition[][];
}

export interface LayoutOptions {
  width?: number;
  height?: number;
  /** Room for the input labels (left) and output labels (right). */
  marginLeft?: number;
  marginRight?: number;
  /** Room above and below the neurons (captions on top, the loss read-out below), unless given apart. */
  marginY?: number;
  marginTop?: number;
  marginBottom?: number;
  /** Largest distance between neighbouring neurons of a column (default 56). */
  maxSpacing?: number;
  /** Largest neuron radius (default 16). */
  maxRadius?: number;
  /** Least neuron radius (default 3); the caller keeps the spacing wide enough that neurons do not touch. */
  minRadius?: number;
}

const MAX_SPACING = 56;

/**
 * Lays out a network of `sizes` = [n0, …, nL]: layers in evenly spaced columns (a d3 point scale),
 * each column's neurons centred vertically between the top and bottom margins, at most `maxSpacing`
 * (56) units apart. The height grows with the widest layer (26 units a neuron, 200–640 in all)
 * unless given. The radius is 0.38 of the tightest spacing, between `minRadius` (3) and `maxRadius` (16).
 */
export function layoutNetwork(sizes: readonly number[], options: LayoutOptions = {}): NetworkLayout {
  const { width = 760, marginLeft = 130, marginRight = 90, marginY = 34, maxSpacing = MAX_SPACING, maxRadius = 16, minRadius = 3 } = options;
  const marginTop = options.marginTop ?? marginY;
  const marginBottom = options.marginBottom ?? marginY;
  const widest = Math.max(1, ...sizes);
  const height = options.height ?? Math.min(640, Math.max(200, widest * 26 + marginTop + marginBottom));
  const x = scalePoint<number>()
    .domain(sizes.map((_, k) => k))
    .range([marginLeft, width - marginRight])
    .align(0.5);
  const inner = Math.max(0, height - marginTop - marginBottom);
  const middle = marginTop + inner / 2;
  const spacing = (n: number) => (n <= 1 ? maxSpacing : Math.min(maxSpacing, inner / (n - 1)));
  const nodes = sizes.map((n, k) =>
    Array.from({ length: n }, (_, i) => ({
      layer: k,
      index: i,
      x: x(k) ?? width / 2,
      y: middle + (i - (n - 1) / 2) * spacing(n),
    })),
  );
  const minSpacing = Math.min(...sizes.map(spacing));
  const radius = Math.max(minRadius, Math.min(maxRadius, minSpacing * 0.38));
  const edges = sizes.slice(1).map((n, k) => {
    const from = nodes[k];
    const to = nodes[k + 1];
    const out: EdgePosition[] = new Array(n * from.length);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < from.length; j++) {
        out[i * from.length + j] = { layer: k + 1, to: i, from: j, x1: from[j].x, y1: from[j].y, x2: to[i].x, y2: to[i].y };
      }
    }
    return out;
  });
  return { width, height, radius, nodes, edges };
}

/** Average advance of a character of the UI's sans-serif font, in ems (a safe over-estimate). */
const CHAR_EM = 0.6;

/** Estimated width in pixels of `text` set at `fontPx` (no DOM: the layout stays a pure function). */
export function textWidth(text: string, fontPx: number): number {
  return Array.from(text).length * CHAR_EM * fontPx;
}

/**
 * Side margins that fit the input labels (right-aligned, left of the first column), the output labels
 * (left of the last column's right edge) and the centred layer captions, for neurons of radius r at
 * most. Each margin is kept within [24, 35 %] of the width, so a long name is cut rather than
 * squeezing the network.
 */
export function labelMargins(
  inputLabels: readonly string[],
  outputLabels: readonly string[],
  captions: readonly [string, string],
  fontPx: number,
  radius: number,
  width: number,
): { marginLeft: number; marginRight: number } {
  const widest = (labels: readonly string[]) => Math.max(0, ...labels.map((t) => textWidth(t, fontPx)));
  const clamp = (v: number) => Math.max(24, Math.min(width * 0.35, Math.ceil(v)));
  const left = Math.max(widest(inputLabels) + radius + 12, textWidth(captions[0], fontPx) / 2 + 6);
  const right = Math.max(widest(outputLabels) + radius + 14, textWidth(captions[1], fontPx) / 2 + 6);
  return { marginLeft: clamp(left), marginRight: clamp(right) };
}

/** What the pointer is over: a neuron, an edge, or nothing. */
export type Hit =
  | { kind: 'node'; layer: number; index: number }
  | { kind: 'edge'; layer: number; to: number; from: number }
  | null;

/** Squared distance from (px, py) to the segment (x1, y1)–(x2, y2). */
function segmentDistance2(px: number, py: number, e: EdgePosition): number {
  const dx = e.x2 - e.x1;
  const dy = e.y2 - e.y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - e.x1) * dx + (py - e.y1) * dy) / len2));
  const qx = e.x1 + t * dx - px;
  const qy = e.y1 + t * dy - py;
  return qx * qx + qy * qy;
}

/**
 * The neuron under (x, y) (within its radius + 2), else the nearest edge within `tolerance` units
 * (only the edges of the layer gap the point falls in are checked), else null.
 */
export function hitTest(layout: NetworkLayout, x: number, y: number, tolerance = 4): Hit {
  for (const column of layout.nodes) {
    for (const n of column) {
      const r = layout.radius + 2;
      if ((n.x - x) ** 2 + (n.y - y) ** 2 <= r * r) return { kind: 'node', layer: n.layer, index: n.index };
    }
  }
  let best: Hit = null;
  let bestD2 = tolerance * tolerance;
  for (const layerEdges of layout.edges) {
    const first = layerEdges[0];
    if (!first || x < first.x1 || x > first.x2) continue;
    for (const e of layerEdges) {
      const d2 = segmentDistance2(x, y, e);
      if (d2 <= bestD2) {
        bestD2 = d2;
        best = { kind: 'edge', layer: e.layer, to: e.to, from: e.from };
      }
    }
  }
  return best;
}
