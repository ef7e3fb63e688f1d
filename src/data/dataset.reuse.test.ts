import { describe, expect, it } from 'vitest';
import { buildDataset, drainSteps, prepareDatasetSteps, type Dataset } from './dataset';
import { loadCsvText } from './load';
import { DEFAULT_DATA_SETTINGS, type DataChoices } from './settings';
import { bigCsv } from './testing/bigCsv';
import { referenceBuildDataset } from './testing/referenceDataset';

/**
 * A rebuild that writes its matrices into the memory of the dataset it replaces (prepareDatasetSteps
 * → finish) gives the dataset a fresh build gives, bit for bit (the frozen build of
 * testing/referenceDataset.ts as the oracle); the replaced dataset's arrays that it does not take over
 * are given back (they read as empty), and a dataset not named as replaced is left intact.
 */

const choices = (over: Partial<DataChoices> = {}): DataChoices => ({ ...DEFAULT_DATA_SETTINGS, ...over });

/** Every array of a dataset, by where it is. */
function arrays(d: Dataset): [string, Float64Array | Int32Array][] {
  const out: [string, Float64Array | Int32Array][] = [];
  for (const part of ['train', 'test'] as const) {
    const p = d[part];
    if (p) out.push([`${part}.X`, p.X.data], [`${part}.rawX`, p.rawX.data], [`${part}.Y`, p.Y.data], [`${part}.lines`, p.lines ?? new Int32Array(0)]);
  }
  return out;
}

/** The same numbers bit for bit (Object.is on every value), the same notices and statistics. */
function expectSame(actual: Dataset, expected: Dataset): void {
  expect([actual.featureNames, actual.targetName, actual.task, actual.classes, actual.summary, actual.notices])
    .toEqual([expected.featureNames, expected.targetName, expected.task, expected.classes, expected.summary, expected.notices]);
  expect(actual.normalization).toEqual(expected.normalization);
  expect(actual.targetScale).toEqual(expected.targetScale);
  expect(actual.test === null).toBe(expected.test === null);
  const e = new Map(arrays(expected));
  for (const [where, a] of arrays(actual)) {
    const b = e.get(where) as Float64Array | Int32Array;
    expect(a.length, where).toBe(b.length);
    let differs = -1;
    for (let i = 0; i < a.length && differs < 0; i++) if (!Object.is(a[i], b[i])) differs = i;
    expect(differs, `${where}: first differing value`).toBe(-1);
  }
}

/** A copy of every array, to check later that a dataset was left as it was. */
const snapshot = (d: Dataset) => arrays(d).map(([where, a]) => [where, a.slice()] as const);

function expectUnchanged(d: Dataset, before: ReturnType<typeof snapshot>): void {
  const now = new Map(arrays(d));
  for (const [where, a] of before) expect(Array.from(now.get(where) ?? []), where).toEqual(Array.from(a));
}

const rebuild = (table: Parameters<typeof buildDataset>[0], c: DataChoices, seed: number, replaced: Dataset[], candidates = replaced) =>
  drainSteps(prepareDatasetSteps(table, c, { seed }, candidates)).finish(replaced);

// 3,000 rows with gaps (bigCsv: columns a–e and a label), so 'drop' removes rows and 'mean' fills them.
const TABLE = loadCsvText(bigCsv(3_000), { name: 'reuse.csv' });

