import { describe, expect, it } from 'vitest';
import { clampCursor, cursorKey, startCursor, stepCursor, type DiagramCursor } from './diagramCursor';

const sizes = [3, 4, 2];
const node = (layer: number, index: number): DiagramCursor => ({ kind: 'node', layer, index });
const moved = (c: DiagramCursor, key: string) => {
  const step = stepCursor(c, key, sizes);
  return step && 'move' in step ? step.move : step;
};

describe('the diagram cursor', () => {
  it('starts on the first hidden neuron and moves within a layer, clamped at its ends', () => {
    expect(startCursor(sizes)).toEqual(node(1, 0));
    expect(moved(node(1, 0), 'ArrowUp')).toEqual(node(1, 0));
    expect(moved(node(1, 0), 'ArrowDown')).toEqual(node(1, 1));
    expect(moved(node(1, 2), 'End')).toEqual(node(1, 3));
  });

  it('moves between layers, keeping the index when the next layer has it', () => {
    expect(moved(node(1, 3), 'ArrowLeft')).toEqual(node(0, 2));
    expect(moved(node(1, 3), 'ArrowRight')).toEqual(node(2, 1));
    expect(moved(node(2, 0), 'ArrowRight')).toEqual(node(2, 0));
  });

  it('enters the incoming weights of a hidden or output neuron, cycles them and the bias, and picks one', () => {
    expect(stepCursor(node(0, 1), 'Enter', sizes)).toBeNull();
    const first = moved(node(2, 1), 'Enter');
    expect(first).toEqual({ kind: 'edge', layer: 2, j: 1, k: 0 });
    // Layer 2 has 4 inputs: weights k = 0..3, then the bias, then round to k = 0.
    let c = first as DiagramCursor;
    const seen: (number | string)[] = [];
    for (let n = 0; n < 6; n++) {
      c = moved(c, 'ArrowDown') as DiagramCursor;
      seen.push(c.kind === 'edge' ? c.k : -1);
    }
    expect(seen).toEqual([1, 2, 3, 'bias', 0, 1]);
    expect(moved({ kind: 'edge', layer: 2, j: 1, k: 0 }, 'ArrowUp')).toEqual({ kind: 'edge', layer: 2, j: 1, k: 'bias' });
    expect(stepCursor({ kind: 'edge', layer: 2, j: 1, k: 3 }, 'Enter', sizes)).toEqual({ select: { layer: 2, j: 1, k: 3 } });
    expect(moved({ kind: 'edge', layer: 2, j: 1, k: 3 }, 'ArrowLeft')).toEqual(node(1, 3));
    expect(moved({ kind: 'edge', layer: 2, j: 1, k: 3 }, 'Escape')).toEqual(node(2, 1));
  });

  it('ignores keys that are not its own, and is clamped into a smaller network', () => {
    expect(stepCursor(node(1, 0), 'p', sizes)).toBeNull();
    expect(clampCursor(node(1, 3), [3, 2, 1])).toEqual(node(1, 1));
    expect(clampCursor({ kind: 'edge', layer: 2, j: 1, k: 3 }, [3, 2, 1])).toEqual({ kind: 'edge', layer: 2, j: 0, k: 1 });
    expect(cursorKey({ kind: 'edge', layer: 2, j: 1, k: 'bias' })).toBe('e-2-1-bias');
  });
});
