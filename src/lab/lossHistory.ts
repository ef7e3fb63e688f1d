/**
 * The loss of every update, in bounded memory: the most recent `recent` losses at full resolution,
 * and the past before them in at most `buckets` equal buckets of consecutive updates (min, mean
 * and max of each), whose size doubles whenever they fill up (pairs are merged). After any number
 * of pushes it stores at most recent + buckets + 1 entries: 16,384 + 1,024 + 1 by default, about
 * 170 kB (a plain array of every loss grew by ~14 bytes per update, ~150 MB per hour of play).
 * 16,384 updates are 100 epochs of Occupancy's training file in batches of 50.
 */

/** A span of consecutive updates first..last (1-based, as t), or one update (first = last). */
export interface LossPoint {
  /** (first + last) / 2: where a chart puts the point. */
  update: number;
  first: number;
  last: number;
  /** Mean of the finite losses in the span (the loss itself for one update); NaN if none is finite. */
  value: number;
  /** Smallest and largest finite loss in the span (NaN if none). */
  min: number;
  max: number;
  /** Finite losses in the span (the mean's weight). */
  count: number;
}

/** The loss history of a session. */
export interface LossHistory {
  /** Records the loss of the next update (t = length + 1). */
  push(loss: number): void;
  /** Updates recorded in all, t of the last one. */
  readonly length: number;
  /** The last loss pushed (undefined before the first). */
  readonly last: number | undefined;
  /** The loss of update 1, kept for the life of the history (undefined before the first push). */
  readonly first: number | undefined;
  /** Entries stored now (bounded): full-resolution losses plus past buckets. */
  readonly storedPoints: number;
  /** The loss of update t if it is still at full resolution, else undefined. */
  at(t: number): number | undefined;
  /** The last min(n, length, recent) losses, oldest first. */
  tail(n: number): number[];
  /** Everything stored, oldest first: past buckets, then the recent updates one by one. */
  points(): LossPoint[];
  /**
   * At most maxPoints points covering all updates, oldest first, for a chart: consecutive stored
   * points merged in equal groups (mean weighted by the number of finite losses, min of mins,
   * max of maxes), so drawing costs the same after a million updates as after a thousand.
   */
  downsampled(maxPoints: number): LossPoint[];
}

/** Sizes of a LossHistory: full-resolution updates kept, and past buckets (even, ≥ 2). */
export interface LossHistoryOptions {
  recent?: number;
  buckets?: number;
}

/** Full-resolution updates kept by default. */
export const RECENT_LOSSES = 16_384;
/** Past buckets kept by default. */
export const PAST_BUCKETS = 1024;

/** The history as views and charts read it: no push. */
export type ReadonlyLossHistory = Omit<LossHistory, 'push'>;

