import type { EdgeSelection } from './diagramLabels';

/** Where the diagram's roving keyboard focus is: a neuron (column k, index i), or an incoming weight or bias of one. */
export type DiagramCursor =
  | { kind: 'node'; layer: number; index: number }
  | ({ kind: 'edge' } & EdgeSelection);

/** What a key does to the cursor: move it, pick the edge it is on, or nothing (the key is not the diagram's). */
export type CursorStep = { move: DiagramCursor } | { select: EdgeSelection } | null;

/** The first neuron of the first hidden layer (or of the inputs for a network without layers). */
export function startCursor(sizes: readonly number[]): DiagramCursor {
  return { kind: 'node', layer: sizes.length > 1 ? 1 : 0, index: 0 };
}

/** The same cursor, moved inside `sizes` when the network changed under it. */
export function clampCursor(cursor: DiagramCursor, sizes: readonly number[]): DiagramCursor {
  const L = sizes.length - 1;
  if (L < 0) return cursor;
  if (cursor.kind === 'node') {
    const layer = Math.min(Math.max(0, cursor.layer), L);
    return { kind: 'node', layer, index: Math.min(cursor.index, Math.max(0, sizes[layer] - 1)) };
  }
  if (L < 1) return startCursor(sizes);
  const layer = Math.min(Math.max(1, cursor.layer), L);
  const j = Math.min(cursor.j, sizes[layer] - 1);
  const k = cursor.k === 'bias' ? 'bias' : Math.min(cursor.k, sizes[layer - 1] - 1);
  return { kind: 'edge', layer, j, k };
}

/** A stable key of the cursor, for the element that holds focus (data-focus-key). */
export function cursorKey(cursor: DiagramCursor): string {
  return cursor.kind === 'node' ? `n-${cursor.layer}-${cursor.index}` : `e-${cursor.layer}-${cursor.j}-${cursor.k}`;
}

/**
 * The diagram's keys. On a neuron: ↑ ↓ (Home, End) within its layer, ← → to the neighbouring layer
 * (same index, or its last neuron), Enter or Space into its incoming weights (hidden and output
 * neurons). On a weight: ↑ ↓ through the neuron's weights w_{j,1..n} and then its bias b_j (wrapping),
 * Enter or Space picks it, ← to the neuron it comes from, → or Esc back to the neuron it goes into.
 */
export function stepCursor(cursor: DiagramCursor, key: string, sizes: readonly number[]): CursorStep {
  const L = sizes.length - 1;
  if (cursor.kind === 'node') {
    const { layer, index } = cursor;
    const node = (l: number, i: number): CursorStep => ({ move: { kind: 'node', layer: l, index: Math.max(0, Math.min(i, sizes[l] - 1)) } });
    switch (key) {
      case 'ArrowUp': return node(layer, index - 1);
      case 'ArrowDown': return node(layer, index + 1);
      case 'Home': return node(layer, 0);
      case 'End': return node(layer, sizes[layer] - 1);
      case 'ArrowLeft': return node(Math.max(0, layer - 1), index);
      case 'ArrowRight': return node(Math.min(L, layer + 1), index);
      case 'Enter':
      case ' ':
        return layer >= 1 ? { move: { kind: 'edge', layer, j: index, k: 0 } } : null;
      default: return null;
    }
  }
  const { layer, j, k } = cursor;
  const fanIn = sizes[layer - 1];
  // Positions 0..fanIn−1 are the weights, fanIn is the bias.
  const at = k === 'bias' ? fanIn : k;
  const edge = (p: number): CursorStep => {
    const q = ((p % (fanIn + 1)) + fanIn + 1) % (fanIn + 1);
    return { move: { kind: 'edge', layer, j, k: q === fanIn ? 'bias' : q } };
  };
  switch (key) {
    case 'ArrowUp': return edge(at - 1);
    case 'ArrowDown': return edge(at + 1);
    case 'Home': return edge(0);
    case 'End': return edge(fanIn);
    case 'ArrowLeft': return { move: k === 'bias' ? { kind: 'node', layer, index: j } : { kind: 'node', layer: layer - 1, index: k } };
    case 'ArrowRight':
    case 'Escape':
      return { move: { kind: 'node', layer, index: j } };
    case 'Enter':
    case ' ':
      return { select: { layer, j, k } };
    default: return null;
  }
}
