/**
 * The edge values the diagram last drew, kept while a new view holds the same numbers: a new batch
 * starts from exactly the weights the last update drew (W of batch t + 1 = W after the update of
 * batch t, in other matrices), so the edge canvases need not be redrawn (the redraw, not the
 * comparison, is what costs: thousands of strokes per layer).
 */

/** True when two arrays hold the same numbers (NaN equal to NaN). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

/**
 * Per layer l = 1..L: `previous[l − 1]` when it holds the same numbers as `next[l − 1]`, else a copy
 * of `next[l − 1]` (null stays null). Copies, because `next` may be the live network's buffers, which
 * change in place: what is kept must stay what was drawn. Returns `previous` itself when every layer
 * is kept, so memoised drawings skip their work.
 */
export function keepEdgeValues(previous: readonly (Float64Array | null)[], next: readonly (Float64Array | null)[]): (Float64Array | null)[] {
  let changed = previous.length !== next.length;
  const out = next.map((values, k) => {
    const old = previous[k] ?? null;
    if (values === null) {
      if (old !== null) changed = true;
      return null;
    }
    if (old !== null && sameValues(old, values)) return old;
    changed = true;
    return values.slice();
  });
  return changed ? out : (previous as (Float64Array | null)[]);
}

/** Rows of a scrolling stage in view (layout units), and how far beyond them neurons still count as in view. */
export interface LookBand {
  top: number;
  bottom: number;
  margin: number;
}

/**
 * The neurons' looks for a redraw, per column k and neuron i: `fresh(k, i)`, or the previous look
 * when it draws the same (so the neuron is not re-rendered); with a `band`, a neuron whose centre
 * `ys[k][i]` lies outside it (scrolled out of view during play) keeps its previous look without
 * computing the new one. Without a band, or for a neuron with no previous look, always the new one.
 */
export function keepLooks<L>(
  previous: readonly (readonly L[])[],
  ys: readonly (readonly number[])[],
  band: LookBand | null,
  fresh: (k: number, i: number) => L,
  same: (a: L, b: L) => boolean,
): L[][] {
  return ys.map((column, k) => column.map((y, i) => {
    const old = previous[k]?.[i];
    if (old !== undefined && band && (y < band.top - band.margin || y > band.bottom + band.margin)) return old;
    const look = fresh(k, i);
    return old !== undefined && same(old, look) ? old : look;
  }));
}
