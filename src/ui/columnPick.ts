import { visibleIndices, type Equation } from '../trace';

/** Title of a matrix whose columns are samples: clicking one makes the diagram follow it. */
export const PICK_TITLE = 'Click a column to follow that sample in the diagram';
/** Class of a pickable matrix (`.mtable`) and of the column span of the followed sample. */
export const PICKABLE_CLASS = 'column-pick';
export const PICKED_CLASS = 'column-picked';
/** Class of a matrix whose rows are samples (Aᵀ in dW = (1/m)·dZ·Aᵀ), of the followed row's cells, and of the row's outline. */
export const ROW_PICK_CLASS = 'row-pick';
export const ROW_PICKED_CLASS = 'row-picked';
export const ROW_OUTLINE_CLASS = 'row-outline';

/**
 * For each array drawn in `equation.numeric`, in order of appearance (= the order of KaTeX's `.mtable`s):
 * true when its columns are the m samples of the batch, i.e. it shows a per-sample operand untransposed
 * (so Aᵀ in dW = dZ·Aᵀ never qualifies, nor a parameter, an optimiser state or the statistics table).
 * Null when no array qualifies. Reads the equation's structured `drawn` and `operands`, never its LaTeX.
 */
export function pickableMatrices(equation: Pick<Equation, 'drawn' | 'operands'>, m: number): boolean[] | null {
  if (m <= 0) return null;
  const pickable = equation.drawn.map(({ operand, transposed }) => {
    const o = operand === null ? undefined : equation.operands[operand];
    return !transposed && o !== undefined && o.role === 'perSample' && o.matrix.cols === m;
  });
  return pickable.some(Boolean) ? pickable : null;
}

/**
 * For each array drawn in `equation.numeric`, in order of appearance: true when its rows are the m samples of
 * the batch, i.e. a per-sample operand drawn transposed (A[l−1]ᵀ in dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ, m × n[l−1]).
 * Null when no array qualifies. Like pickableMatrices, it reads `drawn` and `operands`, never the LaTeX.
 */
export function sampleRowMatrices(equation: Pick<Equation, 'drawn' | 'operands'>, m: number): boolean[] | null {
  if (m <= 0) return null;
  const rows = equation.drawn.map(({ operand, transposed }) => {
    const o = operand === null ? undefined : equation.operands[operand];
    return transposed && o !== undefined && o.role === 'perSample' && o.matrix.cols === m;
  });
  return rows.some(Boolean) ? rows : null;
}

/**
 * The batch column (0-based sample) shown at visible column `visible` of a matrix with m columns; null for
 * an ellipsis. `focus` is the sample the numbers were drawn around (Equation.numericFor(focus)): it changes
 * which columns are shown (1 2 ⋯ focus ⋯ m).
 */
export function sampleAtVisibleColumn(visible: number, m: number, focus?: number): number | null {
  return visibleIndices(m, false, focus)[visible] ?? null;
}

/**
 * The visible column at which sample `sample` of m is shown, or −1 when it is hidden in an ellipsis. With
 * `focus` (default: `sample` itself, as numericFor(sample) draws it) the plan is visibleIndices(m, false, focus).
 */
export function visibleColumnOfSample(sample: number, m: number, focus: number | undefined = sample): number {
  return visibleIndices(m, false, focus).indexOf(sample);
}

const COLUMN_SELECTOR = '.col-align-c, .col-align-l, .col-align-r';

/** The column spans of a KaTeX `.mtable`, left to right (separators `.arraycolsep` skipped). */
export function columnsOf(table: Element): Element[] {
  return Array.from(table.children).filter((c) => c.matches(COLUMN_SELECTOR));
}

/** The KaTeX matrices inside `root`, in document order. */
export function matricesOf(root: Element): Element[] {
  return Array.from(root.querySelectorAll('.mtable'));
}

/** Which matrix (index among `matricesOf(root)`) and which visible column a click on `target` hit; null when outside any column. */
export function hitColumn(root: Element, target: Element): { matrix: number; column: number } | null {
  const column = target.closest(COLUMN_SELECTOR);
  const table = column?.parentElement;
  if (!column || !table || !table.classList.contains('mtable') || !root.contains(table)) return null;
  return { matrix: matricesOf(root).indexOf(table), column: columnsOf(table).indexOf(column) };
}

