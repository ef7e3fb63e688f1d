/**
 * The products' inner loops as WebAssembly with 128-bit SIMD: two output columns per instruction
 * (f64x2), each lane doing exactly the scalar kernels' operations in the same order, so the results
 * are the same to the last bit (WebAssembly has no fused multiply-add outside the relaxed-SIMD
 * proposal, which is not used, and its f64 arithmetic is IEEE 754 round-to-nearest like JavaScript's).
 *
 * The module is assembled here from a few opcodes (4.8 kB), so there is no binary file to ship
 * or trust. It is compiled only when `enableSimdKernels()` is called: a page needs `'wasm-unsafe-eval'`
 * in its CSP script-src first, or the attempt is refused (and reported as a policy violation). Where
 * compilation fails (that CSP, no SIMD, a very old engine) kernels.ts keeps to its JavaScript loops,
 * which give the same numbers.
 *
 * One kernel, generated for both association orders the scalar kernels use (plus a transpose and
 * an in-place scaling for dW):
 *   out(i, c) ⊕= Σ_t A(i, t)·B(t, c),  A(i, t) = a[i·ars + t·acs], B(t, c) = b[t·bs + c], out(i, c) = out[i·os + c],
 * rows in blocks of 4 (then single rows), terms in blocks of 4 (then single terms), columns in
 * pairs (then a last single column in lane 0). A block of four terms is added to out(i, c) as
 * - `sum`:     out + (((t0 + t1) + t2) + t3)   (accumulateProduct's `out += a0·x0 + a1·x1 + a2·x2 + a3·x3`)
 * - `inOrder`: (((out + t0) + t1) + t2) + t3   (accumulateInOrder's running sum in term order)
 * and a single term as out + t0 in both.
 */

import { setSimdKernels } from './kernels';

type Bytes = number[];

const uleb = (value: number): Bytes => {
  const out: Bytes = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
};
const sleb = (value: number): Bytes => {
  const out: Bytes = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];
const vec = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const name = (s: string): Bytes => vec([...s].map((ch) => [ch.charCodeAt(0)]));

// Opcodes (WebAssembly core 2.0 and its fixed-width SIMD).
const I32 = 0x7f, V128 = 0x7b;
const get = (l: number): Bytes => [0x20, ...uleb(l)];
const set = (l: number): Bytes => [0x21, ...uleb(l)];
const i32 = (v: number): Bytes => [0x41, ...sleb(v)];
const I32_ADD = 0x6a, I32_SUB = 0x6b, I32_MUL = 0x6c, I32_LT_S = 0x48, I32_SHL = 0x74;
const MEMARG = [3, 0]; // alignment hint 2³ bytes, offset 0
const V128_LOAD = [0xfd, 0x00, ...MEMARG];
const V128_STORE = [0xfd, 0x0b, ...MEMARG];
const LOAD64_SPLAT = [0xfd, 0x0a, ...MEMARG];
const LOAD64_ZERO = [0xfd, 0x5d, ...MEMARG];
const STORE64_LANE0 = [0xfd, 0x5b, ...MEMARG, 0];
const F64X2_ADD = [0xfd, 0xf0, 0x01];
const F64X2_MUL = [0xfd, 0xf2, 0x01];
/** while (cond) body, as block { loop { br_if(!cond) 1; body; br 0 } }; `exitIf` leaves 1 when the loop must stop. */
const whileLoop = (exitIf: Bytes, body: Bytes): Bytes => [0x02, 0x40, 0x03, 0x40, ...exitIf, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];
/** a ≥ b for i32 as !(a < b). */
const GE = [I32_LT_S, 0x45];

// Locals: the parameters, then i32 scratch, then v128 registers.
const P = { a: 0, ars: 1, acs: 2, b: 3, bs: 4, out: 5, os: 6, n: 7, terms: 8, cols: 9 };
const L = { i: 10, t: 11, cj: 12, pairEnd: 13, colEnd: 14, bq: 15, or: 19 }; // bq0..3, or0..3
const FIRST_V128 = 23;
const S = (r: number, q: number) => FIRST_V128 + r * 4 + q; // splat of A(i + r, t + q)
const X = (q: number) => FIRST_V128 + 16 + q; // B(t + q, c…c+1)
const I32_LOCALS = FIRST_V128 - 10, V128_LOCALS = 20;

