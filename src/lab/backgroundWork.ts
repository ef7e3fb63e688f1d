/**
 * The lab's long work, spread over many tasks: a dataset of a large table built in slices, then the
 * session's evaluations of large splits. A scheduler (setTimeout(task, 0) in the browser) runs one
 * slice per task, so the page paints and takes input between them; the progress notice says how far
 * the work is. The controller owns one and gives it what it needs (BackgroundHost).
 */
import { DataError, type DataSettings, type Dataset, type LoadedTables, type PreparedDataset, type Table } from '../data';
import type { LabSession, Notice } from './session';

/**
 * Runs `task` soon, after the page has had a chance to paint and take input (setTimeout(task, 0) in
 * the browser). Given with runInBackground, it lets the controller spread long work over many tasks.
 */
export type BackgroundScheduler = (task: () => void) => void;

/** Milliseconds of background work (a data build, an evaluation) per task: well under the 50 ms of a long task. */
export const BACKGROUND_SLICE_MS = 25;

/** Milliseconds of background work per task while play runs (a frame is due every 16.7 ms). */
export const PLAY_BACKGROUND_SLICE_MS = 8;

/**
 * Tables up to this many cells (rows × columns, the test table's included) give their dataset at once;
 * larger ones are built in slices across tasks when a scheduler is given. UCI Occupancy's training
 * file is 57,001 cells; the 45 MB benchmark file 4.5 million.
 */
export const SLICED_BUILD_CELLS = 1_000_000;

/**
 * A dataset being built in slices, with what to commit with it. The slices decide its numbers; its
 * matrices are written when it is committed (`prepared`), into the memory of the dataset it replaces.
 */
export interface DataJob {
  steps: Generator<number, PreparedDataset, void>;
  prepared: PreparedDataset | null;
  settings: DataSettings;
  tables: LoadedTables;
  table: Table;
  title: string | null;
  fraction: number;
  onFail: () => void;
}

/** What the background work needs from the lab that owns it. */
export interface BackgroundHost {
  /** A clock in milliseconds. */
  now(): number;
  session(): LabSession | null;
  /** The datasets a new one lets go of, whose memory it may take. */
  replacedDatasets(): Dataset[];
  /** A dataset built in slices is ready: make it the lab's. */
  commit(job: DataJob, dataset: Dataset): void;
  /** A slice of the build threw: the job is dropped, and this says why. */
  fail(job: DataJob, error: DataError): void;
  /** True while play runs or a pause waits for its frame: slices are short, and the next frame publishes. */
  deferred(): boolean;
  /** The progress shown changed: the view is due to be made again. */
  changed(): void;
  /** Tells the page (when something changed). */
  publish(): void;
}

/** The background work of one lab; see the module comment. */
export class BackgroundWork {
  private scheduler: BackgroundScheduler | null = null;
  private scheduled = false;
  private dataJob: DataJob | null = null;
  /** The percentage the progress notice shows (it is republished in steps of 5). */
  private shownProgress = -1;

  constructor(private readonly host: BackgroundHost) {}

  /** True once a scheduler is given (long work is then spread over tasks). */
  get scheduling(): boolean {
    return this.scheduler !== null;
  }

  setScheduler(scheduler: BackgroundScheduler | null): void {
    this.scheduler = scheduler;
  }

  /** The dataset being built, or null. */
  get job(): DataJob | null {
    return this.dataJob;
  }

  /** Builds a dataset in slices from now on, instead of the one being built (if any). */
  startJob(job: DataJob): void {
    this.dataJob = job;
  }

  /** Drops the dataset being built (a newer choice, a restore, an undo). */
  cancelJob(): void {
    this.dataJob = null;
  }

  /** True while a dataset is being built or an evaluation is under way. */
  get busy(): boolean {
    return this.dataJob !== null || this.host.session()?.evaluating != null;
  }

  /**
   * Does up to `budgetMs` of the work: first the dataset being built, then the session's evaluations.
   * True when none is left.
   */
  advance(budgetMs = BACKGROUND_SLICE_MS): boolean {
    const host = this.host;
    const start = host.now();
    while (host.now() - start < budgetMs) {
      const job = this.dataJob;
      if (job?.prepared) {
        // At the start of a task of its own, the matrices are written (in the memory of the dataset
        // they replace, given back now) and committed; what follows waits for the next task.
        const dataset = job.prepared.finish(host.replacedDatasets());
        this.dataJob = null;
        host.commit(job, dataset);
        break;
      }
      if (job) {
        let next: IteratorResult<number, PreparedDataset>;
        try {
          next = job.steps.next();
        } catch (e) {
          this.dataJob = null;
          job.onFail();
          host.fail(job, asDataError(e));
          continue;
        }
        if (next.done) {
          [job.prepared, job.fraction] = [next.value, 1];
          break;
        }
        job.fraction = next.value;
        continue;
      }
      const s = host.session();
      if (s && s.evaluating) {
        s.advanceEvaluation(() => host.now(), Math.max(1, budgetMs - (host.now() - start)));
        continue;
      }
      break;
    }
    // The progress notice is republished every 5 percent, not after every slice (each is a render of the page).
    const percent = this.progressPercent() ?? -1;
    if (percent !== this.shownProgress && (percent === -1 || this.shownProgress === -1 || Math.abs(percent - this.shownProgress) >= 5)) host.changed();
    // During play the next frame publishes it: a render here would be a second one between two frames.
    // So does a pause's settling (settlePause) while its stopped frame waits to be painted.
    if (host.deferred()) this.kick();
    else host.publish();
    return !this.busy;
  }

  /** The notice that says what work is under way, or null (the percentage it shows is remembered). */
  progressNotice(): Notice | null {
    const percent = this.progressPercent();
    this.shownProgress = percent ?? -1;
    if (percent === null) return null;
    if (this.dataJob) return { kind: 'info', text: `Preparing the data (${this.dataJob.table.rowCount.toLocaleString('en-US')} rows): ${percent}%…` };
    const e = this.host.session()?.evaluating;
    return { kind: 'info', text: `Evaluating on all ${(e?.total ?? 0).toLocaleString('en-US')} training and test samples: ${percent}%…` };
  }

  /** Asks the scheduler for a task when there is work and none is asked for yet. */
  kick(): void {
    if (!this.scheduler || this.scheduled || !this.busy) return;
    this.scheduled = true;
    this.scheduler(() => {
      this.scheduled = false;
      // During play the slices are shorter: each one is a task between two frames (a pause's stopped frame too).
      this.advance(this.host.deferred() ? PLAY_BACKGROUND_SLICE_MS : BACKGROUND_SLICE_MS);
    });
  }

  private progressPercent(): number | null {
    if (this.dataJob) return Math.floor(this.dataJob.fraction * 100);
    const e = this.host.session()?.evaluating;
    return e ? Math.floor((100 * e.done) / Math.max(1, e.total)) : null;
  }
}

/** A DataError as it is, anything else thrown while preparing the data as one. */
export function asDataError(error: unknown): DataError {
  if (error instanceof DataError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new DataError(`Something went wrong while preparing the data: ${detail}.`, 'Try another choice or reload the page; the previous data is still loaded.');
}
