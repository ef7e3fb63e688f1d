import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { datasetFromSettings, DEFAULT_DATA_SETTINGS } from '../../data';
import { LabSession } from '../../lab/session';
import { defaultSettings } from '../../lab/settings';
import { PredictedActual } from './PredictedActual';

describe('PredictedActual (server render)', () => {
  it('draws one point per evaluated sample of the regression curve, twice (ŷ against y, and the residuals)', () => {
    const curve = datasetFromSettings({ ...DEFAULT_DATA_SETTINGS, source: 'builtin:curve' }, { uploaded: null, test: null }, 1);
    const session = new LabSession(curve, { ...defaultSettings(), outputActivation: 'linear', loss: 'mse' });
    session.stepEpoch();
    const points = session.metrics.latest?.train.predictions ?? [];
    expect(points.length).toBeGreaterThan(0);
    // The points are the evaluation's: ŷ − y is exactly their residual.
    for (const p of points) expect(p.residual).toBeCloseTo(p.predicted - p.actual, 12);
    const html = renderToString(<PredictedActual points={points} split="train" />);
    expect(html).toContain('data-testid="predicted-actual-train"');
    expect(html.match(/<circle/g)).toHaveLength(2 * points.length);
    expect(renderToString(<PredictedActual points={[]} split="test" />)).toBe('');
  });
});