/** elements → bytes: (x << 3) */
const bytes = (expr: Bytes): Bytes => [...expr, ...i32(3), I32_SHL];

/** One column step for R rows × Q terms: load B's Q values, then update each row's out. */
function columnStep(R: number, Q: number, form: 'sum' | 'inOrder', load: Bytes, store: Bytes): Bytes {
  const code: Bytes = [];
  for (let q = 0; q < Q; q++) code.push(...get(L.bq + q), ...get(L.cj), I32_ADD, ...load, ...set(X(q)));
  for (let r = 0; r < R; r++) {
    const address = [...get(L.or + r), ...get(L.cj), I32_ADD];
    const term = (q: number) => [...get(S(r, q)), ...get(X(q)), ...F64X2_MUL];
    code.push(...address, ...address, ...load);
    if (form === 'sum' && Q > 1) {
      code.push(...term(0));
      for (let q = 1; q < Q; q++) code.push(...term(q), ...F64X2_ADD);
      code.push(...F64X2_ADD);
    } else {
      for (let q = 0; q < Q; q++) code.push(...term(q), ...F64X2_ADD);
    }
    code.push(...store);
  }
  return code;
}

/** For the current row block (R rows at i) and term block (Q terms at t): splats, B's row pointers, then the columns. */
function termBlock(R: number, Q: number, form: 'sum' | 'inOrder'): Bytes {
  const code: Bytes = [];
  for (let q = 0; q < Q; q++) {
    // bq = b + (t + q)·bs·8
    code.push(...get(P.b), ...bytes([...get(L.t), ...i32(q), I32_ADD, ...get(P.bs), I32_MUL]), I32_ADD, ...set(L.bq + q));
    for (let r = 0; r < R; r++) {
      // S(r, q) = splat a[(i + r)·ars + (t + q)·acs]
      code.push(...get(P.a), ...bytes([...get(L.i), ...i32(r), I32_ADD, ...get(P.ars), I32_MUL, ...get(L.t), ...i32(q), I32_ADD, ...get(P.acs), I32_MUL, I32_ADD]), I32_ADD);
      code.push(...LOAD64_SPLAT, ...set(S(r, q)));
    }
  }
  code.push(...i32(0), ...set(L.cj));
  // Column pairs while cj < pairEnd, then the last column (lane 0 only) if cols is odd.
  code.push(...whileLoop([...get(L.cj), ...get(L.pairEnd), ...GE], [...columnStep(R, Q, form, V128_LOAD, V128_STORE), ...get(L.cj), ...i32(16), I32_ADD, ...set(L.cj)]));
  code.push(...get(L.cj), ...get(L.colEnd), I32_LT_S, 0x04, 0x40, ...columnStep(R, Q, form, LOAD64_ZERO, STORE64_LANE0), 0x0b);
  return code;
}

/** Rows in blocks of R from i while i + R ≤ n: out's row pointers, then terms in blocks of 4 and 1. */
function rowBlocks(R: number, form: 'sum' | 'inOrder'): Bytes {
  const orPointers: Bytes = [];
  for (let r = 0; r < R; r++) orPointers.push(...get(P.out), ...bytes([...get(L.i), ...i32(r), I32_ADD, ...get(P.os), I32_MUL]), I32_ADD, ...set(L.or + r));
  const terms = (Q: number) => [
    ...whileLoop([...get(L.t), ...i32(Q), I32_ADD, ...get(P.terms), 0x4a /* i32.gt_s */], [...termBlock(R, Q, form), ...get(L.t), ...i32(Q), I32_ADD, ...set(L.t)]),
  ];
  return whileLoop([...get(L.i), ...i32(R), I32_ADD, ...get(P.n), 0x4a], [...orPointers, ...i32(0), ...set(L.t), ...terms(4), ...terms(1), ...get(L.i), ...i32(R), I32_ADD, ...set(L.i)]);
}

