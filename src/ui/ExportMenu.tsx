import { memo, useState } from 'react';
import type { ExportFile } from '../lab/exportSession';
import type { SplitName } from '../lab/export';
import type { LabController } from '../lab/controller';
import type { LabView } from '../lab/view';
import { downloadText, formatBytes } from './download';
import './extras.css';

export interface ExportMenuProps {
  /** The lab's controller: makes each file from the run. */
  controller: LabController;
  /** The view: whether there is a test split and a batch on screen. */
  view: LabView;
}

/**
 * Downloads, made in the browser (nothing is sent anywhere): the trained model as JSON (format
 * 'backprop-lab-model' v1: config, feature names, normalisation, classes, W and b, settings), the
 * metrics history as CSV, the predictions on the test (or training) split as CSV, and the equations of
 * the batch on screen as a LaTeX document, and the run as a Python (NumPy) script or notebook.
 */
export const ExportMenu = memo(function ExportMenu({ controller, view }: ExportMenuProps) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [split, setSplit] = useState<SplitName>('test');
  if (!view.dataset) return null;
  const hasTest = view.dataset.testRows !== null;
  const hasEntry = view.can.exportEquations;
  const chosenSplit: SplitName = hasTest ? split : 'train';

  const save = async (make: () => Promise<ExportFile | null>) => {
    try {
      const file = await make();
      if (!file) return;
      downloadText(file.name, file.text, file.mime);
      setStatus({ text: `Saved ${file.name} (${formatBytes(new TextEncoder().encode(file.text).length)}).`, error: false });
    } catch (e) {
      setStatus({ text: `Could not export: ${e instanceof Error ? e.message : String(e)}`, error: true });
    }
  };

  return (
    <section className="panel extras export-menu" aria-label="Export">
      <h2>Export</h2>
      <div className="export-buttons">
        <button type="button" className="small" data-testid="export-model" onClick={() => void save(() => controller.exportFile('model'))}
          title="Network configuration, weights and biases, feature names, normalisation, classes and settings">
          Model (JSON)
        </button>
        <button type="button" className="small" data-testid="export-metrics" onClick={() => void save(() => controller.exportFile('metrics'))}
          title="Batch loss of every update; train and test loss and accuracy after every epoch">
          Metrics (CSV)
        </button>
        <span className="export-predictions">
          <button type="button" className="small" data-testid="export-predictions" onClick={() => void save(() => controller.exportFile('predictions', chosenSplit))}
            title="Original feature values, target, prediction and probabilities, one row per sample">
            Predictions (CSV)
          </button>
          {hasTest && (
            <select aria-label="Which split to predict" data-testid="export-split" value={split} onChange={(e) => setSplit(e.target.value as SplitName)}>
              <option value="test">test set</option>
              <option value="train">training set</option>
            </select>
          )}
        </span>
        <button type="button" className="small" data-testid="export-latex" disabled={!hasEntry} onClick={() => void save(() => controller.exportFile('latex'))}
          title={hasEntry ? 'Every equation of the batch on screen, symbolic and with its numbers' : 'Train a batch first'}>
          Equations (LaTeX)
        </button>
        <button type="button" className="small" data-testid="export-python" onClick={() => void save(() => controller.exportFile('python'))}
          title="A standalone Python 3 + NumPy script that retrains the same batches and prints the same numbers">
          Python (NumPy)
        </button>
        <button type="button" className="small" data-testid="export-notebook" onClick={() => void save(() => controller.exportFile('notebook'))}
          title="The same run as a Jupyter notebook, one cell per phase">
          Notebook (.ipynb)
        </button>
      </div>
      {status && <p className={status.error ? 'alert' : 'muted export-status'} role="status">{status.text}</p>}
      <p className="muted extras-note">Spreadsheet safety: text cells that begin with =, +, −, @ are written with a leading ' so they open as text.</p>
    </section>
  );
});
