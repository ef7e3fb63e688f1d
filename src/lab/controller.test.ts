import { describe, expect, it } from 'vitest';
import { loadCsvText } from '../data';
import { LabController, type LoadedFile } from './controller';
import type { LabState } from './state';
import { parseLink, linkHash } from './stateCodecs';
import type { LabSession } from './session';
import { DIAGRAM_REFRESH_MS } from './play';

/** A controller on a fake clock that advances 1 ms per read (so budgets end). */
function controller(): LabController {
  let t = 0;
  const c = new LabController({ now: () => (t += 1) });
  c.start();
  return c;
}

/** Opens a state in a fresh controller and replays it to the end. */
function reopen(state: LabState, files: { training?: LoadedFile } = {}): LabController {
  const c = controller();
  c.open(state, 'link', files);
  for (let k = 0; k < 10_000 && c.getView().restoring; k++) c.advanceRestore(50);
  return c;
}

function stepTo(c: LabController, epoch: number, batch: number, equation: number): void {
  for (let k = 0; k < 100_000; k++) {
    const v = c.getView();
    if (v.counters.epoch === epoch && v.counters.batch === batch && v.current === equation - 1) return;
    const before = v.counters.epoch < epoch || (v.counters.epoch === epoch && v.counters.batch < batch);
    // Before the target batch: to its end, then one step into the next batch; in it, one equation at a time.
    if (before && v.current !== v.equations.length - 1) c.finishBatch();
    else c.stepEquation();
  }
  throw new Error('did not reach the position');
}

/** Every number of the current equation, in full. */
const fullNumbers = (c: LabController) => {
  const v = c.getView();
  const eq = v.equations[v.current];
  return { id: eq.id, tex: eq.numericFull, operands: eq.operands.map((o) => Array.from(o.matrix.data)) };
};

const csv = (rows: number, flip = 0) => ['a,b,label', ...Array.from({ length: rows }, (_, i) => `${(i * 7) % 11},${(i * 3 + flip) % 5},${i % 2}`)].join('\n');
const fileOf = (name: string, text: string, sha: string): LoadedFile => {
  const table = loadCsvText(text, { name });
  return { table, ref: { name, rows: table.rowCount, sha256: sha.repeat(64).slice(0, 64) } };
};

describe('LabView: counters and what each action may do', () => {
  it('before the first batch, during forward, at the update and at the end of a batch', () => {
    const c = controller();
    let v = c.getView();
    expect(v.counters).toMatchObject({ epoch: 1, batch: 0, update: 0, behind: 0 });
    expect(v.can).toMatchObject({ stepEquation: true, stepBack: false, undo: false, play: true });
    c.stepEquation();
    v = c.getView();
    expect(v.phase).toBe('normalize');
    expect(v.counters.batch).toBe(1);
    expect(v.counters.label).toBe(`epoch 1 · batch 1 / ${v.counters.batchCount} · update 0`);
    expect(v.can.stepBack).toBe(true);
    while (c.getView().phase !== 'update') c.stepEquation();
    expect(c.getView().counters.update).toBe(1);
    c.finishBatch();
    v = c.getView();
    expect(v.current).toBe(v.equations.length - 1);
    expect(v.counters.update).toBe(1);
  });

  it('stepping back says how far behind the newest batch the screen is', () => {
    const c = controller();
    c.finishBatch();
    c.finishBatch();
    c.finishBatch();
    for (let k = 0; k < 2 * c.getView().equations.length; k++) c.stepBack();
    expect(c.getView().counters.behind).toBe(2);
    expect(c.getView().counters.batch).toBe(1);
  });

  it('the view is one object per version', () => {
    const c = controller();
    const a = c.getView();
    expect(c.getView()).toBe(a);
    c.stepEquation();
    expect(c.getView()).not.toBe(a);
  });

  it('play trains batches per frame and freezes the equation list; pause catches up', () => {
    const c = controller();
    c.stepEquation();
    const before = c.getView().equations;
    c.play();
    expect(c.getView().can.stepEquation).toBe(false);
    for (let k = 0; k < 5; k++) c.playFrame();
    const v = c.getView();
    expect(v.equationsFrozen).toBe(true);
    expect(v.equations).toBe(before);
    expect(v.counters.update).toBeGreaterThan(1);
    c.pause();
    const paused = c.getView();
    expect(paused.equationsFrozen).toBe(false);
    // Paused, everything is the engine's state: as many losses as updates, the updates play reached.
    expect(paused.counters.update).toBe(v.counters.update);
    expect(paused.metrics.batchLossCount).toBe(paused.counters.update);
  });
});

