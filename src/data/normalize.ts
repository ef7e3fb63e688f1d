import { Matrix } from '../nn/matrix';
import { DataError } from './errors';
import type { NormalizationKind } from './settings';

/**
 * Feature normalisation, fitted on the training part only and then applied to both parts.
 * Per feature row f of raw X (n0 × m): μ_f, σ_f (population), min_f, max_f.
 *   z-score:  x' = (x − μ_f) / σ_f        (σ_f = 0 → divide by 1: a constant feature stays 0)
 *   min–max:  x' = (x − min_f) / (max_f − min_f)   (a constant feature becomes 0)
 */

/** Statistics of one feature (one row of X), as the equation trace shows them. */
export interface FeatureStats {
  name: string;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** The normalisation of a dataset: its kind and one FeatureStats per feature row. */
export interface Normalization {
  kind: NormalizationKind;
  stats: FeatureStats[];
}

/**
 * μ, σ, min, max of every row of rawX (n0 × m). Throws a DataError naming the feature, its column and
 * the file line of the largest value when they overflow (a value like 1e308, or 1e999 read as ∞).
 * `lineOf(i)` gives the file line of sample i; `columnOf(f)` the CSV column of feature f.
 */
export function fitNormalization(
  kind: NormalizationKind, rawX: Matrix, names: string[],
  lineOf: (sample: number) => number | undefined, columnOf: (feature: number) => string,
): Normalization {
  const stats: FeatureStats[] = [];
  for (let f = 0; f < rawX.rows; f++) stats.push(fitFeature(rawX, f, names, lineOf, columnOf));
  return { kind, stats };
}

/** μ, σ, min and max of feature row f of rawX (one step of fitNormalization, which see). */
export function fitFeature(
  rawX: Matrix, f: number, names: string[],
  lineOf: (sample: number) => number | undefined, columnOf: (feature: number) => string,
): FeatureStats {
  const steps = fitFeatureSteps(rawX, f, names, lineOf, columnOf, Math.max(1, rawX.cols));
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * fitFeature in slices of `sliceSize` samples: yields after each slice but the last and returns the
 * statistics. The running sums go from one slice to the next unchanged, so every number is the same
 * as fitFeature's (which runs it as one slice).
 */
export function* fitFeatureSteps(
  rawX: Matrix, f: number, names: string[],
  lineOf: (sample: number) => number | undefined, columnOf: (feature: number) => string, sliceSize: number,
): Generator<void, FeatureStats, void> {
  const { cols: m, data } = rawX;
  const fit = new FeatureFit();
  for (let from = 0; from < m; from += sliceSize) {
    if (from > 0) yield;
    fit.add(data, f * m + from, f * m + Math.min(m, from + sliceSize));
  }
  return fit.stats(names[f], lineOf, columnOf(f));
}

/**
 * The running statistics of one feature row, fed its samples in order a slice at a time (from a row
 * of raw X, or from the table's column a slice at a time before raw X exists): the same sums in the
 * same order whatever the slices, so the same μ, σ, min and max to the last bit.
 */
export class FeatureFit {
  private count = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  /** The sample of largest |x| so far (the first of equals), for the overflow message. */
  private worst = 0;
  private worstValue = 0;

  /** Takes samples count … count + (to − from) − 1, the values values[from] … values[to − 1]. */
  add(values: Float64Array, from: number, to: number): void {
    // Locals in the loop, written back once per slice.
    let { count, mean, m2, min, max, worst, worstValue } = this;
    if (count === 0 && to > from) worstValue = values[from];
    // Welford's update: stable, and it overflows only when the values themselves are near ±1.8e308.
    for (let k = from; k < to; k++, count++) {
      const x = values[k];
      const delta = x - mean;
      mean += delta / (count + 1);
      m2 += delta * (x - mean);
      if (x < min) min = x;
      if (x > max) max = x;
      if (Math.abs(x) > Math.abs(worstValue)) {
        worst = count;
        worstValue = x;
      }
    }
    Object.assign(this, { count, mean, m2, min, max, worst, worstValue });
  }

  /**
   * μ, σ (population), min and max of the samples taken. Throws a DataError naming the feature, its
   * column and the file line of the largest value (lineOf(sample)) when they overflow.
   */
  stats(name: string, lineOf: (sample: number) => number | undefined, column: string): FeatureStats {
    const { count: m, mean, m2, min, max } = this;
    const std = m > 0 ? Math.sqrt(m2 / m) : 0;
    const ok = [mean, std, min, max, max - min].every(Number.isFinite) && m > 0;
    if (!ok && m > 0) {
      const line = lineOf(this.worst);
      throw new DataError(
        `Feature "${name}" has values too large to normalise (${this.worstValue}${line !== undefined ? ` on line ${line}` : ''}): ` +
          'their mean or spread overflows a 64-bit number.',
        'Rescale that column (another unit, or divide it by a power of ten) or untick it as a feature.',
        { line, column },
      );
    }
    return { name, mean, std, min: m > 0 ? min : 0, max: m > 0 ? max : 0 };
  }
}

/** x' for every entry of rawX (n0 × m) with the fitted statistics; returns a new matrix. */
export function applyNormalization(normalization: Normalization, rawX: Matrix): Matrix {
  const out = new Matrix(rawX.rows, rawX.cols);
  for (let f = 0; f < rawX.rows; f++) applyFeatureInto(normalization, f, rawX, out);
  return out;
}

/**
 * Row f of `out` (n0 × m, the shape of rawX) = x' of row f of rawX (one step of applyNormalization);
 * only samples from … to − 1 (default: all), so a long row can be done in slices.
 */
export function applyFeatureInto(normalization: Normalization, f: number, rawX: Matrix, out: Matrix, from = 0, to = rawX.cols): void {
  const s = normalization.stats[f];
  const m = rawX.cols;
  let shift = 0;
  let scale = 1;
  if (normalization.kind === 'zscore') [shift, scale] = [s.mean, s.std > 0 ? s.std : 1];
  else if (normalization.kind === 'minmax') [shift, scale] = [s.min, s.max > s.min ? s.max - s.min : 1];
  const source = rawX.data;
  const target = out.data;
  for (let i = f * m + from; i < f * m + to; i++) target[i] = (source[i] - shift) / scale;
}