/** An empty history (default: the last RECENT_LOSSES updates at full resolution, the past in ≤ PAST_BUCKETS buckets). */
export function createLossHistory(options: LossHistoryOptions = {}): LossHistory {
  const capacity = options.recent ?? RECENT_LOSSES;
  const maxBuckets = options.buckets ?? PAST_BUCKETS;
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`createLossHistory: recent must be a positive integer, got ${capacity}`);
  if (!Number.isInteger(maxBuckets) || maxBuckets < 2 || maxBuckets % 2 !== 0) throw new RangeError(`createLossHistory: buckets must be an even integer ≥ 2, got ${maxBuckets}`);

  // Recent losses in a ring: update t (t > pushed − size) sits at (t − 1) mod capacity.
  const ring = new Float64Array(capacity);
  let pushed = 0;
  // Past bucket i covers updates i·bucketSize + 1 … (i + 1)·bucketSize; bucket `full` is the open one.
  const sum = new Float64Array(maxBuckets + 1), min = new Float64Array(maxBuckets + 1), max = new Float64Array(maxBuckets + 1);
  const finite = new Float64Array(maxBuckets + 1), size = new Float64Array(maxBuckets + 1);
  let bucketSize = 1;
  let full = 0;
  let pastUpdates = 0;
  let firstLoss: number | undefined;

  const clear = (i: number) => {
    sum[i] = 0; min[i] = Infinity; max[i] = -Infinity; finite[i] = 0; size[i] = 0;
  };
  clear(0);

  const merge = (into: number, a: number, b: number) => {
    sum[into] = sum[a] + sum[b];
    min[into] = Math.min(min[a], min[b]);
    max[into] = Math.max(max[a], max[b]);
    finite[into] = finite[a] + finite[b];
    size[into] = size[a] + size[b];
  };

  const toPast = (loss: number) => {
    const i = full;
    size[i] += 1;
    if (Number.isFinite(loss)) {
      sum[i] += loss; finite[i] += 1;
      if (loss < min[i]) min[i] = loss;
      if (loss > max[i]) max[i] = loss;
    }
    pastUpdates += 1;
    if (size[i] < bucketSize) return;
    full += 1;
    if (full === maxBuckets) {
      // Halve the resolution of the past: merge pairs, double the bucket size.
      for (let j = 0; j < maxBuckets / 2; j++) merge(j, 2 * j, 2 * j + 1);
      full = maxBuckets / 2;
      bucketSize *= 2;
    }
    clear(full);
  };

  const pointOf = (first: number, last: number, s: number, lo: number, hi: number, n: number): LossPoint => (
    n > 0 ? { update: (first + last) / 2, first, last, value: s / n, min: lo, max: hi, count: n } : { update: (first + last) / 2, first, last, value: NaN, min: NaN, max: NaN, count: 0 }
  );

  const history: LossHistory = {
    push(loss) {
      if (pushed === 0) firstLoss = loss;
      if (pushed >= capacity) toPast(ring[pushed % capacity]);
      ring[pushed % capacity] = loss;
      pushed += 1;
    },
    get length() {
      return pushed;
    },
    get last() {
      return pushed > 0 ? ring[(pushed - 1) % capacity] : undefined;
    },
    get first() {
      return firstLoss;
    },
    get storedPoints() {
      return full + (size[full] > 0 ? 1 : 0) + Math.min(pushed, capacity);
    },
    at(t) {
      return Number.isInteger(t) && t > pastUpdates && t <= pushed ? ring[(t - 1) % capacity] : undefined;
    },
    tail(n) {
      const out: number[] = [];
      for (let t = Math.max(pastUpdates + 1, pushed - Math.max(0, Math.floor(n)) + 1); t <= pushed; t++) out.push(ring[(t - 1) % capacity]);
      return out;
    },
    points() {
      const out: LossPoint[] = [];
      let first = 1;
      for (let i = 0; i <= full; i++) {
        if (size[i] === 0) continue;
        out.push(pointOf(first, first + size[i] - 1, sum[i], min[i], max[i], finite[i]));
        first += size[i];
      }
      for (let t = pastUpdates + 1; t <= pushed; t++) {
        const loss = ring[(t - 1) % capacity];
        out.push(Number.isFinite(loss) ? { update: t, first: t, last: t, value: loss, min: loss, max: loss, count: 1 } : pointOf(t, t, 0, 0, 0, 0));
      }
      return out;
    },
    downsampled(maxPoints) {
      // Called every frame while playing: groups the stored entries in place, one object per group.
      const pastCount = full + (size[full] > 0 ? 1 : 0);
      const stored = pastCount + (pushed - pastUpdates);
      const group = Math.max(1, Math.ceil(stored / Math.max(1, Math.floor(maxPoints))));
      if (group === 1) return history.points();
      const out: LossPoint[] = [];
      let first = 1;
      let s = 0, n = 0, lo = Infinity, hi = -Infinity, inGroup = 0, groupFirst = 1;
      const add = (span: number, spanSum: number, spanMin: number, spanMax: number, spanFinite: number) => {
        if (inGroup === 0) groupFirst = first;
        s += spanSum; n += spanFinite;
        if (spanMin < lo) lo = spanMin;
        if (spanMax > hi) hi = spanMax;
        first += span;
        inGroup += 1;
        if (inGroup === group) flush();
      };
      const flush = () => {
        out.push(pointOf(groupFirst, first - 1, s, lo, hi, n));
        s = 0; n = 0; lo = Infinity; hi = -Infinity; inGroup = 0;
      };
      for (let i = 0; i < pastCount; i++) add(size[i], sum[i], min[i], max[i], finite[i]);
      for (let t = pastUpdates + 1; t <= pushed; t++) {
        const loss = ring[(t - 1) % capacity];
        if (Number.isFinite(loss)) add(1, loss, loss, loss, 1);
        else add(1, 0, Infinity, -Infinity, 0);
      }
      if (inGroup > 0) flush();
      return out;
    },
  };

  return history;
}

/**
 * The history as a chart's (x, y) series: at most maxPoints points at x = the middle update of each
 * span, y = its mean loss; spans with no finite loss are left out.
 */
export function lossSeries(history: ReadonlyLossHistory, maxPoints: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const p of history.downsampled(maxPoints)) if (p.count > 0) out.push({ x: p.update, y: p.value });
  return out;
}

/** A history holding these losses, in order (tests, and runs kept from a plain list). */
export function lossHistoryOf(losses: Iterable<number>, options: LossHistoryOptions = {}): LossHistory {
  const history = createLossHistory(options);
  for (const loss of losses) history.push(loss);
  return history;
}
