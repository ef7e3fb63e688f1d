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
 * With `columns`, only the columns k it accepts are brought up to date: the others keep their
 * previous looks without computing new ones (a column drawn for the first time gets its looks).
 * A column whose every look is kept is the previous column array itself, so its drawing is skipped.
 */
export function keepLooks<L>(
  previous: readonly (readonly L[])[],
  ys: readonly (readonly number[])[],
  band: LookBand | null,
  fresh: (k: number, i: number) => L,
  same: (a: L, b: L) => boolean,
  columns?: (k: number) => boolean,
): L[][] {
  return ys.map((column, k) => {
    const before = previous[k];
    if (columns && !columns(k) && before && before.length === column.length) return before as L[];
    let kept = before !== undefined && before.length === column.length;
    const out = column.map((y, i) => {
      const old = before?.[i];
      if (old !== undefined && band && (y < band.top - band.margin || y > band.bottom + band.margin)) return old;
      const look = fresh(k, i);
      if (old !== undefined && same(old, look)) return old;
      kept = false;
      return look;
    });
    return kept && before ? (before as L[]) : out;
  });
}

/**
 * Which columns of neurons a redraw during play brings up to date in its first render: the even ones
 * (k = 0, 2, …). The odd ones follow in a render of their own in the next task, with the edges, so
 * that neither task restyles and lays out all the neurons (a 6×32 network has 193).
 */
export function firstHalfColumn(k: number): boolean {
  return k % 2 === 0;
}
