import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabController } from '../../lab/controller';
import type { LabView } from '../../lab/view';
import { robustMaxAbs } from './colors';
import { layoutNetwork } from './layout';
import { diagramMode, edgeValues } from './values';
import { keepEdgeValues } from './NetworkDiagramKeep';

type Painter = typeof import('./edgePainter');
type Queue = typeof import('./edgeDrawQueue');

/**
 * Play, then pause, through the path the diagram takes (edgeValues → keepEdgeValues → one painter
 * per layer → the drawing queue): once the queue is empty, what each canvas painted, at full quality,
 * is the record on screen's W after the update — the numbers the paused diagram must show.
 */
describe('edge painters from play to pause', () => {
  let frames: FrameRequestCallback[] = [];
  let clock = 0;
  let q: Queue;
  let p: Painter;
  const runFrame = () => {
    const now = frames;
    frames = [];
    now.forEach((f) => f(clock));
  };
  beforeEach(async () => {
    vi.resetModules();
    frames = [];
    clock = 0;
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('performance', { now: () => clock });
    q = await import('./edgeDrawQueue');
    p = await import('./edgePainter');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('the paused canvases show exactly the record on screen, each painted in full, and a repeat of the view draws nothing', () => {
    let t = 0;
    const c = new LabController({ now: () => (t += 1) });
    c.start();
    c.applySettings({ ...c.getView().settings, hiddenLayers: [32, 32, 32, 32, 32, 32], speed: 'max' });
    const sizes = c.getView().diagram.sizes;
    const layout = layoutNetwork(sizes);
    const keys = layout.edges.map((_, k) => ({ layer: k + 1 }));
    const painted: { values: Float64Array | null; quality: string }[] = keys.map(() => ({ values: null, quality: 'none' }));
    // Each drawing costs 6 ms of the fake clock: 4 a frame of 24 ms at most, so play leaves canvases waiting.
    const painters = keys.map((key, k) => p.createEdgePainter(key, (d, quality) => {
      clock += 6;
      painted[k] = { values: d.values, quality };
    }));
    let drawn: (Float64Array | null)[] = [];
    const show = (v: LabView) => {
      const { params, record, equation } = v.diagram;
      drawn = keepEdgeValues(drawn, edgeValues(v.diagram.sizes, params, record, diagramMode(equation)));
      const maxAbs = robustMaxAbs(drawn.filter((e): e is Float64Array => e !== null));
      painters.forEach((painter, k) => painter.show({ edges: layout.edges[k], values: drawn[k], maxAbs, scale: 1, x0: 0, width: 40, height: 400 }, q.EDGE_PRIORITY.visible));
    };
    show(c.getView());
    c.play();
    q.setEdgePlaying(true, 18);
    for (let f = 0; f < 30; f++) {
      c.playFrame();
      t += 40; // past the diagram's refresh interval now and then
      show(c.getView());
      runFrame();
    }
    expect(painted.some((d) => d.quality === 'play')).toBe(true);
    c.pause();
    q.setEdgePlaying(false);
    const paused = c.getView();
    show(paused);
    let n = 0;
    while (q.pendingEdgeDraws() > 0 && n++ < 100) runFrame();
    const record = paused.diagram.record;
    expect(paused.diagram.equation?.phase).toBe('update');
    if (!record) throw new Error('no record on screen');
    painted.forEach((d, k) => {
      expect(d.quality).toBe('full');
      expect(Array.from(d.values ?? [])).toEqual(Array.from(record.layers[k].WAfter.data));
    });
    // The same view again (a re-render): nothing left to draw.
    show(c.getView());
    expect(q.pendingEdgeDraws()).toBe(0);
  });

  it('drops a waiting drawing when the values are back to those painted', () => {
    const log: number[] = [];
    const key = {};
    const painter = p.createEdgePainter(key, (d) => log.push(d.values?.[0] ?? NaN));
    const edges = layoutNetwork([2, 2]).edges[0];
    const at = (v: number) => ({ edges, values: Float64Array.of(v, 0, 0, 0), maxAbs: 1, scale: 1, x0: 0, width: 10, height: 10 });
    painter.show(at(1), 1);
    runFrame();
    painter.show(at(2), 1);
    painter.show(at(1), 1); // a copy of the numbers on the canvas
    runFrame();
    expect(log).toEqual([1]);
    expect(q.pendingEdgeDraws()).toBe(0);
    expect(p.samePaint(at(1), at(1))).toBe(true);
    expect(p.samePaint(at(1), at(2))).toBe(false);
  });
});