function kernelBody(form: 'sum' | 'inOrder'): Bytes {
  const code: Bytes = [
    // colEnd = cols·8, pairEnd = (cols − cols mod 2)·8
    ...bytes(get(P.cols)), ...set(L.colEnd),
    ...get(L.colEnd), ...get(P.cols), ...i32(1), 0x71 /* i32.and */, ...i32(3), I32_SHL, I32_SUB, ...set(L.pairEnd),
    ...i32(0), ...set(L.i),
    ...rowBlocks(4, form), ...rowBlocks(1, form),
    0x0b,
  ];
  const locals = vec([[...uleb(I32_LOCALS), I32], [...uleb(V128_LOCALS), V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** transpose(src, rows, cols, dst): dst(j, p) = src(p, j), src rows × cols row-major (byte addresses). */
function transposeBody(): Bytes {
  const [src, rows, cols, dst, p, j, from, to] = [0, 1, 2, 3, 4, 5, 6, 7];
  const code: Bytes = [
    ...i32(0), ...set(p),
    ...whileLoop([...get(p), ...get(rows), ...GE], [
      ...get(src), ...bytes([...get(p), ...get(cols), I32_MUL]), I32_ADD, ...set(from),
      ...get(dst), ...bytes(get(p)), I32_ADD, ...set(to),
      ...i32(0), ...set(j),
      ...whileLoop([...get(j), ...get(cols), ...GE], [
        ...get(to), ...get(from), 0x2b, ...MEMARG, 0x39, ...MEMARG, // f64.store(to, f64.load(from))
        ...get(from), ...i32(8), I32_ADD, ...set(from),
        ...get(to), ...bytes(get(rows)), I32_ADD, ...set(to),
        ...get(j), ...i32(1), I32_ADD, ...set(j),
      ]),
      ...get(p), ...i32(1), I32_ADD, ...set(p),
    ]),
    0x0b,
  ];
  const body = [...vec([[...uleb(4), I32]]), ...code];
  return [...uleb(body.length), ...body];
}

/** scale(at, count, s): x ← x·s for count values from byte address at, two per instruction. */
function scaleBody(): Bytes {
  const [at, count, factor, end, splat] = [0, 1, 2, 3, 4];
  const code: Bytes = [
    ...get(at), ...bytes([...get(count), ...i32(-2), 0x71 /* i32.and */]), I32_ADD, ...set(end),
    ...get(factor), 0xfd, 0x14 /* f64x2.splat */, ...set(splat),
    ...whileLoop([...get(at), ...get(end), ...GE], [
      ...get(at), ...get(at), ...V128_LOAD, ...get(splat), ...F64X2_MUL, ...V128_STORE,
      ...get(at), ...i32(16), I32_ADD, ...set(at),
    ]),
    ...get(count), ...i32(1), 0x71, 0x04, 0x40, // if (count & 1)
    ...get(at), ...get(at), 0x2b, ...MEMARG, ...get(factor), 0xa2 /* f64.mul */, 0x39, ...MEMARG,
    0x0b,
    0x0b,
  ];
  const body = [...vec([[1, I32], [1, V128]]), ...code];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const F64 = 0x7c;
  const kernelType = [0x60, ...vec(Array.from({ length: 10 }, () => [I32])), 0];
  const transposeType = [0x60, ...vec([[I32], [I32], [I32], [I32]]), 0];
  const scaleType = [0x60, ...vec([[I32], [I32], [F64]]), 0];
  const exported = (s: string, index: number): Bytes => [...name(s), 0x00, index];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([kernelType, transposeType, scaleType])),
    ...section(3, vec([[0], [0], [1], [2]])),
    ...section(5, vec([[0x00, 1]])), // one memory, at least 1 page, grown from JavaScript
    ...section(7, vec([exported('sum', 0), exported('inOrder', 1), exported('transpose', 2), exported('scale', 3), [...name('memory'), 0x02, 0]])),
    ...section(10, vec([kernelBody('sum'), kernelBody('inOrder'), transposeBody(), scaleBody()])),
  ]);
}

type Kernel = (a: number, ars: number, acs: number, b: number, bs: number, out: number, os: number, n: number, terms: number, cols: number) => void;

/** The SIMD kernels on JavaScript arrays: operands are copied into the module's memory and results copied back. */
export interface SimdKernels {
  /**
   * out += A·B with A n × k read through strides (A(i, p) = a[i·rowStride + p·colStride]), B k × m and
   * out n × m row-major: accumulateProduct's blocks and order (`sum`).
   */
  product(a: Float64Array, rowStride: number, colStride: number, b: Float64Array, out: Float64Array, n: number, k: number, m: number): void;
  /**
   * out(i, p) = scale·Σ_j A(i, j)·B(p, j) for i < n, p < k, each a running sum in j order from 0
   * (`inOrder` against Bᵀ, transposed while it is copied in), with A n × m and B k × m row-major and
   * out's rows ko apart (productTransposeB's main region).
   */
  productTransposeB(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number, ko: number, scale: number): void;
}

function instantiate(): SimdKernels | null {
  if (typeof WebAssembly !== 'object') return null;
  let exports: WebAssembly.Exports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes())).exports;
  } catch {
    return null; // CSP without 'wasm-unsafe-eval', or no SIMD: the JavaScript kernels do the same sums
  }
  const memory = exports.memory as WebAssembly.Memory;
  const sum = exports.sum as Kernel, inOrder = exports.inOrder as Kernel;
  const transpose = exports.transpose as (src: number, rows: number, cols: number, dst: number) => void;
  const scaleValues = exports.scale as (at: number, count: number, factor: number) => void;
  let heap = new Float64Array(memory.buffer);
  /** The heap with room for `size` values (growing the memory replaces its buffer). */
  const heapOf = (size: number): Float64Array => {
    if (heap.length < size) {
      memory.grow(Math.ceil((size * 8 - memory.buffer.byteLength) / 65536));
      heap = new Float64Array(memory.buffer);
    }
    return heap;
  };
  return {
    product(a, rowStride, colStride, b, out, n, k, m) {
      const size = n * m, bAt = a.length, outAt = bAt + b.length;
      const h = heapOf(outAt + size);
      h.set(a, 0);
      h.set(b, bAt);
      h.set(size === out.length ? out : out.subarray(0, size), outAt);
      sum(0, rowStride, colStride, bAt * 8, m, outAt * 8, m, n, k, m);
      out.set(h.subarray(outAt, outAt + size));
    },
    productTransposeB(a, b, out, n, k, m, ko, scale) {
      // Heap: A (n × m), B's first k rows (k × m), Bᵀ (m × k), out (n × k, then scaled in place).
      const bAt = n * m, btAt = bAt + k * m, outAt = btAt + m * k, end = outAt + n * k;
      const h = heapOf(end);
      h.set(n * m === a.length ? a : a.subarray(0, n * m), 0);
      h.set(k * m === b.length ? b : b.subarray(0, k * m), bAt);
      transpose(bAt * 8, k, m, btAt * 8);
      h.fill(0, outAt, end);
      inOrder(0, m, 1, btAt * 8, k, outAt * 8, k, n, m, k);
      scaleValues(outAt * 8, n * k, scale); // x·scale, as productTransposeB's out[q] *= scale
      if (ko === k) out.set(h.subarray(outAt, end));
      else for (let i = 0; i < n; i++) out.set(h.subarray(outAt + i * k, outAt + (i + 1) * k), i * ko);
    },
  };
}

let compiled: SimdKernels | null | undefined; // undefined: not tried yet
let active: SimdKernels | null = null;

/**
 * Lets the products use the SIMD kernels (compiling them on the first call) or, with false, go
 * back to the JavaScript loops; the numbers are the same either way, only the speed differs.
 * @returns whether the SIMD kernels are now in use (false where WebAssembly SIMD cannot be compiled).
 */
export function enableSimdKernels(enabled = true): boolean {
  if (enabled && compiled === undefined) compiled = instantiate();
  active = enabled ? (compiled ?? null) : null;
  setSimdKernels(active);
  return active !== null;
}

/** The SIMD kernels in use, or null (the default, until enableSimdKernels() succeeds). */
export function simdKernels(): SimdKernels | null {
  return active;
}