describe('a rebuild into the memory of the dataset it replaces', () => {
  it('gives what a fresh build gives, through a run of setting changes, and gives back the old arrays it does not take over', () => {
    const steps: Partial<DataChoices>[] = [
      {},
      { normalization: 'minmax' },                        // X only: raw X, Y and lines are taken over
      { normalization: 'minmax', features: ['a', 'b', 'd'] }, // other features: the split and Y are taken over when the rows stay
      { normalization: 'none', features: ['a', 'b', 'd'] },
      { target: 'e', features: ['a', 'b'] },             // another target: a new Y
      { target: 'e', features: ['a', 'b'], missing: 'mean', trainPercent: 60 },
      { trainPercent: 100 },
      { trainPercent: 100, normalization: 'minmax' },
    ];
    let current = buildDataset(TABLE, choices(steps[0]), { seed: 4 });
    for (const over of steps.slice(1)) {
      const room = current.train.X.data.buffer.byteLength / 8;
      const next = rebuild(TABLE, choices(over), 4, [current]);
      expectSame(next, referenceBuildDataset(TABLE, choices(over), { seed: 4 }));
      const taken = new Set(arrays(next).map(([, a]) => a));
      const written = new Set(arrays(next).map(([, a]) => a.buffer));
      let reused = 0;
      for (const [where, a] of arrays(current)) {
        // Each old array is part of the new dataset as it was, or holds some of its new values, or is given back (empty).
        if (taken.has(a)) continue;
        if (written.has(a.buffer)) reused++;
        else expect(a.length, `${where} given back`).toBe(0);
      }
      // X is written into the old X's memory whenever it fits there (and fills at least half of it).
      const n = next.train.X.data.length;
      if (n <= room && 2 * n >= room) expect(reused, JSON.stringify(over)).toBeGreaterThan(0);
      current = next;
    }
  });

  it('takes over raw X, Y and the lines on a normalisation change, and Y and the lines when other features keep the rows', () => {
    const first = buildDataset(TABLE, choices(), { seed: 9 });
    const minmax = rebuild(TABLE, choices({ normalization: 'minmax' }), 9, [first]);
    expect(minmax.train.rawX).toBe(first.train.rawX);
    expect(minmax.train.Y).toBe(first.train.Y);
    expect(minmax.test?.lines).toBe(first.test?.lines);
    expect(minmax.train.X.data.buffer === first.train.X.data.buffer).toBe(true);
    // 'mean' keeps every row whichever features: the same split, the same Y.
    const mean = rebuild(TABLE, choices({ missing: 'mean' }), 9, [minmax]);
    const fewer = rebuild(TABLE, choices({ missing: 'mean', features: ['b', 'c', 'd'] }), 9, [mean]);
    expect(fewer.train.Y).toBe(mean.train.Y);
    expect(fewer.test?.lines).toBe(mean.test?.lines);
    expect(fewer.train.rawX === mean.train.rawX).toBe(false);
    // Three features of five: raw X is written into the front of the old one's memory.
    expect(fewer.train.rawX.data.buffer === mean.train.rawX.data.buffer).toBe(true);
    expectSame(fewer, referenceBuildDataset(TABLE, choices({ missing: 'mean', features: ['b', 'c', 'd'] }), { seed: 9 }));
  });

  it('with features unticked, writes the test part into the room after the training part and gives back the old test arrays', () => {
    // 'mean' keeps all 3,000 rows: 2,400 train and 600 test; three features of five leave room for 2 × 2,400 values.
    const all = buildDataset(TABLE, choices({ missing: 'mean' }), { seed: 6 });
    const oldTest = all.test as NonNullable<Dataset['test']>;
    const over: Partial<DataChoices> = { missing: 'mean', features: ['a', 'c', 'e'] };
    const fewer = rebuild(TABLE, choices(over), 6, [all]);
    expectSame(fewer, referenceBuildDataset(TABLE, choices(over), { seed: 6 }));
    const test = fewer.test as NonNullable<Dataset['test']>;
    expect(test.rawX.data.buffer === fewer.train.rawX.data.buffer).toBe(true);
    expect(test.rawX.data.byteOffset).toBe(fewer.train.rawX.data.byteLength);
    expect([fewer.train.rawX.data.buffer, fewer.train.X.data.buffer].includes(test.X.data.buffer)).toBe(true);
    expect([oldTest.rawX.data.length, oldTest.X.data.length]).toEqual([0, 0]);
    // And on from there: the shared buffers are reused, taken over or given back as a whole, the numbers those of a fresh build.
    for (const next of [{ normalization: 'minmax' }, { missing: 'mean', features: ['a', 'b', 'c', 'e'] }, { target: 'e', features: ['a', 'b'] }, {}] as Partial<DataChoices>[]) {
      const before = fewer;
      const built = rebuild(TABLE, choices(next), 6, [before]);
      expectSame(built, referenceBuildDataset(TABLE, choices(next), { seed: 6 }));
    }
  });

  it('leaves a dataset it is not told to replace as it was (the undo slot’s), even when another one shares its arrays', () => {
    const kept = buildDataset(TABLE, choices(), { seed: 2 });
    const before = snapshot(kept);
    // A dataset taking over kept's raw X, Y and lines (a normalisation change), then replaced by other choices.
    const shared = rebuild(TABLE, choices({ normalization: 'none' }), 2, []);
    expect(shared.train.rawX).toBe(kept.train.rawX);
    const other = rebuild(TABLE, choices({ features: ['a', 'c', 'd', 'e'], trainPercent: 70 }), 2, [shared]);
    expectSame(other, referenceBuildDataset(TABLE, choices({ features: ['a', 'c', 'd', 'e'], trainPercent: 70 }), { seed: 2 }));
    expect(other.train.X.data.buffer === shared.train.X.data.buffer).toBe(true);
    expectUnchanged(kept, before);
    // Retired in its turn, kept's memory goes to the next one (or back) now that no one holds it.
    const last = rebuild(TABLE, choices({ target: 'e' }), 2, [other, kept]);
    expectSame(last, referenceBuildDataset(TABLE, choices({ target: 'e' }), { seed: 2 }));
    const lastBuffers = new Set(arrays(last).map(([, a]) => a.buffer));
    for (const [where, a] of arrays(kept)) expect(a.length === 0 || lastBuffers.has(a.buffer), where).toBe(true);
  });

  it('planned into a dataset that is not replaced after all (the build was for another lab state), leaves it intact', () => {
    const kept = buildDataset(TABLE, choices({ features: ['a', 'b'] }), { seed: 8 });
    const before = snapshot(kept);
    const next = rebuild(TABLE, choices({ features: ['a', 'c'] }), 8, [], [kept]);
    expectSame(next, referenceBuildDataset(TABLE, choices({ features: ['a', 'c'] }), { seed: 8 }));
    expectUnchanged(kept, before);
  });

  it('never takes over arrays that were given back: a later build with the first choices builds them again', () => {
    const a = buildDataset(TABLE, choices(), { seed: 5 });
    const other = loadCsvText(bigCsv(500), { name: 'other.csv' });
    rebuild(other, choices(), 5, [a]);
    // TABLE's last layout pointed at a's arrays: they are gone, so this is a full build again.
    const again = rebuild(TABLE, choices({ normalization: 'minmax' }), 5, []);
    expectSame(again, referenceBuildDataset(TABLE, choices({ normalization: 'minmax' }), { seed: 5 }));
  });

  it('writes once: a second finish is refused', () => {
    const prepared = drainSteps(prepareDatasetSteps(TABLE, choices(), { seed: 1 }));
    prepared.finish();
    expect(() => prepared.finish()).toThrow(/already written/);
  });
});
