/**
 * Play: the state of the play loop of one lab and its animation frames. A frame trains what the speed
 * owes within its budget (play.ts) and says what the next view re-renders: during full-speed play the
 * diagram about 10 times a second, and the gradient-flow and loss charts as often in another frame,
 * while the counters follow every frame and the equation list stays frozen on its batch. A pause of
 * full-speed play paints play's last view stopped first, and settles into the paused view after.
 * The controller owns one and publishes what it changes (PlayHost).
 */
import type { Equation } from '../trace';
import { equationsOf } from './history';
import { carryOver, DIAGRAM_REFRESH_MS, FRAME_BUDGET_MS, REFRESH_FRAME_BUDGET_MS, runWithinBudget, SPEED_SPECS, unitsOwed } from './play';
import { END, type LabSession } from './session';
import type { PlaySpeed } from './settings';

/** The equation list of the batch on screen, kept while batches play at full speed (it catches up on pause). */
export interface FrozenList {
  equations: Equation[];
  index: number;
}

/** What play needs from the lab. */
export interface PlayHost {
  /** A clock in milliseconds. */
  now(): number;
  session(): LabSession | null;
  /** The lab's own version (it goes up with every change of the lab that is not its session's). */
  version(): number;
  /** A new view is due: the lab's version goes up (the page is told when the lab publishes). */
  bump(): void;
}

/** How the view being made during play re-renders (see LabController.getView). */
export interface PlayRefresh {
  /** True during full-speed play, and while a pause's stopped frame is held. */
  fastPlay: boolean;
  /** The diagram is drawn anew (else the last view's is kept). */
  diagram: boolean;
  /** The gradient-flow series and the metrics are drawn anew (else the last view's are kept). */
  flow: boolean;
  /** The equation list the view shows during full-speed play; null otherwise. */
  frozen: FrozenList | null;
}

/** The play loop of one lab; see the module comment. */
export class PlayLoop {
  private running = false;
  private playClock = { last: 0, carry: 0 };
  private frozen: FrozenList | null = null;
  /** When the diagram was last re-rendered during play: the clock and the play frame. */
  private diagram = { at: -Infinity, frame: -Infinity };
  /** When the gradient-flow series and the metrics were last re-rendered during play, and the session's version then. */
  private flowRefresh = { at: -Infinity, version: -1 };
  /**
   * What the next view re-renders during full-speed play, as frame() decided: the diagram (the frame
   * trained keeping the newest record) or the gradient-flow series. A view made elsewhere meanwhile
   * (a background task's) keeps both, so a re-render only ever lands in the play frame budgeted for it.
   */
  private refreshNext = { diagram: false, flow: false };
  /** Frames of play so far (frame() calls). */
  private playFrames = 0;
  /**
   * The newest batch when the frame before a re-render of the diagram trained it keeping its record
   * (that frame's last batch), so the re-rendering frame need not train: it only re-renders.
   */
  private recordAhead: object | null = null;
  /**
   * Set by a pause of full-speed play that paints first (stop): the lab's version and the session's
   * version of the stopped view. While both are unchanged, the view is play's last one with play
   * stopped (its diagram, charts and frozen list); settle(), or any other change, ends it.
   */
  private pauseHold: { own: number; session: LabSession; sessionVersion: number } | null = null;

  constructor(private readonly host: PlayHost) {}

  get playing(): boolean {
    return this.running;
  }

  /** True while play runs or a pause's stopped frame waits to be painted (background work waits for the next frame then). */
  get busyPainting(): boolean {
    return this.running || this.pauseHold !== null;
  }

  /** Starts play of `s` (the lab checked that it may play). */
  start(s: LabSession): void {
    this.freeze();
    this.running = true;
    this.pauseHold = null;
    this.playClock = { last: this.host.now(), carry: 0 };
    // The view play starts with re-renders the diagram (no equation is current any more); the next
    // re-render is due DIAGRAM_REFRESH_MS from now.
    this.diagram = { at: this.playClock.last, frame: this.playFrames };
    this.flowRefresh = { at: this.playClock.last, version: s.version };
    this.refreshNext = { diagram: true, flow: false };
  }

  /**
   * Stops play (false when it was not playing). `paintFirst` (a pause of full-speed play, with a view
   * made): the next view, at the lab's next version, is play's last one stopped, until settle().
   */
  stop(paintFirst: boolean, viewMade: boolean): boolean {
    if (!this.running) return false;
    this.running = false;
    const s = this.host.session();
    // (Play from before the first batch has no frozen list: the held view shows none, as play did.)
    const hold = paintFirst && s !== null && viewMade && SPEED_SPECS[s.settings.speed].unit === 'batch';
    this.pauseHold = hold && s ? { own: this.host.version() + 1, session: s, sessionVersion: s.version } : null;
    if (!hold) this.frozen = null;
    return true;
  }

  /** Ends a pause's hold: true when there was one (the view of the paused state is then due). */
  settle(): boolean {
    if (!this.pauseHold) return false;
    this.pauseHold = null;
    this.frozen = null;
    return true;
  }

  /** Keeps the equation list of the batch on screen while batches play at full speed (it catches up on pause). */
  freeze(): void {
    const s = this.host.session();
    const entry = s?.entry;
    if (!s || !entry) {
      this.frozen = null;
      return;
    }
    const equations = equationsOf(s.dataset, entry);
    this.frozen = { equations, index: s.cursor.equation === END ? equations.length - 1 : Math.min(s.cursor.equation, equations.length - 1) };
  }

