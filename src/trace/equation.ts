import { Matrix } from '../nn';
import { matrixTex, visibleIndices } from './matrixTex';
import { plainText } from './plainText';
import type { DrawnArray, Equation, Operand, OperandRole, Quantity } from './types';

/**
 * Draws the matrices of an equation's numbers and notes each one it draws, in order, so the equation can say
 * which array of its KaTeX is which operand. `pen(M)` is matrixTex(M) (truncated or full); `pen(M, true)` draws Mᵀ;
 * `pen.table()` notes an array that is not an operand (it returns nothing: the caller writes that array).
 */
export interface Pen {
  (M: Matrix, transpose?: boolean): string;
  table(): void;
  /** True for the full rendering (every entry), false for the truncated one. */
  readonly full: boolean;
}

/** An equation before its numbers are rendered: `numbers(pen)` builds the numeric KaTeX source with `pen`. */
export interface EquationDraft extends Omit<Equation, 'numeric' | 'numericFull' | 'numericFor' | 'drawn' | 'text'> {
  numbers: (pen: Pen) => string;
}

/**
 * True when M, drawn as an operand, has a sample axis: a per-sample operand with one column per sample
 * of the batch (m columns). Drawn transposed, its samples are the rows.
 */
function hasSampleAxis(o: Operand | undefined, m: number): boolean {
  return o !== undefined && o.role === 'perSample' && o.matrix.cols === m && m > 0;
}

/** A pen; `focus` (a sample, 0-based) stays visible on the sample axis of every per-sample operand it draws. */
function penFor(operands: readonly Operand[], m: number, full: boolean, drawn: DrawnArray[] | null, focus?: number): Pen {
  const draw = (M: Matrix, transpose = false) => {
    const index = operands.findIndex((o) => o.matrix === M);
    drawn?.push({ operand: index >= 0 ? index : null, transposed: transpose });
    const sampled = focus !== undefined && hasSampleAxis(operands[index], m);
    return matrixTex(M, {
      full,
      transpose,
      focusColumn: sampled && !transpose ? focus : undefined,
      focusRow: sampled && transpose ? focus : undefined,
    });
  };
  const table = () => {
    drawn?.push({ operand: null, transposed: false });
  };
  return Object.assign(draw, { table, full });
}

/**
 * Turns a draft into an Equation. `numeric` (truncated) and `drawn` (which operand each drawn array shows) are
 * built together on first read of either, then kept: a step shows the numbers of one equation at a time, so a
 * new batch does not write ~60 of them up front. `numericFull` only on first read (a full batch can hold tens of
 * thousands of entries) and is then kept; `numericFor(sample)` on request, the last one kept (the followed
 * sample changes rarely, the step often). The operands' matrices must not change afterwards (buildTrace copies
 * them unless told they are already the equations' own).
 */
export function makeEquation(draft: EquationDraft): Equation {
  const { numbers, ...rest } = draft;
  let truncated: { tex: string; drawn: DrawnArray[] } | null = null;
  const drawnOnce = () => {
    if (!truncated) {
      const drawn: DrawnArray[] = [];
      truncated = { tex: numbers(penFor(rest.operands, rest.m, false, drawn)), drawn };
    }
    return truncated;
  };
  let full: string | undefined;
  let focused: { sample: number; tex: string } | null = null;
  // The default plan (3 + ⋯ + 2) already shows these samples: `numeric` is their rendering.
  const plain = new Set(visibleIndices(rest.m));
  return {
    ...rest,
    text: plainTextOf(rest.symbolic),
    get numeric(): string {
      return drawnOnce().tex;
    },
    get drawn(): DrawnArray[] {
      return drawnOnce().drawn;
    },
    get numericFull(): string {
      full ??= numbers(penFor(rest.operands, rest.m, true, null));
      return full;
    },
    numericFor(sample: number): string {
      if (plain.has(sample) || !Number.isInteger(sample) || sample < 0 || sample >= rest.m) return drawnOnce().tex;
      if (focused?.sample !== sample) focused = { sample, tex: numbers(penFor(rest.operands, rest.m, false, null, sample)) };
      return focused.tex;
    },
  };
}

/**
 * plainText, memoised by source: every batch has the same symbols and names (a few hundred distinct strings per
 * network), so a new batch's trace reads them from here instead of re-parsing them.
 */
const plainTexts = new Map<string, string>();
const PLAIN_TEXTS_MAX = 4096;
function plainTextOf(tex: string): string {
  let text = plainTexts.get(tex);
  if (text === undefined) {
    if (plainTexts.size >= PLAIN_TEXTS_MAX) plainTexts.clear();
    text = plainText(tex);
    plainTexts.set(tex, text);
  }
  return text;
}

/** An operand: its KaTeX name, its matrix and what it is. */
export function operand(name: string, matrix: Matrix, quantity: Quantity, layer: number, role: OperandRole): Operand {
  return { name, text: plainTextOf(name), matrix, quantity, layer, role };
}

/**
 * A copier that snapshots each distinct matrix once. Step records may be views into buffers the
 * next trainStep reuses; the equations keep their own copies so the full view and copying stay right.
 */
export function snapshotter(): (M: Matrix) => Matrix {
  const copies = new Map<Matrix, Matrix>();
  return (M) => {
    let copy = copies.get(M);
    if (!copy) {
      copy = new Matrix(M.rows, M.cols, M.data.slice());
      copies.set(M, copy);
    }
    return copy;
  };
}

/** A new matrix of the same shape with f applied to each entry (f gets the entry's flat index). */
export function mapEntries(M: Matrix, f: (x: number, k: number) => number): Matrix {
  const out = new Matrix(M.rows, M.cols);
  for (let k = 0; k < M.data.length; k++) out.data[k] = f(M.data[k], k);
  return out;
}

/** A column vector (n × 1) from a list of values. */
export function columnOf(values: number[]): Matrix {
  return new Matrix(values.length, 1, Float64Array.from(values));
}