describe('play: the speed chosen, and the frames that re-render the diagram', () => {
  /** A controller on a clock the test moves: `cost` ms pass at each read (the work of a step, roughly). */
  function clocked(cost = 0) {
    const clock = { t: 0, cost };
    const c = new LabController({ now: () => (clock.t += clock.cost) });
    c.start();
    return { c, clock };
  }
  /**
   * A clocked controller playing at 20 batches / s (from the end of a first batch when `fromABatch`):
   * `frames` frames 50 ms apart, each with its view made, as the page does.
   */
  function playedAtNormal(frames: number, fromABatch: boolean) {
    const lab = clocked();
    lab.c.applySettings({ ...lab.c.getView().settings, speed: 'normal' });
    if (fromABatch) lab.c.finishBatch();
    lab.c.play();
    for (let f = 0; f < frames; f++) {
      lab.clock.t += 50;
      lab.c.playFrame();
      lab.c.getView();
    }
    return lab;
  }
  const newest = (c: LabController) => {
    const { history } = (c as unknown as { session: LabSession }).session;
    return history[history.length - 1];
  };

  it('20 batches / s for 2 s of frames 50 ms apart trains 40 batches', () => {
    const { c } = playedAtNormal(40, false);
    expect(c.getView().counters.update).toBe(40);
  });

  it('a slow frame\'s unfinished batches are trained by the next frames: 20 / s for 1 s is 20 batches', () => {
    const { c, clock } = clocked();
    c.applySettings({ ...c.getView().settings, speed: 'normal' });
    c.play();
    for (let f = 0; f < 10; f++) {
      clock.t += 100;
      // The first frame is slow (9 ms a read): its 8 ms budget fits one of the two batches owed.
      clock.cost = f === 0 ? 9 : 0;
      c.playFrame();
      clock.cost = 0;
      if (f === 0) expect(c.getView().counters.update).toBe(1);
    }
    expect(c.getView().counters.update).toBe(20);
  });

  it('a machine that cannot keep up trains as fast as it can, and does not burst later', () => {
    // 3 ms a read: about one batch fits each frame, while frames 200 ms apart owe 4 at 20 / s.
    const { c, clock } = clocked(3);
    c.applySettings({ ...c.getView().settings, speed: 'normal' });
    c.play();
    for (let f = 0; f < 20; f++) {
      clock.t += 200;
      c.playFrame();
    }
    const trained = c.getView().counters.update;
    expect(trained).toBeLessThan(80);
    // Then a fast machine: what is owed is at most ¼ s of work (5 batches) beyond the frame's own 4.
    clock.cost = 0;
    clock.t += 200;
    c.playFrame();
    expect(c.getView().counters.update - trained).toBeLessThanOrEqual(4 + 5);
  });

  it('a frame that re-renders the diagram keeps the newest batch\'s record (the view replays nothing); the frames between keep only the network', () => {
    const { c, clock } = clocked();
    c.applySettings({ ...c.getView().settings, speed: 'max' });
    c.finishBatch();
    c.play();
    c.getView();
    // A frame within the refresh interval, then one past it (never two re-rendering frames in a row).
    clock.cost = 1;
    c.playFrame();
    c.getView();
    clock.t += DIAGRAM_REFRESH_MS + 1;
    c.playFrame();
    const refreshed = newest(c);
    expect(refreshed.record).not.toBeNull();
    expect(refreshed.before).toBeNull();
    const view = c.getView();
    expect(view.diagram.record).toBe(refreshed.record);
    // The next frame, within the interval and the next one too: batches trained with a copy of the network only.
    c.playFrame();
    expect(newest(c)).not.toBe(refreshed);
    expect(newest(c).record).toBeNull();
    expect(c.getView().diagram).toBe(view.diagram);
  });

  it('at full speed, the frame before a re-render keeps its last batch\'s record, and the re-rendering frame only re-renders', () => {
    const { c, clock } = clocked();
    const history = () => (c as unknown as { session: LabSession }).session.history;
    c.applySettings({ ...c.getView().settings, speed: 'max' });
    c.finishBatch();
    c.play();
    const start = c.getView();
    clock.cost = 1;
    // Frames 60 ms apart: the second is 120 ms after play started, so the first keeps its last record for it.
    clock.t += 60;
    const before = history().length;
    c.playFrame();
    const trained = history().slice(before);
    expect(trained.length).toBeGreaterThan(1);
    expect(trained.slice(0, -1).every((e) => e.record === null && e.before !== null)).toBe(true);
    const kept = trained[trained.length - 1];
    expect(kept.record).not.toBeNull();
    expect(c.getView().diagram).toBe(start.diagram);
    clock.t += 60;
    const updates = c.getView().counters.update;
    c.playFrame();
    const view = c.getView();
    expect(history()[history().length - 1]).toBe(kept);
    expect(view.counters.update).toBe(updates);
    expect(view.diagram).not.toBe(start.diagram);
    expect(view.diagram.record).toBe(kept.record);
    // The frame after trains again.
    clock.t += 10;
    c.playFrame();
    expect(c.getView().counters.update).toBeGreaterThan(updates);
  });

  it('a pause by togglePlay first shows play stopped with play\'s last diagram and charts; settlePause makes the paused view, the same as pause\'s', () => {
    const a = playedAtNormal(12, true).c;
    const b = playedAtNormal(12, true).c;
    const last = a.getView();
    a.togglePlay();
    const stopped = a.getView();
    expect(stopped.playing).toBe(false);
    expect(stopped.can).toMatchObject({ stepEquation: true, finishBatch: true, stepBack: true });
    expect(stopped.counters).toEqual(last.counters);
    expect(stopped.diagram).toBe(last.diagram);
    expect(stopped.flow).toBe(last.flow);
    expect(stopped.metrics).toBe(last.metrics);
    expect(stopped.equations).toBe(last.equations);
    expect(stopped.equationsFrozen).toBe(true);
    a.settlePause();
    b.pause();
    const paused = a.getView();
    const fresh = b.getView();
    expect(paused.equationsFrozen).toBe(false);
    expect(paused.counters).toEqual(fresh.counters);
    expect(paused.counters.update).toBe(13);
    expect(paused.diagram.params).toEqual(fresh.diagram.params);
    expect(paused.diagram.record).toEqual(fresh.diagram.record);
    const metrics = (v: typeof paused) => ({ ...v.metrics, batchLoss: Array.from(v.metrics.batchLoss) });
    expect(metrics(paused)).toEqual(metrics(fresh));
    expect(paused.flow).toEqual(fresh.flow);
    expect(paused.equations.map((e) => e.numericFull)).toEqual(fresh.equations.map((e) => e.numericFull));
    expect(fullNumbers(a)).toEqual(fullNumbers(b));
    // A second settlePause changes nothing.
    a.settlePause();
    expect(a.getView()).toBe(paused);
  });

  it('any change after a togglePlay pause ends its hold (the view is the paused state in full)', () => {
    const { c, clock } = playedAtNormal(4, true);
    c.togglePlay();
    expect(c.getView().equationsFrozen).toBe(true);
    c.stepEquation();
    const v = c.getView();
    expect(v.equationsFrozen).toBe(false);
    expect(v.metrics.batchLossCount).toBe(v.counters.update + 1);
    // From before the first batch too (play had no list to freeze): held, then settled.
    const { c: fresh } = playedAtNormal(1, false);
    fresh.togglePlay();
    expect(fresh.getView()).toMatchObject({ playing: false, equationsFrozen: true, equations: [] });
    fresh.settlePause();
    expect(fresh.getView().equationsFrozen).toBe(false);
    expect(fresh.getView().equations.length).toBeGreaterThan(0);
    // Play again, then a pause that is not togglePlay's: the paused view at once.
    c.play();
    clock.t += 50;
    c.playFrame();
    c.pause();
    expect(c.getView().equationsFrozen).toBe(false);
  });

  it('at 2 batches / s, where every frame that trains re-renders the diagram, the charts follow in the next frame', () => {
    const { c, clock } = clocked();
    c.applySettings({ ...c.getView().settings, speed: 'slow' });
    c.play();
    for (let f = 0; f < 200; f++) {
      clock.t += 16;
      c.playFrame();
      const v = c.getView();
      // One frame behind at most: the frame that trained a batch re-rendered the diagram only.
      expect(v.counters.update - (v.flow?.total ?? 0)).toBeLessThanOrEqual(1);
      expect(v.counters.update - v.metrics.batchLossCount).toBeLessThanOrEqual(1);
    }
    const v = c.getView();
    expect(v.counters.update).toBeGreaterThanOrEqual(6);
    expect(v.flow?.total).toBe(v.counters.update);
    expect(v.metrics.batchLossCount).toBe(v.counters.update);
  });

  it('the gradient-flow series and the metrics are re-rendered in a frame of their own, the one after the diagram\'s', () => {
    const { c, clock } = clocked();
    c.applySettings({ ...c.getView().settings, speed: 'max' });
    c.finishBatch();
    c.play();
    const start = c.getView();
    clock.cost = 1;
    // Within the interval nothing is re-rendered; past it, first the diagram, then the chart.
    c.playFrame();
    expect(c.getView().diagram).toBe(start.diagram);
    expect(c.getView().flow).toBe(start.flow);
    clock.t += DIAGRAM_REFRESH_MS + 1;
    c.playFrame();
    const diagramFrame = c.getView();
    expect(diagramFrame.diagram).not.toBe(start.diagram);
    expect(diagramFrame.flow).toBe(start.flow);
    expect(diagramFrame.metrics).toBe(start.metrics);
    expect(diagramFrame.counters.update).toBeGreaterThan(start.counters.update);
    c.playFrame();
    const flowFrame = c.getView();
    expect(flowFrame.diagram).toBe(diagramFrame.diagram);
    expect(flowFrame.flow).not.toBe(start.flow);
    expect(flowFrame.flow?.total).toBe(flowFrame.counters.update);
    expect(flowFrame.metrics.batchLossCount).toBe(flowFrame.counters.update);
    // Paused: both at once, exact.
    c.pause();
    const paused = c.getView();
    expect(paused.flow?.total).toBe(paused.counters.update);
    expect(paused.metrics.batchLossCount).toBe(paused.counters.update);
    expect(paused.diagram.params).not.toBe(flowFrame.diagram.params);
  });
});

