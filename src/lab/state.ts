/**
 * Everything a user can set, as one serialisable object: the data source and data choices, the lab
 * settings, when η, m and λ changed during the run, where the screen is (which batch, which equation)
 * and which sample the diagram follows. A share link, a lesson file and a reload store this same
 * object, through the same typed codec tables (settings.ts for the lab settings, DATA_CODECS in stateCodecs.ts).
 *
 * An uploaded file never travels: the state names it by name, row count and SHA-256, and the page asks
 * for it. A built-in set travels by name (its rows are generated from the seed).
 *
 * This module holds the state's types and what a running session needs (initialSchedule); the codecs,
 * the plain form and the link are in stateCodecs.ts, which the page loads only to restore, save or share
 * a lab (so the opening screen's bundle does without them).
 */
import type { DataSettings } from '../data';
import type { LabSettings } from './settings';

/** The format version of a link and of the state inside a lesson file. A newer one is refused with a notice. */
export const STATE_VERSION = 1;

/** An uploaded file as a state names it: never its contents. */
export interface FileRef {
  name: string;
  /** Data rows in the file (after the header). */
  rows: number;
  /** SHA-256 of the file's bytes, 64 lowercase hex digits. */
  sha256: string;
}

/** The values of η, m and λ in force from update `update` on (after that many updates). */
export interface ScheduleEntry {
  update: number;
  learningRate: number;
  batchSize: number;
  l2: number;
}

/**
 * Where the screen is: `updates` batches have been trained in this run; the batch on screen is the one
 * whose update number is `shown` (1-based; 0 = before the first batch), at equation `equation` of it
 * (0-based; −1 = its last equation, wherever the trace ends).
 */
export interface Position {
  updates: number;
  shown: number;
  equation: number;
}

/** The whole state of a lab. `settings` hold the values in force now; `schedule[0]` the run's first ones. */
export interface LabState {
  data: DataSettings;
  files: { training: FileRef | null; test: FileRef | null };
  settings: LabSettings;
  schedule: ScheduleEntry[];
  position: Position;
  /** The followed sample: a 0-based column of the batch on screen. */
  sample: number;
}

/** The most updates a state may ask to replay (about 60 epochs of Occupancy at m = 1, 20 minutes of play). */
export const MAX_UPDATES = 500_000;
/** Longest schedule a state may carry. */
export const MAX_SCHEDULE = 1000;

/** The start of a run with `settings`: its schedule holds the live values at update 0. */
export function initialSchedule(settings: Pick<LabSettings, 'learningRate' | 'batchSize' | 'l2'>): ScheduleEntry[] {
  return [{ update: 0, learningRate: settings.learningRate, batchSize: settings.batchSize, l2: settings.l2 }];
}
