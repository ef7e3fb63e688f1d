import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Queue = typeof import('./edgeDrawQueue');

/**
 * The queue keeps module state (what each canvas painted, the mean drawing time): each test loads a
 * fresh copy, with a fake clock (each drawing advances it by its cost) and frames run by hand.
 */
describe('edgeDrawQueue', () => {
  let q: Queue;
  let frames: FrameRequestCallback[] = [];
  let clock = 0;
  let frameTime = 0;
  const runFrame = () => {
    const now = frames;
    frames = [];
    frameTime += 16;
    now.forEach((f) => f(frameTime));
  };
  const runFrames = (n: number) => {
    for (let i = 0; i < n; i++) runFrame();
  };
  /** A drawing that costs `ms` on the fake clock and notes its name and quality. */
  const drawing = (log: string[], name: string, ms: number) => (quality: string) => {
    clock += ms;
    log.push(`${name}:${quality}`);
  };
  beforeEach(async () => {
    vi.resetModules();
    frames = [];
    clock = 0;
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('performance', { now: () => clock });
    q = await import('./edgeDrawQueue');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('paused: draws in the next frames within STILL_EDGE_BUDGET_MS each (10 ms canvases: 2 a frame of 24 ms)', () => {
    const log: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) q.requestEdgeDraw({}, drawing(log, name, 10));
    expect(log).toEqual([]);
    runFrame();
    // The first draws with no estimate yet, then 10 + 10 ≤ 24 allows the second, 20 + 10 does not.
    expect(log).toEqual(['a:full', 'b:full']);
    runFrame();
    expect(log).toEqual(['a:full', 'b:full', 'c:full', 'd:full']);
    runFrame();
    expect(log).toHaveLength(5);
    expect(q.pendingEdgeDraws()).toBe(0);
    expect(frames).toHaveLength(0);
  });

  it('always draws one canvas a frame, even one slower than the budget', () => {
    const log: string[] = [];
    for (const name of ['a', 'b']) q.requestEdgeDraw({}, drawing(log, name, 40));
    runFrame();
    expect(log).toEqual(['a:full']);
    runFrame();
    expect(log).toEqual(['a:full', 'b:full']);
  });

  it('draws only the newest values of a canvas that changed again before its frame, keeping its place', () => {
    const log: string[] = [];
    const a = {};
    q.requestEdgeDraw(a, drawing(log, 'a1', 1));
    q.requestEdgeDraw({}, drawing(log, 'b', 1));
    q.requestEdgeDraw(a, drawing(log, 'a2', 1));
    runFrame();
    expect(log).toEqual(['a2:full', 'b:full']);
  });

  it('draws the current layer first, then those on screen, then the rest', () => {
    const log: string[] = [];
    q.requestEdgeDraw({}, drawing(log, 'hidden', 30), q.EDGE_PRIORITY.hidden);
    q.requestEdgeDraw({}, drawing(log, 'visible', 30), q.EDGE_PRIORITY.visible);
    q.requestEdgeDraw({}, drawing(log, 'current', 30), q.EDGE_PRIORITY.current);
    runFrames(3);
    expect(log).toEqual(['current:full', 'visible:full', 'hidden:full']);
  });

  it('during play: play quality, and a frame already spent by training and the view draws none, but never two in a row', () => {
    const log: string[] = [];
    q.setEdgePlaying(true, 18);
    q.requestEdgeDraw({}, drawing(log, 'a', 5));
    runFrame();
    expect(log).toEqual(['a:play']);
    for (const name of ['b', 'c', 'd', 'e', 'f']) q.requestEdgeDraw({}, drawing(log, name, 5));
    // The frame's work began 15 ms before the drawing: 15 + 5 > 18, and more than half is spent.
    const spent = () => {
      q.beginEdgeFrame(frameTime + 16, clock);
      clock += 15;
    };
    spent();
    runFrame();
    expect(log).toEqual(['a:play']);
    spent();
    runFrame();
    expect(log).toEqual(['a:play', 'b:play']);
    // A frame with little other work (2 ms) draws until 18 ms from its start: 3 canvases of 5 ms.
    q.beginEdgeFrame(frameTime + 16, clock);
    clock += 2;
    runFrame();
    expect(log).toEqual(['a:play', 'b:play', 'c:play', 'd:play', 'e:play']);
  });

  it('once play stops, draws every canvas painted at play quality again in full, spread over frames', () => {
    const log: string[] = [];
    q.setEdgePlaying(true, 18);
    const keys = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    keys.forEach((k) => q.requestEdgeDraw(k, drawing(log, k.name, 4)));
    runFrame();
    expect(log).toEqual(['a:play', 'b:play', 'c:play', 'd:play']);
    // d changes again and waits; play stops.
    q.requestEdgeDraw(keys[3], drawing(log, 'd2', 10));
    q.setEdgePlaying(false);
    log.length = 0;
    runFrame();
    // d2 (its newest values) keeps its place ahead of the redraws; 24 ms: d2 (10), a and b (4 each, estimate ~6)
    runFrames(5);
    expect(log.sort()).toEqual(['a:full', 'b:full', 'c:full', 'd2:full']);
    expect(keys.map((k) => q.paintedQuality(k))).toEqual(['full', 'full', 'full', 'full']);
    expect(q.pendingEdgeDraws()).toBe(0);
  });

  it('forgets the drawing of a canvas that is gone', () => {
    const log: string[] = [];
    const a = {};
    q.requestEdgeDraw(a, drawing(log, 'a', 1));
    q.cancelEdgeDraw(a);
    runFrame();
    expect(log).toEqual([]);
    expect(q.paintedQuality(a)).toBeNull();
  });
});