describe('one owner: a seed change rebuilds once', () => {
  it('a new seed regenerates the built-in data and the network, and notes it once', () => {
    const c = controller();
    const before = c.getView().dataset?.rows;
    c.newSeed();
    const v = c.getView();
    expect(v.dataset?.rows).not.toBe(before);
    expect(v.notices.map((n) => n.text).join(' ')).toMatch(/seed/);
    expect(v.undoLabel).toBe('New seed');
  });
});

describe('share, save, resume: the same numbers', () => {
  it('epoch 2, batch 5, equation 7 of a built-in set, with η and m changed mid-run, reopens bit for bit', () => {
    const c = controller();
    c.finishBatch();
    c.applySettings({ ...c.getView().settings, learningRate: 0.03 });
    c.stepEpoch();
    c.finishBatch();
    c.applySettings({ ...c.getView().settings, batchSize: 20, l2: 0.01 });
    stepTo(c, 2, 5, 7);
    const state = c.state();
    expect(state.schedule.length).toBe(3);
    const parsed = parseLink(linkHash(state));
    if (parsed.kind !== 'lab' || !parsed.state) throw new Error('link did not parse');
    const d = reopen(parsed.state);
    const v = d.getView();
    expect(v.counters).toEqual(c.getView().counters);
    expect(v.current).toBe(6);
    expect(fullNumbers(d)).toEqual(fullNumbers(c));
    expect(d.state()).toEqual(state);
  });

  it('a position back in the history and divergence replay too', () => {
    const c = controller();
    c.stepEpoch();
    for (let k = 0; k < 30; k++) c.stepBack();
    const d = reopen(c.state());
    expect(d.getView().counters).toEqual(c.getView().counters);
    expect(fullNumbers(d)).toEqual(fullNumbers(c));
  });

  it('an uploaded file is asked for, a different one refused with the reason, the same one accepted', () => {
    const c = controller();
    const file = fileOf('lesson.csv', csv(40), 'ab');
    c.uploadTraining(file);
    c.finishBatch();
    c.finishBatch();
    const state = c.state();
    expect(state.files.training).toEqual(file.ref);

    const d = controller();
    d.open(state, 'link');
    expect(d.getView().pendingFile).toMatchObject({ name: 'lesson.csv', rows: 40, role: 'training' });
    d.uploadTraining(fileOf('lesson.csv', csv(40, 1), 'cd'));
    expect(d.getView().data.failure?.error.message).toBe('This link was made with lesson.csv, 40 rows; this file differs (lesson.csv, 40 rows).');
    expect(d.getView().pendingFile).not.toBeNull();
    d.uploadTraining(fileOf('lesson.csv', csv(40), 'ab'));
    for (let k = 0; k < 100 && d.getView().restoring; k++) d.advanceRestore(50);
    expect(d.getView().pendingFile).toBeNull();
    expect(fullNumbers(d)).toEqual(fullNumbers(c));
  });
});

describe('undo', () => {
  it('undo after Reset restores the exact run; after New seed too', () => {
    const c = controller();
    c.stepEpoch();
    c.stepEquation();
    c.stepEquation();
    const before = { counters: c.getView().counters, numbers: fullNumbers(c), state: c.state() };
    c.reset();
    expect(c.getView().counters.update).toBe(0);
    expect(c.getView().undoLabel).toBe('Reset');
    c.undo();
    expect(c.getView().counters).toEqual(before.counters);
    expect(fullNumbers(c)).toEqual(before.numbers);
    expect(c.state()).toEqual(before.state);
    c.newSeed();
    c.undo();
    expect(c.state()).toEqual(before.state);
    expect(c.getView().undoLabel).toBeNull();
  });
});

describe('a file that gives no dataset', () => {
  it('changes nothing: the loaded data stays, and the state still names the file it was made with', () => {
    const c = controller();
    const good = fileOf('good.csv', csv(30), 'ab');
    c.uploadTraining(good);
    const before = c.state();
    c.uploadTraining(fileOf('bad.csv', 'a,b\n1,2\n', 'cd'));
    expect(c.getView().data.failure).not.toBeNull();
    expect(c.state()).toEqual(before);
  });
});
