/**
 * A small seeded PRNG (mulberry32): 32-bit integer arithmetic only (Math.imul, shifts, xor), so the
 * same seed gives bit-identical numbers in Node and in every browser.
 * @returns a function giving uniform numbers in [0, 1), each a multiple of 2⁻³².
 */
export function createRng(seed: number): () => number {
  // The state lives in a Uint32Array (which wraps mod 2³² as >>> 0 does): a captured number above 2³⁰
  // is a heap number, and every draw of a 500,000-sample shuffle left one behind as garbage.
  const state = new Uint32Array(1);
  state[0] = seed >>> 0;
  return () => {
    state[0] += 0x6d2b79f5;
    let x = state[0];
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed for a sub-stream (e.g. epoch e's shuffle) derived from a base seed: the two are mixed
 * with a 32-bit finaliser so neighbouring epochs get unrelated streams.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed >>> 0) ^ Math.imul((stream + 1) >>> 0, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fisher–Yates shuffle of `values` in place with the uniform source `random`. */
export function shuffleInPlace(values: Int32Array, random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const v = values[i];
    values[i] = values[j];
    values[j] = v;
  }
}
