/**
 * Opening a saved state (a link, a lesson file, the last lab in this browser): ask for each file it
 * was made with until that very file (by SHA-256) is given, then build its dataset, start a session
 * from its seed and replay training up to its position, a chunk at a time. The controller owns one
 * and does the lab's part (OpeningHost): its files, and committing the state's data and session.
 */
import { DataError, type LoadedTables } from '../data';
import { asDataError } from './backgroundWork';
import type { LabSession, Notice } from './session';
import type { LabSettings } from './settings';
import type { FileRef, LabState } from './state';
import type { PendingFileView } from './view';

/** Batches replayed per call of advance when no budget is given. */
const REPLAY_CHUNK = 64;

type Origin = PendingFileView['origin'];
type Role = 'training' | 'test';

/** What opening a state needs from the lab. */
export interface OpeningHost {
  /** A clock in milliseconds. */
  now(): number;
  session(): LabSession | null;
  /** The files the lab has loaded now. */
  files(): { training: FileRef | null; test: FileRef | null };
  /**
   * Makes the state's data the lab's, on `tables`, with a new session at `settings` (the state's, with
   * the schedule's first η, m and λ): throws (a DataError) when its dataset cannot be built.
   */
  adopt(state: LabState, tables: LoadedTables, settings: LabSettings): void;
  /** The tables the lab has, while a file is asked for. */
  keepTables(tables: LoadedTables): void;
  /** A file was refused (not the one the state was made with). */
  fail(title: string, error: DataError): void;
  /** Sets the notice (shown with the next view). */
  tell(notice: Notice): void;
  /** Something changed: a new view is due now. */
  touch(): void;
}

/** The opening of one lab; see the module comment. */
export class Opening {
  /** The state waiting for a file, and which. */
  private pending: { state: LabState; origin: Origin; role: Role; ref: FileRef } | null = null;
  /** The state being replayed. */
  private replay: { state: LabState; origin: Origin; total: number } | null = null;

  constructor(private readonly host: OpeningHost) {}

  /** True while training is replayed towards a state's position (the lab takes no action meanwhile). */
  get replaying(): boolean {
    return this.replay !== null;
  }

  /** The view's progress of the replay: updates done of the total, or null. */
  progress(): { done: number; total: number } | null {
    return this.replay ? { done: this.host.session()?.network.updates ?? 0, total: this.replay.total } : null;
  }

  /** The view of the file asked for, or null. */
  pendingFile(): PendingFileView | null {
    const p = this.pending;
    return p ? { ...p.ref, role: p.role, origin: p.origin } : null;
  }

  /** True when a state waits for its `role` file (an upload of that role continues it: resume). */
  waitsFor(role: Role): boolean {
    return this.pending?.role === role;
  }

  /** Forgets any state being opened (a new one is opened, or the default lab). */
  clear(): void {
    this.pending = null;
    this.replay = null;
  }

  /**
   * Opens `state` on `tables` (with what files the lab has loaded now): asks for its next missing
   * file, or builds its dataset and starts the replay. A state whose data cannot be built leaves the
   * lab as it is, with a notice.
   */
  open(state: LabState, origin: Origin, tables: LoadedTables): void {
    const host = this.host;
    host.keepTables(tables);
    const files = host.files();
    for (const role of ['training', 'test'] as const) {
      const wanted = state.files[role];
      if (wanted && files[role]?.sha256 !== wanted.sha256) {
        this.pending = { state, origin, role, ref: wanted };
        host.touch();
        return;
      }
    }
    this.pending = null;
    const first = state.schedule[0];
    try {
      host.adopt(state, tables, { ...state.settings, learningRate: first.learningRate, batchSize: first.batchSize, l2: first.l2 });
    } catch (e) {
      host.tell({ kind: 'info', text: `The ${originWord(origin)} could not be opened: ${asDataError(e).message}` });
      host.touch();
      return;
    }
    this.replay = { state, origin, total: state.position.updates };
    host.touch();
  }

  /** Goes on with the state waiting for a file, now that it is in `tables`. */
  resume(tables: LoadedTables): void {
    const p = this.pending;
    if (p) this.open(p.state, p.origin, tables);
  }

  /**
   * True when `file`, given for `role` while a state waits for that role's file, is not the one it was
   * made with: it is refused, with why.
   */
  refuses(file: { ref: FileRef }, role: Role): boolean {
    const p = this.pending;
    if (!p || p.role !== role) return false;
    if (file.ref.sha256 === p.ref.sha256) return false;
    const what = originWord(p.origin);
    this.host.fail(`"${file.ref.name}" was not used.`, new DataError(
      `This ${what} was made with ${p.ref.name}, ${p.ref.rows.toLocaleString('en-US')} rows; this file differs (${file.ref.name}, ${file.ref.rows.toLocaleString('en-US')} rows).`,
      `Choose the very file ${p.ref.name} the ${what} was made with, or open the default lab instead.`,
    ));
    return true;
  }

  /** Gives up on a state that waits for a file (false when none waits). */
  cancel(): boolean {
    if (!this.pending) return false;
    this.pending = null;
    this.host.tell({ kind: 'info', text: 'The link was not opened; this is the lab as it was.' });
    this.host.touch();
    return true;
  }

  /** Continues the replay for up to `budgetMs` (by the host's clock); true when there is no replay left. */
  advance(budgetMs: number): boolean {
    const r = this.replay;
    const s = this.host.session();
    if (!r || !s) return true;
    const start = this.host.now();
    let finished = false;
    while (!finished && this.host.now() - start < budgetMs) finished = s.replayTowards(r.state.position.updates, r.state.schedule, REPLAY_CHUNK);
    if (finished) this.finish(s);
    this.host.touch();
    return finished;
  }

  /** The replay is done: the settings that do not reset, the position shown, and a word on how it went. */
  private finish(s: LabSession): void {
    const r = this.replay;
    this.replay = null;
    if (!r) return;
    const { position, settings } = r.state;
    // Settings that do not reset (the speed, and η, m, λ when the schedule ended before the position).
    s.applySettings({ ...s.settings, speed: settings.speed, learningRate: settings.learningRate, batchSize: settings.batchSize, l2: settings.l2 });
    s.notice = null;
    const where = originWord(r.origin);
    if (s.network.updates < position.updates) {
      this.host.tell({ kind: 'info', text: `The ${where} was replayed to update ${s.network.updates} of ${position.updates}: training diverged on the way, as it did when the ${where} was made.` });
    } else if (!s.showPosition(position.shown, position.equation)) {
      this.host.tell({ kind: 'info', text: `The ${where}'s batch is no longer in the kept history; showing the newest batch.` });
    } else if (r.origin === 'resume') {
      this.host.tell({ kind: 'info', text: 'Welcome back: your last lab in this browser was restored.' });
    }
  }
}

/** What the user calls where a state came from: "link", "lesson", "saved lab". */
function originWord(origin: Origin): string {
  return origin === 'resume' ? 'saved lab' : origin;
}
