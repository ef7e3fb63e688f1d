import { describe, expect, it } from 'vitest';
import { binaryDataset } from '../lab/fixtures';
import { defaultSettings } from '../lab/settings';
import { LabStore } from './labStore';

describe('LabStore', () => {
  it('creates the session with the first dataset and notifies once per change', () => {
    const store = new LabStore({ ...defaultSettings(), batchSize: 10 });
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    expect(store.getSnapshot()).toBe(-1);
    expect(store.act((s) => s.stepEquation())).toBeUndefined();
    store.setDataset(binaryDataset());
    expect(calls).toBe(1);
    store.act((s) => s.stepEquation());
    expect(calls).toBe(2);
    // No change, no notification.
    store.publish();
    expect(calls).toBe(2);
    // Many steps, one publish: one notification (the play loop's frame).
    for (let i = 0; i < 5; i++) store.session?.playBatch();
    store.publish();
    expect(calls).toBe(3);
    expect(store.getSnapshot()).toBe(store.session?.version);
    unsubscribe();
    store.act((s) => s.reset());
    expect(calls).toBe(3);
  });
});
