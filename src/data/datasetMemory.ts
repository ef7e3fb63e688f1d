import { owns, ownedFloat64, ownedInt32, release } from './buffers';
import type { Dataset } from './dataset';

/**
 * Where a rebuilt dataset's matrices go. A setting change on a 45 MB file replaces 50 MB of matrices;
 * built beside the old ones, both sets were held at once, and new arrays of that size cost more to
 * fault in (tens of milliseconds) than to fill. So a rebuild writes into the arrays of the dataset it
 * replaces — resident already, and no one reads them any more once the new dataset is committed —
 * and only what does not fit them is allocated, during the sliced work, a slice at a time.
 *
 * An array may belong to more than one dataset (a normalisation change takes over raw X, Y and the
 * lines): `holders` counts the datasets built here that hold each buffer, less those retired, and a
 * buffer is reused or given back only when no dataset that was not retired can read it.
 */

/** Which array of a dataset part. */
export type Slot = 'rawX' | 'X' | 'Y' | 'lines';

/** An array a build needs: its part (0 training, 1 test), slot and length. */
export interface Need {
  part: 0 | 1;
  slot: Slot;
  length: number;
}

type Numbers = Float64Array | Int32Array;

const holders = new WeakMap<ArrayBufferLike, number>();
const retired = new WeakSet<Dataset>();
/** Arrays whose memory went to another dataset or back to the system: what they held is gone. */
const spent = new WeakSet<Numbers>();

/** The array in `slot` of part `part` of d, if there is one. */
function arrayOf(d: Dataset, part: 0 | 1, slot: Slot): Numbers | undefined {
  const p = part === 0 ? d.train : d.test;
  if (!p) return undefined;
  return slot === 'lines' ? p.lines : p[slot].data;
}

const SLOTS: Slot[] = ['rawX', 'X', 'Y', 'lines'];

/** Every array of a dataset, with its part and slot. */
function arraysOf(d: Dataset): { part: 0 | 1; slot: Slot; array: Numbers }[] {
  const out: { part: 0 | 1; slot: Slot; array: Numbers }[] = [];
  for (const part of [0, 1] as const) {
    for (const slot of SLOTS) {
      const array = arrayOf(d, part, slot);
      if (array) out.push({ part, slot, array });
    }
  }
  return out;
}

/** Counts a new dataset as a holder of each of its buffers. */
export function hold(d: Dataset): void {
  for (const buffer of new Set(arraysOf(d).map((a) => a.array.buffer))) holders.set(buffer, (holders.get(buffer) ?? 0) + 1);
}

/** True when the array still holds what it was made with (its memory went nowhere else). */
export function unspent(array: Numbers): boolean {
  return !spent.has(array);
}

/** Elements a buffer of this slot's type can hold. */
const capacity = (buffer: ArrayBufferLike, slot: Slot) => buffer.byteLength / (slot === 'lines' ? 4 : 8);

/** Slices of this many elements when new arrays are faulted in (8 MB of doubles a slice would be too much). */
const TOUCH = 1 << 17;

/** A build's memory: arrays of the datasets it replaces, and new arrays for what does not fit them. */
export class BuildMemory {
  private readonly plan = new Map<string, { reuse: ArrayBufferLike; offset: number } | { fresh: Numbers }>();
  private readonly needs: Need[];
  private readonly keep: ReadonlySet<ArrayBufferLike>;

