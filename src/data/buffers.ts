/**
 * Typed arrays whose memory goes back at once when they are no longer needed. An array that is only
 * dropped keeps its memory until the collector runs, and V8 runs it for array memory only after tens
 * of megabytes more have been allocated: on a 45 MB file the matrices a setting change replaces
 * (20 MB each) stayed on top of their replacements for seconds. The dataset build allocates its
 * matrices with ownedFloat64 / ownedInt32 and gives back those of a replaced dataset with release.
 */

/** Buffers allocated here: the only ones release may detach (a table's columns are views of larger arrays). */
const owned = new WeakSet<ArrayBufferLike>();

/** A new zero-filled Float64Array of `length` that release may later give back. */
export function ownedFloat64(length: number): Float64Array {
  const out = new Float64Array(length);
  owned.add(out.buffer);
  return out;
}

/** A new zero-filled Int32Array of `length` that release may later give back. */
export function ownedInt32(length: number): Int32Array {
  const out = new Int32Array(length);
  owned.add(out.buffer);
  return out;
}

/** True when the buffer was made by ownedFloat64 / ownedInt32 and not given back. */
export function owns(buffer: ArrayBufferLike): boolean {
  return owned.has(buffer) && buffer.byteLength > 0;
}

/** ES2024's ArrayBuffer.prototype.transfer, where the engine has it (Chrome 114, Firefox 122, Safari 17.4; not Node 20). */
type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/**
 * Gives a buffer's memory back now: it is detached, so every view of it reads as empty from then on.
 * transfer(0) frees the memory at once; without it the buffer is moved into a clone that the collector
 * takes. Only for a buffer the caller alone uses (a temporary, a file's bytes once read).
 */
export function giveBack(buffer: ArrayBuffer): void {
  if (buffer.byteLength === 0) return;
  const b = buffer as Transferable;
  if (typeof b.transfer === 'function') b.transfer(0);
  else structuredClone(b, { transfer: [b] });
}

/**
 * giveBack for an array made by ownedFloat64 / ownedInt32 (and every view of its buffer). Arrays not
 * made here, and arrays already given back, are left as they are. True when the array was given back.
 */
export function release(array: Float64Array | Int32Array): boolean {
  const buffer = array.buffer;
  if (!owned.has(buffer) || buffer.byteLength === 0 || !(buffer instanceof ArrayBuffer)) return false;
  owned.delete(buffer);
  giveBack(buffer);
  return true;
}
