/**
 * A LabState (state.ts) as a plain object of strings and as a share link: the typed codec tables of the
 * data settings, the files, the schedule and the position (the lab settings' are settings.ts's
 * SETTINGS_CODECS), and the pure functions between them. Decoding treats every value as untrusted input
 * and never throws. Loaded on demand: only restoring, saving or sharing a lab needs it.
 */
import { MAX_TRAIN_PERCENT, MIN_TRAIN_PERCENT, MISSING_POLICIES, NORMALIZATIONS, type DataSettings } from '../data';
import { enumCodec, intCodec, type Codec, type Decoded } from './codecs';
import { DEFAULT_SETTINGS, LIMITS, SETTINGS_CODECS, settingsFromPlain, settingsToPlain, type LabSettings } from './settings';
import { initialSchedule, MAX_SCHEDULE, MAX_UPDATES, STATE_VERSION, type FileRef, type LabState, type Position, type ScheduleEntry } from './state';

// --- codecs of the data settings, the files, the schedule and the position ---------------------------------

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = <T>(error: string): Decoded<T> => ({ ok: false, error });

/** A string of at most `max` characters (a column or file name). */
function textCodec(max: number): Codec<string> {
  return {
    encode: (value) => value,
    decode: (raw) => (typeof raw === 'string' && raw.length <= max ? ok(raw) : fail(`expected text of at most ${max} characters`)),
  };
}

/** A value or null, encoded as '' for null. */
function nullable<T>(codec: Codec<T>): Codec<T | null> {
  return {
    encode: (value) => (value === null ? '' : codec.encode(value)),
    decode: (raw) => (raw === null || raw === '' || raw === undefined ? ok(null) : codec.decode(raw)),
  };
}

/** A list of names, encoded as JSON (names may hold any character). */
function namesCodec(maxItems: number, maxLength: number): Codec<string[]> {
  return {
    encode: (value) => JSON.stringify(value),
    decode: (raw) => {
      let list: unknown = raw;
      if (typeof raw === 'string') {
        try {
          list = JSON.parse(raw);
        } catch {
          return fail('expected a JSON list of names');
        }
      }
      if (!Array.isArray(list) || list.length > maxItems || !list.every((x) => typeof x === 'string' && x.length <= maxLength)) {
        return fail(`expected a list of at most ${maxItems} names`);
      }
      return ok(list as string[]);
    },
  };
}

const NAME_LIMIT = 100_000;

/** The codec of each data setting: the typed table that data choices travel through. */
export const DATA_CODECS: { readonly [K in keyof DataSettings]: Codec<DataSettings[K]> } = {
  source: {
    encode: (value) => value,
    decode: (raw) => (typeof raw === 'string' && /^(builtin|file):./s.test(raw) && raw.length <= NAME_LIMIT ? ok(raw) : fail('expected builtin:<name> or file:<name>')),
  },
  testFile: nullable(textCodec(NAME_LIMIT)),
  target: nullable(textCodec(NAME_LIMIT)),
  features: nullable(namesCodec(10_000, NAME_LIMIT)),
  normalization: enumCodec(NORMALIZATIONS),
  missing: enumCodec(MISSING_POLICIES),
  trainPercent: intCodec(MIN_TRAIN_PERCENT, MAX_TRAIN_PERCENT),
};

/** A FileRef as `rows:sha256:name` (the name last, so it may hold colons). */
export const FILE_CODEC: Codec<FileRef | null> = nullable<FileRef>({
  encode: (f) => `${f.rows}:${f.sha256}:${f.name}`,
  decode: (raw) => {
    if (typeof raw === 'object' && raw !== null) {
      const o = raw as Record<string, unknown>;
      raw = `${String(o.rows)}:${String(o.sha256)}:${String(o.name)}`;
    }
    if (typeof raw !== 'string') return fail('expected rows:sha256:name');
    const match = /^(\d{1,9}):([0-9a-f]{64}):(.+)$/s.exec(raw);
    if (!match || match[3].length > NAME_LIMIT) return fail('expected rows:sha256:name');
    return ok({ rows: Number(match[1]), sha256: match[2], name: match[3] });
  },
});

const updateCodec = intCodec(0, MAX_UPDATES);
const etaCodec = SETTINGS_CODECS.learningRate;
const batchCodec = SETTINGS_CODECS.batchSize;
const l2Codec = SETTINGS_CODECS.l2;

/**
 * The schedule as `update:η:m:λ` entries joined by `,`, e.g. `0:0.1:50:0,120:0.03:50:0`. η and λ are
 * written with String(), which round-trips a double exactly (a replay must use the very same values).
 */