  /**
   * Plans the arrays `needs` asks for: the room left at the end of a buffer already planned for an
   * earlier need, when a matrix (rawX, X, Y) fits there; else the same slot of the same part of the
   * first of `candidates` (the datasets the build is expected to replace) that has it, when it is long
   * enough and not more than twice too long; a new array otherwise. The room at the end comes first: with one feature
   * fewer, the training part's old raw X holds the new training and test raw X, and the old test
   * part's arrays are given back instead of the room lying unused beside them (9 MB on the 45 MB
   * file, one feature of eight unticked). `keep`: buffers the new dataset takes over as they are.
   */
  constructor(needs: Need[], candidates: readonly Dataset[], keep: ReadonlySet<ArrayBufferLike>) {
    this.needs = needs;
    this.keep = keep;
    const planned = new Set<ArrayBufferLike>();
    /** Bytes of each planned buffer given to arrays so far (the room after them may take a matrix). */
    const used = new Map<ArrayBufferLike, number>();
    for (const need of needs) {
      let reuse: ArrayBufferLike | null = null;
      let offset = 0;
      if (need.slot !== 'lines') {
        for (const [buffer, bytes] of used) {
          const at = Math.ceil(bytes / 8) * 8;
          if (buffer.byteLength - at >= need.length * 8) {
            [reuse, offset] = [buffer, at];
            break;
          }
        }
      }
      for (const d of reuse ? [] : candidates) {
        const a = arrayOf(d, need.part, need.slot);
        if (!a || spent.has(a) || !owns(a.buffer) || keep.has(a.buffer) || planned.has(a.buffer) || a.byteOffset !== 0) continue;
        const room = capacity(a.buffer, need.slot);
        if (room >= need.length && need.length * 2 >= room) {
          reuse = a.buffer;
          break;
        }
      }
      if (reuse) {
        planned.add(reuse);
        used.set(reuse, offset + need.length * (need.slot === 'lines' ? 4 : 8));
      }
      this.plan.set(key(need), reuse ? { reuse, offset } : { fresh: need.slot === 'lines' ? ownedInt32(need.length) : ownedFloat64(need.length) });
    }
  }

  /** Faults in the new arrays a slice at a time (writes their zeros), yielding the fraction done. */
  *touch(): Generator<number, void, void> {
    const fresh = [...this.plan.values()].flatMap((p) => ('fresh' in p ? [p.fresh] : []));
    const total = fresh.reduce((n, a) => n + a.length, 0);
    let done = 0;
    for (const a of fresh) {
      for (let from = 0; from < a.length; from += TOUCH) {
        a.fill(0, from, Math.min(a.length, from + TOUCH));
        done += Math.min(a.length, from + TOUCH) - from;
        yield done / Math.max(1, total);
      }
    }
  }

  /**
   * Retires `replaced` (datasets no one will read again) and returns the arrays of the needs: in
   * their memory where planned and no other dataset holds it (a new array otherwise), the rest of
   * their memory given back. The reused arrays hold old values: the writer overwrites every element.
   */
  take(replaced: readonly Dataset[]): (need: Need) => Numbers {
    const free = new Map<ArrayBufferLike, Numbers[]>();
    for (const d of new Set(replaced)) {
      if (retired.has(d)) continue;
      retired.add(d);
      const views = arraysOf(d).map((a) => a.array);
      for (const buffer of new Set(views.map((a) => a.buffer))) {
        const left = (holders.get(buffer) ?? 1) - 1;
        holders.set(buffer, left);
        if (left <= 0 && !this.keep.has(buffer)) free.set(buffer, views.filter((a) => a.buffer === buffer));
      }
    }
    const arrays = new Map<string, Numbers>();
    /** Buffers handed to this dataset (one may hold two of its matrices, one after the other). */
    const granted = new Set<ArrayBufferLike>();
    for (const need of this.needs) {
      const p = this.plan.get(key(need));
      let array: Numbers;
      if (p && 'fresh' in p) array = p.fresh;
      else if (p && (free.has(p.reuse) || granted.has(p.reuse)) && p.reuse.byteLength > 0) {
        array = need.slot === 'lines' ? new Int32Array(p.reuse, p.offset, need.length) : new Float64Array(p.reuse, p.offset, need.length);
        for (const old of free.get(p.reuse) ?? []) spent.add(old);
        free.delete(p.reuse);
        granted.add(p.reuse);
      } else array = need.slot === 'lines' ? ownedInt32(need.length) : ownedFloat64(need.length);
      arrays.set(key(need), array);
    }
    for (const views of free.values()) {
      for (const old of views) spent.add(old);
      release(views[0]);
    }
    return (need) => arrays.get(key(need)) as Numbers;
  }
}

const key = (need: Need) => `${need.part}.${need.slot}`;
