import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetFromSettings, DEFAULT_DATA_SETTINGS } from '../data';
import { binaryDataset } from '../lab/fixtures';
import { LabController } from '../lab/controller';
import { LabSession } from '../lab/session';
import { defaultSettings } from '../lab/settings';
import { ExportMenu } from './ExportMenu';
import { GradientCheckPanel } from './GradientCheckPanel';
import { DecisionBoundary } from './viz/DecisionBoundary';
import { katexLoader } from './katexLoader';

// KaTeX is loaded lazily in the app (katexLoader.test.tsx covers the moment before); here it is typeset.
beforeAll(() => katexLoader.load());

const hostile = '<img src=x onerror=alert(1)>';
const session = (dataset = binaryDataset()) => new LabSession(dataset, { ...defaultSettings(), hiddenLayers: [3], batchSize: 10 });
const boundary = (s: LabSession) => renderToString(
  <DecisionBoundary dataset={s.dataset} params={s.paramsAtCursor()} settings={s.settings} batchIndices={s.entry?.indices ?? null} sampleIndex={0} />,
);

describe('DecisionBoundary (server render)', () => {
  it('draws a canvas plane for two features, with names and classes as text', () => {
    const s = session({ ...binaryDataset(), featureNames: [hostile, 'x2'], classes: ['no', hostile] });
    const html = boundary(s);
    expect(html).toContain('data-testid="decision-boundary"');
    expect(html).toContain('data-mode="plane"');
    expect(html).toContain('<canvas');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('draws a curve with every data point for one feature (the regression curve set)', () => {
    const curve = datasetFromSettings({ ...DEFAULT_DATA_SETTINGS, source: 'builtin:curve' }, { uploaded: null, test: null }, 1);
    const s = session(curve);
    s.finishBatch();
    const html = boundary(s);
    expect(html).toContain('data-mode="curve"');
    expect(html.match(/<circle/g)).toHaveLength(curve.train.X.cols + (curve.test?.X.cols ?? 0) + 1); // + the followed sample's ring
    expect(html.match(/<path d="M/g)).toHaveLength(1);
  });

  it('renders nothing for three or more features', () => {
    const three = { ...binaryDataset(), featureNames: ['a', 'b', 'c'] };
    expect(renderToString(
      <DecisionBoundary dataset={three} params={[]} settings={defaultSettings()} batchIndices={null} sampleIndex={0} />,
    )).toBe('');
  });
});

describe('GradientCheckPanel and ExportMenu (server render)', () => {
  it('offer their buttons, the central-difference formula in KaTeX, and no exports before a dataset', () => {
    const c = new LabController({ now: () => 0 });
    expect(renderToString(<ExportMenu controller={c} view={c.getView()} />)).toBe('');
    c.start();
    const v = c.getView();
    const check = renderToString(<GradientCheckPanel controller={c} version={v.version} />);
    expect(check).toContain('data-testid="gradient-check"');
    expect(check).toContain('class="katex"');
    expect(check).not.toContain('gradient-check-result'); // only after a click
    const exports = renderToString(<ExportMenu controller={c} view={v} />);
    for (const id of ['export-model', 'export-metrics', 'export-predictions', 'export-latex']) expect(exports).toContain(`data-testid="${id}"`);
    expect(exports).toMatch(/data-testid="export-latex"[^>]*disabled=""|disabled=""[^>]*data-testid="export-latex"/);
  });
});
