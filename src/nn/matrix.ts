/**
 * A dense matrix on one flat, row-major Float64Array: element (i, j) is data[i * cols + j].
 * A batch X is features × m, one column per sample, as in the equations on screen.
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`Matrix: shape (${rows}×${cols}) must be two non-negative integers`);
    }
    if (data && data.length !== rows * cols) {
      throw new RangeError(`Matrix: (${rows}×${cols}) needs ${rows * cols} values, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** Builds a matrix from an array of equal-length rows. */
  static fromRows(rows: number[][]): Matrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0].length;
    const out = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      if (rows[i].length !== c) throw new RangeError(`Matrix.fromRows: row ${i} has ${rows[i].length} values, row 0 has ${c}`);
      out.data.set(rows[i], i * c);
    }
    return out;
  }

  /** Element (i, j), zero-based. */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  /** Sets element (i, j), zero-based. */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }
}
