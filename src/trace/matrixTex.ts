import type { Matrix } from '../nn';
import { formatNumber } from './format';

/** Matrices up to this many rows (columns) are shown whole; larger ones are cut with ellipses. */
export const TRUNCATE_ABOVE = 6;
/** How many leading and trailing rows (columns) a cut matrix keeps: 3 + ⋯ + 2, a 6×6 grid in all. */
export const HEAD = 3;
export const TAIL = 2;

/**
 * Which indices of 0..n−1 to show; `null` marks the ellipsis. n ≤ 6 (or `full`): all of them;
 * else the first 3, an ellipsis and the last 2 (e.g. 50 → 0 1 2 … 48 49).
 *
 * `focus` (the followed sample, on a sample axis) is always shown: when it falls inside the cut, the
 * plan becomes the first 2, ⋯, focus, ⋯, the last one (50, focus 36 → 0 1 … 36 … 49), still 6 cells, so
 * the matrix keeps its width as the focus moves. An ellipsis stands for at least two hidden indices:
 * a gap of exactly one index shows that index instead (focus 3 → 0 1 2 3 … 49).
 */
export function visibleIndices(n: number, full = false, focus?: number): (number | null)[] {
  if (full || n <= TRUNCATE_ABOVE) return Array.from({ length: n }, (_, i) => i);
  // Only the shown indices are made: n may be a batch of thousands, and this runs for every matrix drawn.
  const plain: (number | null)[] = [];
  for (let i = 0; i < HEAD; i++) plain.push(i);
  plain.push(null);
  for (let i = n - TAIL; i < n; i++) plain.push(i);
  if (focus === undefined || !Number.isInteger(focus) || focus < 0 || focus >= n || plain.includes(focus)) return plain;
  const kept = [0, 1, focus, n - 1];
  const out: (number | null)[] = [];
  kept.forEach((i, k) => {
    const before = k > 0 ? kept[k - 1] : -1;
    if (i - before === 2) out.push(before + 1);
    else if (i - before > 2) out.push(null);
    out.push(i);
  });
  return out;
}

/** `(r\times c)`, the KaTeX source of a shape. */
export function shapeTex(rows: number, cols: number): string {
  return `(${rows}\\times ${cols})`;
}

/** The shape of M (or of Mᵀ) as KaTeX source. */
export function shapeOf(M: Matrix, transpose = false): string {
  return transpose ? shapeTex(M.cols, M.rows) : shapeTex(M.rows, M.cols);
}

export interface MatrixTexOptions {
  /** Every entry, no ellipses. */
  full?: boolean;
  /** Show Mᵀ (read M column-wise; nothing is allocated). */
  transpose?: boolean;
  /** A column of the drawn matrix (of Mᵀ when `transpose`) that must stay visible when cut: the followed sample. */
  focusColumn?: number;
  /** A row of the drawn matrix that must stay visible when cut (the followed sample of a transposed Aᵀ). */
  focusRow?: number;
}

/**
 * M as a KaTeX `bmatrix` with 3–4 significant digits, cut to a 6×6 grid with \cdots, \vdots and
 * \ddots unless `full`: a 16×50 matrix shows rows 1–3, 15–16 and columns 1–3, 49–50. With `focusColumn`
 * (`focusRow`) that column (row) is among the shown ones (visibleIndices): focus 36 shows columns 1, 2, ⋯, 37, ⋯, 50.
 */
export function matrixTex(M: Matrix, options: MatrixTexOptions = {}): string {
  const { full = false, transpose = false, focusColumn, focusRow } = options;
  const rows = transpose ? M.cols : M.rows;
  const cols = transpose ? M.rows : M.cols;
  if (rows === 0 || cols === 0) return '\\begin{bmatrix}\\,\\end{bmatrix}';
  const at = transpose ? (i: number, j: number) => M.get(j, i) : (i: number, j: number) => M.get(i, j);
  const colPlan = visibleIndices(cols, full, focusColumn);
  const lines = visibleIndices(rows, full, focusRow).map((i) =>
    colPlan
      .map((j) => {
        if (i === null) return j === null ? '\\ddots' : '\\vdots';
        return j === null ? '\\cdots' : formatNumber(at(i, j));
      })
      .join(' & '),
  );
  return `\\begin{bmatrix}${lines.join(' \\\\ ')}\\end{bmatrix}`;
}

/** M in full as LaTeX (the "copy as LaTeX" text): a bmatrix with every entry, 3–4 significant digits. */
export function matrixLatex(M: Matrix): string {
  return matrixTex(M, { full: true });
}

/** M as CSV (the "copy as CSV" text): one line per row, full round-trip precision, `\n` line ends. */
export function matrixCsv(M: Matrix): string {
  const lines: string[] = [];
  for (let i = 0; i < M.rows; i++) {
    const cells: string[] = [];
    for (let j = 0; j < M.cols; j++) cells.push(String(M.get(i, j)));
    lines.push(cells.join(','));
  }
  return lines.join('\n');
}
