import {
  BUILTIN_DATASETS, MAX_TRAIN_PERCENT, MIN_TRAIN_PERCENT,
  type DataSettings, type Dataset, type MissingPolicy, type NormalizationKind,
} from '../data';
import { ColumnChoices } from './ColumnChoices';
import { FilePicker } from './FilePicker';
import { useDataPanel, type DataPanelModel } from './useDataPanel';
import './DataPanel.css';

export type { DataSettings, Dataset };

/** Props of the data panel: its model (the controller's data actions, its part of the LabView, the upload). */
export interface DataPanelProps {
  model: DataPanelModel;
}

const NORMALIZATION_LABELS: Record<NormalizationKind, string> = {
  zscore: 'z-score: (x − μ) / σ', minmax: 'min–max: (x − min) / (max − min)', none: 'none',
};
const MISSING_LABELS: Record<MissingPolicy, string> = {
  drop: 'drop the row', mean: 'fill in the training mean',
};

/**
 * Where the data comes from and what to learn: a built-in set or an uploaded CSV (plus an optional
 * test file), the target, the features, normalisation, missing values and the split. A bad file or
 * choice shows an alert and changes nothing; the dataset loaded before stays in use.
 */
export function DataPanel({ model }: DataPanelProps) {
  const { data, failure, progress, actions } = useDataPanel(model);
  const { settings, tables, table, dataset } = data;
  const isFile = settings.source.startsWith('file:');
  return (
    <section className="panel data-panel" aria-labelledby="data-title">
      <h2 id="data-title">Data</h2>
      <label className="field">
        <span>Dataset</span>
        <select data-testid="dataset-select" value={settings.source} onChange={(e) => actions.selectSource(e.target.value)}>
          <optgroup label="Built-in">
            {BUILTIN_DATASETS.map((d) => <option key={d.name} value={`builtin:${d.name}`} title={d.description}>{d.title}</option>)}
          </optgroup>
          {tables.uploaded && (
            <optgroup label="Uploaded">
              <option value={tables.uploaded.id}>{tables.uploaded.name}</option>
            </optgroup>
          )}
        </select>
      </label>
      <FilePicker label="Upload a CSV" testId="csv-upload" onFile={actions.uploadTraining} note={tables.uploaded ? `loaded: ${tables.uploaded.name}` : undefined} />
      <FilePicker label="Test file (optional)" testId="test-csv-upload" onFile={actions.uploadTest} note={isFile && tables.test ? `in use: ${tables.test.name}` : 'instead of a random split'} />
      {isFile && tables.test && <button type="button" className="small" onClick={actions.removeTest}>Use a random split instead</button>}

      {progress && (
        <div className="data-progress" data-testid="data-progress">
          <span>Reading {progress.name}… {Math.round(progress.fraction * 100)}%</span>
          <progress value={progress.fraction} max={1} aria-label={`Reading ${progress.name}`} />
        </div>
      )}
      {failure && (
        <div className="alert data-error" role="alert" data-testid="error-banner">
          {failure.title && <p className="title">{failure.title}</p>}
          <p>{failure.error.message}</p>
          <p className="hint">{failure.error.hint}</p>
          {dataset && <p className="hint">Still loaded: {dataset.name}.</p>}
          <button type="button" className="small quiet" onClick={actions.dismissError} aria-label="Dismiss the message">Dismiss</button>
        </div>
      )}
      <p className="data-summary">
        {dataset && <span className="dataset-name">{dataset.name}</span>}
        <span data-testid="dataset-summary">{dataset ? dataset.summary : 'Loading…'}</span>
      </p>
      {isFile && (table?.encoding || tables.test?.encoding) && (
        <p className="data-encoding" data-testid="data-encoding">
          {table?.encoding && <>Text encoding: {table.encoding}.</>}
          {tables.test?.encoding && settings.testFile && <> Test file: {tables.test.encoding}.</>}
        </p>
      )}

      {table && (
        <ColumnChoices
          table={table}
          target={settings.target}
          features={settings.features}
          onTarget={(target) => actions.change({ target, features: settings.features?.filter((f) => f !== target) ?? null })}
          onFeatures={(features) => actions.change({ features })}
        />
      )}
      <label className="field">
        <span>Normalisation (fitted on the training part)</span>
        <select data-testid="normalization-select" value={settings.normalization} onChange={(e) => actions.change({ normalization: e.target.value as NormalizationKind })}>
          {(Object.keys(NORMALIZATION_LABELS) as NormalizationKind[]).map((k) => <option key={k} value={k}>{NORMALIZATION_LABELS[k]}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Missing values</span>
        <select data-testid="missing-select" value={settings.missing} onChange={(e) => actions.change({ missing: e.target.value as MissingPolicy })}>
          {(Object.keys(MISSING_LABELS) as MissingPolicy[]).map((k) => <option key={k} value={k}>{MISSING_LABELS[k]}</option>)}
        </select>
      </label>
      <label className="field">
        <span>
          Training part
          <output>{settings.testFile && isFile ? 'test file' : `${settings.trainPercent} / ${100 - settings.trainPercent}`}</output>
        </span>
        <input
          type="range"
          data-testid="split-slider"
          min={MIN_TRAIN_PERCENT}
          max={MAX_TRAIN_PERCENT}
          step={5}
          value={settings.trainPercent}
          disabled={Boolean(settings.testFile && isFile)}
          aria-valuetext={`${settings.trainPercent}% training, ${100 - settings.trainPercent}% test`}
          onChange={(e) => actions.change({ trainPercent: Number(e.target.value) })}
        />
      </label>
      {dataset && dataset.notices.length > 0 && (
        <div className="notice data-notices" role="status" data-testid="data-notice">
          <ul>{dataset.notices.map((n, i) => <li key={i}>{n}</li>)}</ul>
        </div>
      )}
    </section>
  );
}
