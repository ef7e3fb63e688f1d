import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelEdgeDraw, pendingEdgeDraws, requestEdgeDraw, setEdgeDrawBudget } from './edgeDrawQueue';

describe('edgeDrawQueue', () => {
  let frames: FrameRequestCallback[] = [];
  const runFrame = () => {
    const now = frames;
    frames = [];
    now.forEach((f) => f(0));
  };
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  });
  afterEach(() => {
    setEdgeDrawBudget(Number.POSITIVE_INFINITY);
    vi.unstubAllGlobals();
  });

  it('draws every waiting canvas in the next frame when there is no budget (stepping, paused)', () => {
    const drawn: string[] = [];
    const a = {};
    const b = {};
    requestEdgeDraw(a, () => drawn.push('a'));
    requestEdgeDraw(b, () => drawn.push('b'));
    expect(drawn).toEqual([]);
    runFrame();
    expect(drawn).toEqual(['a', 'b']);
    expect(pendingEdgeDraws()).toBe(0);
  });

  it('draws only the newest values of a canvas that changed again before its frame', () => {
    const drawn: number[] = [];
    const a = {};
    requestEdgeDraw(a, () => drawn.push(1));
    requestEdgeDraw(a, () => drawn.push(2));
    runFrame();
    expect(drawn).toEqual([2]);
  });

  it('during play spreads the canvases over frames (one a frame with a spent budget), the rest once play stops', () => {
    setEdgeDrawBudget(0);
    const drawn: string[] = [];
    for (const name of ['a', 'b', 'c']) requestEdgeDraw({ name }, () => drawn.push(name));
    runFrame();
    expect(drawn).toEqual(['a']);
    runFrame();
    expect(drawn).toEqual(['a', 'b']);
    setEdgeDrawBudget(Number.POSITIVE_INFINITY);
    requestEdgeDraw({}, () => drawn.push('d'));
    runFrame();
    expect(drawn).toEqual(['a', 'b', 'c', 'd']);
  });

  it('forgets the drawing of a canvas that is gone', () => {
    const drawn: string[] = [];
    const a = {};
    requestEdgeDraw(a, () => drawn.push('a'));
    cancelEdgeDraw(a);
    runFrame();
    expect(drawn).toEqual([]);
  });
});