export const SCHEDULE_CODEC: Codec<ScheduleEntry[]> = {
  encode: (entries) => entries.map((e) => [e.update, e.learningRate, e.batchSize, e.l2].map(String).join(':')).join(','),
  decode: (raw) => {
    const parts = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null;
    if (!parts || parts.length === 0 || parts.length > MAX_SCHEDULE) return fail(`expected 1 to ${MAX_SCHEDULE} entries update:η:m:λ`);
    const out: ScheduleEntry[] = [];
    for (const part of parts) {
      const fields = typeof part === 'string' ? part.split(':')
        : typeof part === 'object' && part !== null ? ['update', 'learningRate', 'batchSize', 'l2'].map((k) => (part as Record<string, unknown>)[k]) : [];
      if (fields.length !== 4) return fail('each schedule entry is update:η:m:λ');
      const [u, eta, m, l2] = [updateCodec.decode(fields[0]), etaCodec.decode(fields[1]), batchCodec.decode(fields[2]), l2Codec.decode(fields[3])];
      if (!u.ok || !eta.ok || !m.ok || !l2.ok) return fail(`bad schedule entry ${JSON.stringify(part).slice(0, 40)}`);
      if (out.length > 0 && u.value <= out[out.length - 1].update) return fail('schedule updates must increase');
      out.push({ update: u.value, learningRate: eta.value, batchSize: m.value, l2: l2.value });
    }
    if (out[0].update !== 0) return fail('the schedule starts at update 0');
    return ok(out);
  },
};

/** The position as `updates.shown.equation`, e.g. `168.168.6` (equation −1: the batch's last). */
export const POSITION_CODEC: Codec<Position> = {
  encode: (p) => `${p.updates}.${p.shown}.${p.equation}`,
  decode: (raw) => {
    let fields: unknown[];
    if (typeof raw === 'string') fields = raw.split('.');
    else if (typeof raw === 'object' && raw !== null) fields = ['updates', 'shown', 'equation'].map((k) => (raw as Record<string, unknown>)[k]);
    else return fail('expected updates.shown.equation');
    if (fields.length !== 3) return fail('expected updates.shown.equation');
    const updates = updateCodec.decode(fields[0]);
    const shown = updateCodec.decode(fields[1]);
    const equation = intCodec(-1, 10_000).decode(fields[2]);
    if (!updates.ok || !shown.ok || !equation.ok || shown.value > updates.value) return fail('expected updates.shown.equation with shown ≤ updates');
    return ok({ updates: updates.value, shown: shown.value, equation: equation.value });
  },
};

const SAMPLE_CODEC = intCodec(0, LIMITS.maxBatchSize);

// --- state ↔ plain object ------------------------------------------------------------------------------------

/** The plain form of a state: string values only, one per key (what a URL's hash holds). */
export type PlainState = Record<string, string>;

const DATA_PREFIX = 'data.';

/** State → plain object of strings: `v`, the lab settings' keys, `data.<key>`, `file`, `testFile.ref`, `schedule`, `at`, `sample`. */
export function stateToPlain(state: LabState): PlainState {
  const out: PlainState = { v: String(STATE_VERSION), ...settingsToPlain(state.settings) };
  for (const key of Object.keys(DATA_CODECS) as (keyof DataSettings)[]) out[DATA_PREFIX + key] = encodeData(key, state.data[key]);
  if (state.files.training) out.file = FILE_CODEC.encode(state.files.training);
  if (state.files.test) out.testFileRef = FILE_CODEC.encode(state.files.test);
  out.schedule = SCHEDULE_CODEC.encode(state.schedule);
  out.at = POSITION_CODEC.encode(state.position);
  out.sample = String(state.sample);
  return out;
}

function encodeData<K extends keyof DataSettings>(key: K, value: DataSettings[K]): string {
  return DATA_CODECS[key].encode(value);
}

/** What decoding a state gave: the state (null when it could not be used at all) and what was wrong. */
export interface DecodedState {
  state: LabState | null;
  /** Each refused or inconsistent part, in words; empty when all was well. */
  problems: string[];
}

/**
 * Plain object → state, validating every value as untrusted input. Never throws. A wrong or missing
 * version, source or schedule makes the state unusable (state null); a bad single setting keeps its
 * default and is reported, as is a position the schedule cannot reach.
 */