  /**
   * How the view being made re-renders, at `speed`, when the last view exists (`viewMade`). It uses up
   * what frame() decided the next view re-renders.
   */
  refresh(speed: PlaySpeed, viewMade: boolean): PlayRefresh {
    const held = this.holdingPause();
    const fastPlay = (this.running && SPEED_SPECS[speed].unit === 'batch') || held;
    // During full-speed play the diagram is redrawn at most 10 times a second (each redraw restyles every
    // neuron and edge), and the gradient-flow and loss charts (the flow series, the metrics) as often but in
    // another frame (see frame()); the counters follow every frame.
    const next = this.refreshNext;
    this.refreshNext = { diagram: false, flow: false };
    return {
      fastPlay,
      diagram: !fastPlay || !viewMade || next.diagram,
      flow: !fastPlay || !viewMade || next.flow,
      frozen: fastPlay ? this.frozen ?? { equations: [], index: -1 } : null,
    };
  }

  /**
   * One animation frame of play: trains as many units as the speed owes and fit in FRAME_BUDGET_MS
   * (REFRESH_FRAME_BUDGET_MS in a frame whose view will re-render the diagram; none at full speed when
   * the frame before kept the newest batch's record for it). The lab publishes once after it.
   * What the budget left undone stays owed, up to MAX_BACKLOG_SECONDS of work (carryOver): the speed
   * chosen is kept as long as the machine can, and past that play runs as fast as it can.
   * False when play has stopped (paused, or training diverged).
   */
  frame(): boolean {
    const s = this.host.session();
    if (!this.running || !s) return false;
    const spec = SPEED_SPECS[s.settings.speed];
    const t = this.host.now();
    this.playFrames += 1;
    const dt = t - this.playClock.last;
    const owed = unitsOwed(spec.perSecond, dt, this.playClock.carry);
    this.playClock = { last: t, carry: owed.carry };
    const refreshing = owed.count > 0 && spec.unit === 'batch' && this.diagramDue(t);
    if (refreshing) this.diagram = { at: t, frame: this.playFrames };
    const atNewestEnd = () => s.cursor.entry === s.history.length - 1 && s.cursor.equation === END;
    // The newest batch's record is there already (the frame before kept it): this frame only re-renders the diagram.
    const ready = refreshing && this.recordAhead !== null && this.recordAhead === s.history[s.history.length - 1] && atNewestEnd();
    this.recordAhead = null;
    // At full speed, when the next frame may re-render the diagram (if it comes up to 1.5 times as far
    // off as this one: frames vary), this frame's last batch keeps its record for it (at a set speed a
    // frame trains a batch or two: the re-rendering frame trains its own, so every batch owed is trained when it is owed).
    const keepForNext = spec.unit === 'batch' && !Number.isFinite(spec.perSecond) && !refreshing && owed.count > 1 && this.diagramDue(t + 1.5 * dt, this.playFrames + 1);
    // The gradient-flow and loss charts in a frame of their own, at the same pace: the frame after the
    // diagram's, trained or not (at 2 batches a second every frame that trains re-renders the diagram).
    const flowDue = spec.unit === 'batch' && !refreshing && t - this.flowRefresh.at >= DIAGRAM_REFRESH_MS && s.version !== this.flowRefresh.version;
    if (flowDue) {
      this.flowRefresh = { at: t, version: -1 };
      // A frame that trains nothing publishes only for this.
      if (owed.count === 0) this.host.bump();
    }
    if (refreshing || flowDue) this.refreshNext = { diagram: refreshing, flow: flowDue };
    if (ready) {
      // Nothing trained: a new view for the re-render alone.
      this.host.bump();
    } else if (owed.count > 0) {
      // The diagram about to be re-rendered shows the newest batch's record: train it keeping a copy
      // (finishBatch at the newest batch's end) rather than replaying the step later for the view.
      const keep = () => (atNewestEnd() ? s.finishBatch() : s.playBatch());
      const step = spec.unit !== 'batch' ? () => s.stepEquation()
        : refreshing ? keep
        : () => s.playBatch();
      // Kept ahead, the last batch is trained after the budget's run: it is the batch the re-rendering
      // frame no longer trains (that frame is the costlier one), so full speed trains as many batches as before.
      const run = runWithinBudget(step, () => this.host.now(), refreshing ? REFRESH_FRAME_BUDGET_MS : FRAME_BUDGET_MS, keepForNext ? owed.count - 1 : owed.count);
      let stopped = run.stopped;
      let count = run.count;
      if (keepForNext && !stopped) {
        stopped = !keep();
        if (!stopped) count += 1;
        if (!stopped && atNewestEnd()) this.recordAhead = s.history[s.history.length - 1];
      }
      this.playClock.carry = carryOver(spec.perSecond, owed, count);
      if (stopped) {
        this.running = false;
        this.frozen = null;
      }
    }
    // What the charts about to be re-rendered show (a later frame re-renders them only after a change).
    if (flowDue) this.flowRefresh.version = s.version;
    return this.running;
  }

  /** True while the view is a pause's stopped frame (see stop); clears the hold once anything changed. */
  private holdingPause(): boolean {
    const h = this.pauseHold;
    if (!h) return false;
    const s = this.host.session();
    if (!this.running && h.own === this.host.version() && h.session === s && h.sessionVersion === h.session.version) return true;
    this.pauseHold = null;
    if (!this.running) this.frozen = null;
    return false;
  }

  /**
   * True when a view made at `t` re-renders the diagram during full-speed play: DIAGRAM_REFRESH_MS
   * after the last re-render, and never in two frames in a row (on a slow machine every frame comes
   * that late: one in two then trains its full budget).
   */
  private diagramDue(t: number, frame = this.playFrames): boolean {
    return t - this.diagram.at >= DIAGRAM_REFRESH_MS && frame - this.diagram.frame >= 2;
  }
}