/** The cells of a KaTeX `.mtable`'s visible row `row`, one per column (left to right; an ellipsis column included). */
export function rowCellsOf(table: Element, row: number): Element[] {
  return columnsOf(table).flatMap((col) => {
    const cell = col.querySelector('.vlist')?.children[row];
    return cell ? [cell] : [];
  });
}

/**
 * Outlines row `row` of `table` with one box around all its cells (an absolutely placed span, in em of the
 * table's font size, so larger type keeps it in place). KaTeX lays matrices out column by column, so the
 * row has no element of its own to outline.
 */
function outlineRow(table: HTMLElement, cells: Element[]): void {
  table.querySelectorAll(`:scope > .${ROW_OUTLINE_CLASS}`).forEach((o) => o.remove());
  const boxes = cells.map((c) => (c.lastElementChild ?? c).getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  if (boxes.length === 0) return;
  const frame = table.getBoundingClientRect();
  const em = parseFloat(getComputedStyle(table).fontSize) || 16;
  const top = Math.min(...boxes.map((r) => r.top));
  const left = Math.min(...boxes.map((r) => r.left));
  const outline = document.createElement('span');
  outline.className = ROW_OUTLINE_CLASS;
  outline.setAttribute('aria-hidden', 'true');
  Object.assign(outline.style, {
    top: `${(top - frame.top) / em}em`,
    left: `${(left - frame.left) / em}em`,
    width: `${(Math.max(...boxes.map((r) => r.right)) - left) / em}em`,
    height: `${(Math.max(...boxes.map((r) => r.bottom)) - top) / em}em`,
  });
  table.append(outline);
}

/**
 * Marks the pickable matrices under `root` (class, pointer cursor, title) and outlines the column of
 * `sample` in each; the numbers must be drawn around `sample` (Equation.numericFor(sample)), so it is
 * always one of the visible columns. With `rows` (sampleRowMatrices), also outlines the sample's row of each
 * matrix whose rows are samples (Aᵀ in dW) and marks its cells. Does nothing when the DOM's matrices do not
 * match the flags one to one.
 */
export function markPickable(root: Element, pickable: boolean[] | null, m: number, sample: number, rows: boolean[] | null = null): void {
  const tables = matricesOf(root);
  const visible = visibleColumnOfSample(sample, m, sample);
  if (pickable && tables.length === pickable.length) {
    tables.forEach((table, k) => {
      if (!pickable[k]) return;
      table.classList.add(PICKABLE_CLASS);
      table.setAttribute('title', PICK_TITLE);
      columnsOf(table).forEach((col, j) => col.classList.toggle(PICKED_CLASS, j === visible));
    });
  }
  if (rows && tables.length === rows.length) {
    tables.forEach((table, k) => {
      if (!rows[k] || !(table instanceof HTMLElement)) return;
      table.classList.add(ROW_PICK_CLASS);
      table.querySelectorAll(`.${ROW_PICKED_CLASS}`).forEach((c) => c.classList.remove(ROW_PICKED_CLASS));
      const cells = visible < 0 ? [] : rowCellsOf(table, visible);
      cells.forEach((c) => c.classList.add(ROW_PICKED_CLASS));
      outlineRow(table, cells);
      // KaTeX's fonts may arrive after this and widen the cells: outline again then.
      if (typeof document !== 'undefined' && document.fonts?.status === 'loading') {
        void document.fonts.ready.then(() => { if (table.isConnected) outlineRow(table, cells); });
      }
    });
  }
}

/**
 * The sample (0-based batch column) a click on `target` chose, or null (not a pickable column, or an ellipsis).
 * `focus`: the sample the numbers under `root` were drawn around (numericFor(focus)); omitted, the default cut.
 */
export function sampleOfClick(root: Element, target: Element, pickable: boolean[] | null, m: number, focus?: number): number | null {
  const hit = hitColumn(root, target);
  if (!hit || !pickable || matricesOf(root).length !== pickable.length || !pickable[hit.matrix]) return null;
  return sampleAtVisibleColumn(hit.column, m, focus);
}
