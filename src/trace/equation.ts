import { Matrix } from '../nn';
import type { Equation } from './types';

/** An equation before its numbers are rendered: `numbers(full)` builds the numeric KaTeX source. */
export interface EquationDraft extends Omit<Equation, 'numeric' | 'numericFull'> {
  numbers: (full: boolean) => string;
}

/**
 * Turns a draft into an Equation. `numeric` (truncated) is built now; `numericFull` only on first
 * read (a full batch can hold tens of thousands of entries) and is then kept.
 */
export function makeEquation(draft: EquationDraft): Equation {
  const { numbers, ...rest } = draft;
  let full: string | undefined;
  return {
    ...rest,
    numeric: numbers(false),
    get numericFull(): string {
      full ??= numbers(true);
      return full;
    },
  };
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
