import { describe, expect, it } from 'vitest';
import { createRng } from '../nn';
import { DEFAULT_SETTINGS, HIDDEN_ACTIVATIONS, INITS, OPTIMIZERS, PLAY_SPEEDS } from './settings';
import { STATE_VERSION, type LabState } from './state';
import { linkHash, parseLink, stateFromPlain, stateToPlain } from './stateCodecs';

/** A random valid state from a seeded generator (the property test's input). */
function randomState(random: () => number): LabState {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)];
  const text = () => Array.from({ length: int(1, 12) }, () => String.fromCodePoint(pick([0x41, 0x3a, 0x26, 0x3d, 0x23, 0x20, 0xe9, 0x1f600, 0x5c, 0x25]) + int(0, 3))).join('');
  const file = random() < 0.5;
  const updates = int(0, 5000);
  const schedule = [{ update: 0, learningRate: 10 ** (random() * 5 - 4), batchSize: int(1, 500), l2: random() < 0.5 ? 0 : random() * 0.9 }];
  for (let k = 0; k < int(0, 4); k++) {
    const update = schedule[schedule.length - 1].update + int(1, 100);
    if (update > updates) break;
    schedule.push({ update, learningRate: 10 ** (random() * 5 - 4), batchSize: int(1, 500), l2: random() * 0.01 });
  }
  const last = schedule[schedule.length - 1];
  const name = `${text()}.csv`;
  const sha = () => Array.from({ length: 64 }, () => '0123456789abcdef'[int(0, 15)]).join('');
  return {
    data: {
      source: file ? `file:${name}` : pick(['builtin:two-moons', 'builtin:xor', 'builtin:blobs']),
      testFile: file && random() < 0.5 ? `${text()}.txt` : null,
      target: random() < 0.5 ? null : text(),
      features: random() < 0.5 ? null : [text(), text()],
      normalization: pick(['zscore', 'minmax', 'none'] as const),
      missing: pick(['drop', 'mean'] as const),
      trainPercent: int(50, 100),
    },
    files: { training: file ? { name, rows: int(1, 1e6), sha256: sha() } : null, test: null },
    settings: {
      ...DEFAULT_SETTINGS,
      hiddenLayers: Array.from({ length: int(0, 6) }, () => int(1, 32)),
      hiddenActivation: pick(HIDDEN_ACTIVATIONS),
      init: pick(INITS),
      optimizer: pick(OPTIMIZERS),
      seed: int(0, 0xffffffff),
      speed: pick(PLAY_SPEEDS),
      learningRate: last.learningRate,
      batchSize: last.batchSize,
      l2: last.l2,
    },
    schedule,
    position: { updates, shown: Math.max(0, updates - int(0, 49)), equation: int(-1, 30) },
    sample: int(0, 60),
  };
}

describe('the state in a link', () => {
  it('property: 500 random valid states → URL → state are equal', () => {
    const random = createRng(11);
    for (let k = 0; k < 500; k++) {
      const state = randomState(random);
      if (state.data.testFile !== null) state.files.test = { name: state.data.testFile, rows: 10, sha256: 'a'.repeat(64) };
      const parsed = parseLink(linkHash(state));
      expect(parsed.kind).toBe('lab');
      if (parsed.kind !== 'lab') continue;
      expect(parsed.problems).toEqual([]);
      // Settings travel with 6 significant digits; the schedule (which replays) is exact, and overrides η, m, λ.
      expect(parsed.state).toEqual(state);
    }
  });

  it('property: random strings and mangled links never throw, and never give a state with problems hidden', () => {
    const random = createRng(5);
    const good = linkHash(randomState(random));
    for (let k = 0; k < 3000; k++) {
      const kind = k % 3;
      let hash: string;
      if (kind === 0) hash = '#lab&' + Array.from({ length: Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('');
      else if (kind === 1) hash = good.slice(0, Math.floor(random() * good.length));
      else {
        const at = Math.floor(random() * good.length);
        hash = good.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + good.slice(at + 1);
      }
      const parsed = parseLink(hash);
      if (parsed.kind === 'lab' && parsed.state === null) expect(parsed.problems.length).toBeGreaterThan(0);
    }
  });

  it('a future version, a missing source and a file without its hash are refused with the reason', () => {
    const state = randomState(createRng(2));
    const plain = stateToPlain(state);
    expect(stateFromPlain({ ...plain, v: String(STATE_VERSION + 1) }).problems[0]).toMatch(/newer Backprop Lab/);
    const { ['data.source']: _, ...noSource } = plain;
    expect(stateFromPlain(noSource).problems).toContain('it names no data source');
    expect(stateFromPlain({ ...plain, 'data.source': 'file:x.csv', file: '' }).problems.at(-1)).toMatch(/does not say which/);
    expect(stateFromPlain({ ...plain, schedule: '5:0.1:50:0' }).state).toBeNull();
  });

  it('a bad single value keeps its default and is reported; a hash that is no lab link is ignored', () => {
    const plain = stateToPlain(randomState(createRng(3)));
    const decoded = stateFromPlain({ ...plain, optimizer: 'rmsprop' });
    expect(decoded.state?.settings.optimizer).toBe(DEFAULT_SETTINGS.optimizer);
    expect(decoded.problems[0]).toMatch(/optimizer: expected one of sgd, momentum, adam/);
    expect(parseLink('#section-2')).toEqual({ kind: 'none' });
    expect(parseLink('')).toEqual({ kind: 'none' });
    expect(parseLink('#lab&' + 'x'.repeat(500_000)).kind).toBe('lab');
  });
});
