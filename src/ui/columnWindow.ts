/**
 * The arithmetic of the windowed feature list (ColumnChoices on a file of thousands of columns):
 * which rows of a list drawn at a fixed row height are on screen, and the columns a filter keeps.
 * Pure, so it is tested without a browser.
 */

/** Above this many columns the feature list is windowed, with a filter box and tick all / none. */
export const WINDOWED_COLUMNS = 200;

/** Height of one row of the windowed list, in CSS pixels (DataPanel.css gives the rows this height). */
export const WINDOW_ROW_PX = 24;

/** Rows drawn above and below the visible ones, so a fast scroll rarely shows a gap. */
export const WINDOW_OVERSCAN = 8;

/**
 * Rows first … end − 1 of a list of `count` rows of `rowPx` pixels, scrolled by `scrollTop` in a
 * viewport `viewportPx` high, plus `overscan` rows each side, clamped to 0 … count.
 * E.g. 5,000 rows of 24 px, scrolled 2,400 px in 224 px: rows 92 … 118 (100 … 110 visible, ± 8).
 */
export function visibleRows(count: number, scrollTop: number, viewportPx: number, rowPx = WINDOW_ROW_PX, overscan = WINDOW_OVERSCAN): { first: number; end: number } {
  const top = Math.max(0, Math.floor(scrollTop / rowPx));
  const bottom = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportPx)) / rowPx);
  const first = Math.min(count, Math.max(0, top - overscan));
  const end = Math.min(count, Math.max(first, bottom + overscan));
  return { first, end };
}

/**
 * Indices of the names that contain `filter` (case-insensitive, spaces at the ends ignored); all of
 * them for an empty filter. E.g. ['Light', 'CO2', 'light_2'] with 'light' → [0, 2].
 */
export function filterColumns(names: readonly string[], filter: string): number[] {
  const needle = filter.trim().toLowerCase();
  const out: number[] = [];
  for (let j = 0; j < names.length; j++) if (needle === '' || names[j].toLowerCase().includes(needle)) out.push(j);
  return out;
}