export function stateFromPlain(plain: Readonly<Record<string, unknown>>, base: Readonly<LabSettings> = DEFAULT_SETTINGS): DecodedState {
  const problems: string[] = [];
  const version = plain.v;
  if (version === undefined) return { state: null, problems: ['it has no version'] };
  const v = Number(version);
  if (!Number.isInteger(v) || v < 1) return { state: null, problems: [`its version ${JSON.stringify(version).slice(0, 20)} is not a version`] };
  if (v > STATE_VERSION) return { state: null, problems: [`it was made by a newer Backprop Lab (format ${v}; this one reads ${STATE_VERSION})`] };

  const settingsPart: Record<string, unknown> = {};
  for (const key of Object.keys(SETTINGS_CODECS)) if (key in plain) settingsPart[key] = plain[key];
  const { settings, errors } = settingsFromPlain(settingsPart, base);
  problems.push(...errors.map((e) => e.message));

  const data = { source: '', testFile: null, target: null, features: null, normalization: 'zscore', missing: 'drop', trainPercent: 80 } as DataSettings;
  for (const key of Object.keys(DATA_CODECS) as (keyof DataSettings)[]) {
    const raw = plain[DATA_PREFIX + key];
    if (raw === undefined) {
      if (key === 'source') return { state: null, problems: [...problems, 'it names no data source'] };
      continue;
    }
    const message = decodeData(data, key, raw);
    if (message) {
      if (key === 'source') return { state: null, problems: [...problems, `data source: ${message}`] };
      problems.push(`data ${key}: ${message}`);
    }
  }
  const training = FILE_CODEC.decode(plain.file);
  const test = FILE_CODEC.decode(plain.testFileRef);
  if (!training.ok || !test.ok) return { state: null, problems: [...problems, 'its file reference is damaged'] };
  if (data.source.startsWith('file:') && !training.value) return { state: null, problems: [...problems, 'it uses a file but does not say which (name, rows and SHA-256)'] };
  if (data.testFile !== null && !test.value) data.testFile = null;

  const schedule = plain.schedule === undefined ? ok(scheduleOf(settings)) : SCHEDULE_CODEC.decode(plain.schedule);
  if (!schedule.ok) return { state: null, problems: [...problems, `schedule: ${schedule.error}`] };
  const decodedPosition = plain.at === undefined ? ok<Position>({ updates: 0, shown: 0, equation: 0 }) : POSITION_CODEC.decode(plain.at);
  let position: Position = { updates: 0, shown: 0, equation: 0 };
  if (decodedPosition.ok) position = decodedPosition.value;
  else problems.push(`position: ${decodedPosition.error}; it opens at the start`);
  const last = schedule.value[schedule.value.length - 1];
  if (last.update > position.updates) return { state: null, problems: [...problems, 'its schedule goes beyond its position'] };
  // The settings in force now are the schedule's last values.
  Object.assign(settings, { learningRate: last.learningRate, batchSize: last.batchSize, l2: last.l2 });
  const sample = plain.sample === undefined ? ok(0) : SAMPLE_CODEC.decode(plain.sample);
  if (!sample.ok) problems.push(`sample: ${sample.error}`);
  return {
    state: {
      data,
      files: { training: training.value, test: data.testFile !== null ? test.value : null },
      settings,
      schedule: schedule.value,
      position,
      sample: sample.ok ? sample.value : 0,
    },
    problems,
  };
}

function scheduleOf(settings: LabSettings): ScheduleEntry[] {
  return initialSchedule(settings);
}

function decodeData<K extends keyof DataSettings>(data: DataSettings, key: K, raw: unknown): string | null {
  const decoded = DATA_CODECS[key].decode(raw);
  if (!decoded.ok) return decoded.error;
  data[key] = decoded.value;
  return null;
}

// --- the link -------------------------------------------------------------------------------------------------

/** The hash of a share link: `#lab&v=1&hiddenLayers=8-8&…` (URLSearchParams encoding after the `lab` marker). */
export function linkHash(state: LabState): string {
  return `#lab&${new URLSearchParams(stateToPlain(state)).toString()}`;
}

/** Longest hash read (a state is about 1 kB; a hostile link may be megabytes). */
export const MAX_LINK_LENGTH = 400_000;

/** What a link's hash gave: nothing (no lab link), or a decoded state with its problems. */
export type ParsedLink = { kind: 'none' } | ({ kind: 'lab' } & DecodedState);

/**
 * Parses a location hash. A hash that is not a lab link is `none`; a lab link gives the state, or null
 * with the problems that made it unusable (malformed, truncated, hostile or from a newer version). Pure;
 * never throws.
 */
export function parseLink(hash: string): ParsedLink {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body !== 'lab' && !body.startsWith('lab&')) return { kind: 'none' };
  if (body.length > MAX_LINK_LENGTH) return { kind: 'lab', state: null, problems: ['it is far too long to be a Backprop Lab link'] };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(body.slice(3));
  } catch {
    return { kind: 'lab', state: null, problems: ['it could not be read'] };
  }
  const plain: Record<string, string> = {};
  for (const [key, value] of params) plain[key] = value;
  return { kind: 'lab', ...stateFromPlain(plain) };
}
