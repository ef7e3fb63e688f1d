import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createBatcher, createNetwork, trainStep, type StepRecord } from '../nn';
import { binaryDataset } from '../lab/fixtures';
import { createFlowSeries, flowHistograms, flowView, recordFlow } from '../lab/gradientFlow';
import { noteRateChange, runMarkers } from '../lab/runs';
import { describeDifferences, keepRun } from '../lab/runsKeep';
import { LabSession } from '../lab/session';
import { defaultSettings } from '../lab/settings';
import { ConfusionMatrix } from './ConfusionMatrix';
import { RunsPanel } from './RunsPanel';
import { flowSummary, GradientFlowChart } from './viz/GradientFlowChart';
import { Histogram } from './viz/Histogram';
import { LossChart } from './viz/LossChart';

const hostile = '<img src=x onerror=alert(1)>';
const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;

/** A few real steps of a 2-4-3-1 sigmoid network, with the flow recorded as the lab will. */
function trained(steps = 6) {
  const dataset = binaryDataset(30);
  const network = createNetwork({ sizes: [2, 4, 3, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 2 });
  const batcher = createBatcher(dataset.train.X, dataset.train.Y, { batchSize: 10, seed: 2 });
  const series = createFlowSeries();
  let record: StepRecord | null = null;
  for (let k = 0; k < steps; k++) {
    const batch = batcher.next();
    record = trainStep(network, batch.X, batch.Y, { learningRate: 0.5 });
    recordFlow(series, record, network.updates);
  }
  return { series, record: record!, histograms: flowHistograms(record!) };
}

describe('GradientFlowChart (server render)', () => {
  it('draws a solid ‖dW‖ and a dashed ‖W‖ line per layer, a legend, histograms, and the summary from the series', () => {
    const { series, record, histograms } = trained();
    const view = flowView(series);
    const html = renderToString(<GradientFlowChart flow={view} histograms={histograms} />);
    expect(html).toContain('data-testid="gradient-flow"');
    for (const l of [1, 2, 3]) {
      expect(html).toMatch(new RegExp(`class="flow-line grad" d="M[^"]+"[^>]*data-testid="flow-grad-${l}"`));
      expect(html).toMatch(new RegExp(`class="flow-line weight" d="M[^"]+"[^>]*data-testid="flow-weight-${l}"`));
      expect(html).toContain(`data-testid="hist-weights-${l}" data-count="${record.layers[l - 1].W.data.length}"`);
      expect(html).toContain(`data-testid="hist-deltas-${l}" data-count="${record.layers[l - 1].dZ.data.length}"`);
    }
    // The summary's numbers are the last update's norms in the series, the ratio their quotient.
    const g = view.grad.map((s) => s[s.length - 1]);
    const summary = flowSummary(view);
    expect(summary).toContain(`After update 6: layer 1 ‖dW‖ = ${g[0].toExponential(1)}, layer 2 ‖dW‖ = ${g[1].toExponential(1)}, layer 3 ‖dW‖ = ${g[2].toExponential(1)}`);
    expect(html).toContain(`data-ratio="${g[2] / g[0]}"`);
    expect(html).toContain('layer <!-- -->3<!-- --> (output)');
    expect(count(html, /class="flow-swatch"/g)).toBe(3);
  });

  it('renders before the first update with a sentence instead of lines', () => {
    const html = renderToString(<GradientFlowChart flow={flowView(createFlowSeries())} />);
    expect(html).toContain('No update yet');
    expect(html).not.toContain('data-ratio');
    expect(count(html, /class="flow-line/g)).toBe(0);
  });
});

describe('Histogram (server render)', () => {
  it('bins every finite value once and says how many were left out', () => {
    const values = [0, 0.1, 0.1, 0.2, 0.9, 1, Number.NaN, Number.POSITIVE_INFINITY];
    const html = renderToString(<Histogram values={values} label="W[1]" bins={5} />);
    expect(html).toContain('data-count="6"');
    expect(html).toContain('W[1]: 6 values from 0 to 1, 2 not finite');
    expect(count(html, /<rect /g)).toBeGreaterThanOrEqual(4);
    expect(renderToString(<Histogram values={[3, 3]} label="b" />)).toContain('2 values from 2.5 to 3.5');
    expect(renderToString(<Histogram values={[]} label="δ" />)).toContain('δ: no values');
  });
});

describe('LossChart (server render)', () => {
  const session = () => {
    const s = new LabSession(binaryDataset(40), { ...defaultSettings(), hiddenLayers: [3], batchSize: 10 });
    s.stepEpoch();
    s.stepEpoch();
    return s;
  };

  it('keeps working with today’s props: batch, train and test lines, the log toggle off', () => {
    const s = session();
    const m = s.metrics;
    const html = renderToString(<LossChart batchLoss={m.batchLoss} batchCount={m.batchLoss.length} epochs={m.epochs} epochCount={m.epochs.length} />);
    expect(html).toContain('data-testid="loss-chart"');
    expect(html).toContain('data-scale="linear"');
    expect(html).toMatch(/data-testid="loss-log-scale"/);
    expect(html).toMatch(/class="series batch" d="M/);
    expect(html).toMatch(/class="series train" d="M/);
    expect(html).toMatch(/class="series test" d="M/);
    expect(html).not.toContain('kept-runs-legend');
    expect(html).toContain('log scale');
  });

  it('draws kept runs with their own style and legend line, and the markers', () => {
    const s = session();
    const m = s.metrics;
    const snap = (learningRate: number) => ({ dataset: s.dataset.name, settings: { ...s.settings, learningRate }, batchLoss: m.batchLoss, epochs: m.epochs, changes: [] });
    let runs = keepRun([], snap(1)).runs;
    runs = keepRun(runs, snap(0.01)).runs;
    const differences = describeDifferences(runs, { settings: s.settings, dataset: s.dataset.name });
    const changes = noteRateChange(noteRateChange([], 0, s.settings), 3, { ...s.settings, learningRate: 0.5 });
    const markers = runMarkers(changes);
    const html = renderToString(
      <LossChart batchLoss={m.batchLoss} batchCount={m.batchLoss.length} epochs={m.epochs} epochCount={m.epochs.length}
        keptRuns={runs} differences={differences} markers={markers} defaultLogScale />,
    );
    expect(html).toContain('data-scale="log"');
    expect(count(html, /data-testid="kept-run-curve"/g)).toBe(2);
    expect(html).toContain('stroke="#2a9d5c" stroke-dasharray="7 3"');
    expect(html).toContain('stroke="#b0357a" stroke-dasharray="2 3"');
    expect(html).toMatch(/data-testid="kept-run-legend" data-run="run-1">.*Run 1<!-- -->: <!-- -->η = 1</);
    expect(html).toMatch(/Run 2<!-- -->: <!-- -->η = 0.01/);
    expect(count(html, /data-testid="loss-marker"/g)).toBe(1);
    expect(html).toContain('data-update="3"');
    expect(html).toContain('η 0.1 → 0.5');
  });
});

describe('RunsPanel (server render)', () => {
  it('has the keep button, and one row with a remove button per kept run', () => {
    const runs = [
      { id: 'run-1', label: 'Run 1', differences: [], text: 'η = 1' },
      { id: 'run-2', label: hostile, differences: [], text: hostile },
    ];
    const html = renderToString(<RunsPanel runs={runs} onKeep={() => {}} onRemove={() => {}} canKeep note="Run 0 was dropped" />);
    expect(html).toContain('data-testid="keep-run"');
    expect(count(html, /data-testid="kept-run"/g)).toBe(2);
    expect(count(html, /data-testid="remove-run"/g)).toBe(2);
    expect(html).toContain('aria-label="Remove Run 1"');
    expect(html).toContain('2<!-- --> / <!-- -->4<!-- --> kept');
    expect(html).toContain('Run 0 was dropped');
    expect(html).not.toContain('<img');
    const empty = renderToString(<RunsPanel runs={[]} onKeep={() => {}} onRemove={() => {}} canKeep={false} />);
    expect(empty).toMatch(/data-testid="keep-run"[^>]*disabled=""/);
    expect(empty).not.toContain('data-testid="kept-runs"');
  });
});

describe('ConfusionMatrix (server render)', () => {
  it('rows actual, columns predicted, the diagonal marked, the baseline beside accuracy', () => {
    const html = renderToString(
      <ConfusionMatrix classes={['not occupied', hostile]} counts={[[1600, 30], [12, 400]]} baseline={{ fraction: 0.788, className: 'not occupied' }} accuracy={0.979} split="test" />,
    );
    expect(html).toContain('data-split="test"');
    expect(html).toMatch(/data-testid="confusion-0-0">1600</);
    expect(html).toMatch(/class="diagonal" data-testid="confusion-1-1">400</);
    expect(html).toMatch(/data-testid="confusion-0-1">30</);
    expect(html).toMatch(/data-testid="confusion-1-0">12</);
    expect(html).toContain('Accuracy <!-- -->97.9%');
    expect(html).toContain('baseline <!-- -->78.8%<!-- --> = always “<!-- -->not occupied<!-- -->”');
    expect(html).not.toContain('<img');
    expect(renderToString(<ConfusionMatrix classes={['a', 'b']} counts={[[1]]} baseline={{ fraction: 1, className: 'a' }} />)).toContain('No confusion matrix');
  });
});
