import { memo, useEffect } from 'react';
import { announce } from './LiveRegion';

/** Props of the counters: epoch and batch (1-based, as said aloud), updates done, and how far back in history the view is. */
export interface CountersProps {
  epoch: number;
  batch: number;
  batchCount: number;
  update: number;
  /** Batches between the one shown and the newest (0 when at the newest). */
  behind: number;
  /** What the current equation is doing, e.g. 'forward, layer 2'. */
  phase: string;
}

/** "epoch 3 · batch 17 / 163 · update 343", plus a note when the view is back in the history. */
export const Counters = memo(function Counters({ epoch, batch, batchCount, update, behind, phase }: CountersProps) {
  // Spoken by the lab's one live region when the batch changes (the equation says its own phase).
  useEffect(() => {
    announce('counters', batch > 0 ? `Epoch ${epoch}, batch ${batch} of ${batchCount}, update ${update}.` : '');
  }, [epoch, batch, batchCount, update]);
  return (
    <div className="counters">
      <span className="counter" data-testid="epoch-counter">epoch {epoch}</span>
      <span className="counter" data-testid="batch-counter">batch {batch} / {batchCount}</span>
      <span className="counter" data-testid="update-counter">update {update}</span>
      {phase && <span className="counter phase" data-testid="phase-label">{phase}</span>}
      {behind > 0 && (
        <span className="counter history-note" data-testid="history-indicator">
          history: {behind} {behind === 1 ? 'batch' : 'batches'} behind the newest
        </span>
      )}
    </div>
  );
});
