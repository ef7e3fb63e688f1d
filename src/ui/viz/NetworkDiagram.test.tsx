import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../trace';
import { fakeRecord } from '../../trace/testing/fakeRecord';
import { NetworkDiagram } from './NetworkDiagram';

const hostile = ['<img src=x onerror=alert(1)>', '\\frac{a}{b}', '$x$'];
const record = fakeRecord({ sizes: [3, 4, 1], m: 6 });
const trace = buildTrace(record, { featureNames: hostile });
const params = record.layers.map((l) => ({ W: l.W, b: l.b }));
const render = (equationId: string | null) =>
  renderToString(
    <NetworkDiagram
      sizes={[3, 4, 1]}
      featureNames={hostile}
      outputNames={['Occupancy']}
      params={params}
      record={record}
      equation={equationId ? trace.find((e) => e.id === equationId)! : null}
      sampleIndex={1}
    />,
  );

describe('NetworkDiagram (server render)', () => {
  it('draws a circle per neuron and a line per weight', () => {
    const html = render(null);
    expect(html).toContain('data-testid="network-diagram"');
    expect(html.match(/<circle class="fill"/g)).toHaveLength(8);
    expect(html.match(/<line/g)).toHaveLength(3 * 4 + 4);
    expect(html).not.toMatch(/class="(edges|nodes) dim"/);
  });

  it('labels inputs with the feature names as text, never as markup', () => {
    const html = render(null);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerro…');
    expect(html).toContain('\\frac{a}{b}');
    expect(html).toContain('Occupancy');
  });

  it('highlights what the equation touches and dims the rest', () => {
    const html = render('forward-Z-2');
    expect(html).toMatch(/class="edges lit" data-layer="2"/);
    expect(html).toMatch(/class="edges dim" data-layer="1"/);
    expect(html).toMatch(/class="nodes lit" data-layer="1"/);
    expect(html).toMatch(/class="nodes lit" data-layer="2"/);
    expect(html).toMatch(/class="nodes dim" data-layer="0"/);
  });

  it('switches the legend and colours to gradients in the backward phase', () => {
    expect(render('forward-A-1')).toContain('data-mode="forward"');
    const html = render('backward-dW-1');
    expect(html).toContain('data-mode="backward"');
    expect(html).toContain('∂L/∂w (dW)');
    expect(html).toContain('of sample 2');
  });
});
