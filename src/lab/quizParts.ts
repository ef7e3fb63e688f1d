/** What the quiz's question builders share: operand and entry types, record access and written-out sums. */
import { formatNumber, formatPlain } from '../trace';
import type { Matrix } from '../nn';

/** One operand the student needs, with its numbers (a row or column of a matrix, or one number). */
export interface QuizOperand {
  /** Plain text, e.g. "row 2 of W[1]". */
  label: string;
  /** KaTeX of the operand, e.g. w^{[1]}_{2,:}. */
  tex: string;
  values: number[];
}

/** The record entry a question asks for: matrix `matrix` of layer `layer`, at (row, col). */
export interface QuizEntry {
  matrix: 'Z' | 'A' | 'dA' | 'dZ' | 'dW' | 'db' | 'WAfter' | 'bAfter' | 'V' | 'M' | 'S' | 'Mhat';
  /** For V, M, S and Mhat: of the weights (W) or of the biases (b). */
  param?: 'W' | 'b';
  layer: number;
  row: number;
  col: number;
}

/** Entry (r, c) of M, 0-based. */
export const at = (M: Matrix, r: number, c: number) => M.data[r * M.cols + c];
/** Row r of M as plain numbers. */
export const row = (M: Matrix, r: number) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols));
/** Column c of M as plain numbers. */
export const column = (M: Matrix, c: number) => Array.from({ length: M.rows }, (_, r) => at(M, r, c));
/** A number as KaTeX, 3–4 significant digits (the trace's formatNumber). */
export const num = formatNumber;
/** A number as a KaTeX factor: negative ones in parentheses. */
export const factor = (x: number) => (x < 0 ? `\\left(${num(x)}\\right)` : num(x));
/** A number as a plain-text factor: negative ones in parentheses. */
export const plainFactor = (x: number) => (x < 0 ? `(${formatPlain(x)})` : formatPlain(x));
/** An operand of one number. */
export const one = (label: string, tex: string, value: number): QuizOperand => ({ label, tex, values: [value] });

/** Sums written out whole up to this many terms; longer ones show the first 6, "…" and the last 2. */
export const WORKED_TERMS = 10;

/** Σ of products a·b written out (folded when long) in KaTeX and plain text. */
export function productSum(a: number[], b: number[]): { tex: string; text: string } {
  const idx = a.length <= WORKED_TERMS ? a.map((_, k) => k) : [0, 1, 2, 3, 4, 5, -1, a.length - 2, a.length - 1];
  const tex = idx.map((k) => (k < 0 ? `\\cdots_{(${a.length - 8}\\text{ more})}` : `${factor(a[k])}\\cdot ${factor(b[k])}`)).join(' + ');
  const text = idx.map((k) => (k < 0 ? `… (${a.length - 8} more)` : `${plainFactor(a[k])}·${plainFactor(b[k])}`)).join(' + ');
  return { tex, text };
}

/** Σ of values written out (folded when long). */
export function plainSum(v: number[]): { tex: string; text: string } {
  const shown = v.length <= WORKED_TERMS ? v : [...v.slice(0, 6), NaN, ...v.slice(-2)];
  return {
    tex: shown.map((x) => (Number.isNaN(x) ? `\\cdots_{(${v.length - 8}\\text{ more})}` : factor(x))).join(' + '),
    text: shown.map((x) => (Number.isNaN(x) ? `… (${v.length - 8} more)` : plainFactor(x))).join(' + '),
  };
}

/** A question before its id and worked lines are assembled. */
export interface Draft {
  entry: QuizEntry;
  prompt: string;
  symbolTex: string;
  operands: QuizOperand[];
  expected: number;
  worked: { tex: string; text: string };
}
