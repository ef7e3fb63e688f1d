/**
 * Stand-ins for parts owned by other engineers, mounted until theirs land: a data panel that offers a
 * small synthetic set, a plain equation list and an empty diagram frame. Same props, same test ids.
 */
import { useEffect } from 'react';
import { binaryDataset } from '../lab/fixtures';
import type { LabDataset } from '../lab/dataset';

export function PlaceholderDataPanel({ onDataset, seed }: { onDataset(dataset: LabDataset): void; seed: number }) {
  useEffect(() => {
    onDataset(binaryDataset(200, seed));
  }, [onDataset, seed]);
  return (
    <section className="panel" aria-label="Data">
      <h2>Data</h2>
      <p data-testid="dataset-summary">200 rows · 2 features · target y (2 classes)</p>
    </section>
  );
}
