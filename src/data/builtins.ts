import { createRng } from '../nn/rng';
import { numericColumn, typeColumn } from './columns';
import type { Column, Table } from './table';

/**
 * Built-in datasets, generated in code from a seed (nothing is copied from anywhere): four 2-D
 * binary problems, three Gaussian blobs (3 classes) and a 1-D regression curve. Each is a Table
 * with columns x1, x2, class (or x, y), so it goes through the same choices as an uploaded file.
 */

/** Names of the built-in sets (the part after 'builtin:' in a source id). */
export type BuiltinName = 'xor' | 'circles' | 'two-moons' | 'spiral' | 'blobs' | 'curve';

/** Each built-in set's title and description, in menu order. */
export const BUILTIN_DATASETS: readonly { name: BuiltinName; title: string; description: string }[] = [
  { name: 'two-moons', title: 'Two moons', description: '2 features, 2 classes: two interleaved half circles' },
  { name: 'xor', title: 'XOR', description: '2 features, 2 classes: opposite quadrants share a class' },
  { name: 'circles', title: 'Circles', description: '2 features, 2 classes: a disc inside a ring' },
  { name: 'spiral', title: 'Spiral', description: '2 features, 2 classes: two intertwined spiral arms' },
  { name: 'blobs', title: 'Three blobs', description: '2 features, 3 classes: Gaussian clusters' },
  { name: 'curve', title: 'Regression curve', description: '1 feature, a continuous target: y = sin(3x) + x/2 + noise' },
];

/** Standard normal samples from a uniform source (Box–Muller, one of the pair). */
function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random(); // (0, 1]: ln u is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

type Points = { columns: Record<string, number[]> };

function generate(name: BuiltinName, seed: number): Points {
  const random = createRng(seed);
  const normal = gaussian(random);
  const x1: number[] = [];
  const x2: number[] = [];
  const label: number[] = [];
  const add = (a: number, b: number, c: number) => { x1.push(a); x2.push(b); label.push(c); };
  switch (name) {
    case 'xor':
      for (let i = 0; i < 400; i++) {
        // A small gap around the axes keeps the four quadrants apart.
        const a = (random() * 0.9 + 0.1) * (random() < 0.5 ? -1 : 1);
        const b = (random() * 0.9 + 0.1) * (random() < 0.5 ? -1 : 1);
        add(a + 0.05 * normal(), b + 0.05 * normal(), a * b > 0 ? 0 : 1);
      }
      break;
    case 'circles':
      for (let i = 0; i < 400; i++) {
        const inner = i % 2 === 1;
        const r = inner ? random() * 0.45 : 0.65 + random() * 0.35;
        const t = 2 * Math.PI * random();
        add(r * Math.cos(t) + 0.04 * normal(), r * Math.sin(t) + 0.04 * normal(), inner ? 1 : 0);
      }
      break;
    case 'two-moons':
      for (let i = 0; i < 400; i++) {
        const upper = i % 2 === 0;
        const t = Math.PI * random();
        const [a, b] = upper ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
        add(a + 0.1 * normal(), b + 0.1 * normal(), upper ? 0 : 1);
      }
      break;
    case 'spiral':
      for (let i = 0; i < 400; i++) {
        const arm = i % 2;
        const r = (Math.floor(i / 2) / 200) * 5;
        const t = 1.75 * r + arm * Math.PI;
        add(r * Math.sin(t) + 0.1 * normal(), r * Math.cos(t) + 0.1 * normal(), arm);
      }
      break;
    case 'blobs':
      for (let i = 0; i < 450; i++) {
        const k = i % 3;
        const angle = (2 * Math.PI * k) / 3 + Math.PI / 2;
        add(2 * Math.cos(angle) + 0.7 * normal(), 2 * Math.sin(angle) + 0.7 * normal(), k);
      }
      break;
    case 'curve': {
      const xs = Array.from({ length: 200 }, () => random() * 4 - 2).sort((a, b) => a - b);
      return { columns: { x: xs, y: xs.map((x) => Math.sin(3 * x) + x / 2 + 0.1 * normal()) } };
    }
  }
  return { columns: { x1, x2, class: label } };
}

/** True when `name` is a built-in set. */
export function isBuiltinName(name: string): name is BuiltinName {
  return BUILTIN_DATASETS.some((d) => d.name === name);
}

/**
 * The generated values of the built-in set `name` from `seed`, column by column (x1, x2, class or x, y),
 * before they are typed as a Table.
 */
export function builtinValues(name: BuiltinName, seed: number): Record<string, number[]> {
  return generate(name, seed).columns;
}

/**
 * The last table builtinTable made: the lab asks for the same set twice in a row when it opens (its
 * source table, then the dataset built from it), and tables are never changed once made.
 */
let lastTable: { name: BuiltinName; seed: number; table: Table } | null = null;

/** The built-in set `name` generated from `seed` (same seed → same numbers, in Node and browsers). */
export function builtinTable(name: BuiltinName, seed: number): Table {
  if (lastTable?.name === name && lastTable.seed === seed) return lastTable.table;
  const table = makeBuiltinTable(name, seed);
  lastTable = { name, seed, table };
  return table;
}

function makeBuiltinTable(name: BuiltinName, seed: number): Table {
  const entries = Object.entries(builtinValues(name, seed));
  const m = entries[0][1].length;
  // A built-in set has no file: its "line" is the 1-based row number.
  const lines = new Int32Array(m);
  for (let i = 0; i < m; i++) lines[i] = i + 1;
  const notices: string[] = [];
  const title = BUILTIN_DATASETS.find((d) => d.name === name)?.title ?? name;
  return {
    id: `builtin:${name}`,
    name: title,
    rowCount: m,
    columns: entries.map(([column, values]) => builtinColumn(column, values, lines, notices)),
    lines,
    notices,
  };
}

/**
 * One generated column, typed straight from its numbers: the column typeColumn makes of the same values
 * written as String(x), value for value (builtins.test.ts compares the two), without writing and parsing
 * 400 strings per column on the lab's first render. Only finite numbers go this way (all the generators
 * give); anything else would go through the text.
 */
function builtinColumn(name: string, values: readonly number[], lines: Int32Array, notices: string[]): Column {
  const m = values.length;
  const numbers = new Float64Array(m);
  let integer = true;
  for (let i = 0; i < m; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) return typeColumn(name, values.map(String), false, lines, notices);
    // String(-0) is "0", read back as 0.
    numbers[i] = x === 0 ? 0 : x;
    if (integer && !Number.isInteger(x)) integer = false;
  }
  if (m === 0) return typeColumn(name, [], false, lines, notices);
  return numericColumn({ name, missing: 0, example: String(numbers[0]), integer }, name, numbers, new Uint8Array(m));
}
