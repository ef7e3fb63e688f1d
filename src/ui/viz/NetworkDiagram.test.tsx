import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildTrace, formatPlain } from '../../trace';
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
    // The edges (the legend's two stroke samples carry no stroke colour of their own).
    expect(html.match(/<line [^>]*stroke="/g)).toHaveLength(3 * 4 + 4);
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

  it('dashes exactly the negative edges, so the sign survives greyscale', () => {
    const html = render(null);
    const negatives = [...record.layers[0].W.data, ...record.layers[1].W.data].filter((w) => w < 0).length;
    expect(negatives).toBeGreaterThan(0);
    expect(html.match(/<line [^>]*stroke="[^>]*stroke-dasharray=/g) ?? []).toHaveLength(negatives);
  });

  it('draws the update phase as an update, labelled "Update", never "Backward"', () => {
    const html = render('update-W-1');
    expect(html).toContain('data-mode="update"');
    expect(html).toContain('<strong>Update</strong>');
    expect(html).toContain('W − η·dW');
    expect(html).not.toContain('Backward');
  });

  it('is one tab stop: the first hidden neuron, named with its values; the others are reachable by arrows only', () => {
    const html = render('forward-A-1');
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html.match(/tabindex="-1"/g)).toHaveLength(7);
    const a = record.layers[0].A.get(0, 1);
    expect(html).toMatch(new RegExp(`tabindex="0" role="button" aria-roledescription="neuron" aria-label="[^"]*; hidden 1, neuron 1 of 4: a ${formatPlain(a).replace('.', '\\.')}`));
  });

  it("draws the first 31 of 40 inputs and a marker for the other 9; what it draws is the record's", () => {
    const wide = fakeRecord({ sizes: [40, 3, 1], m: 4 });
    const names = Array.from({ length: 40 }, (_, i) => `f${i + 1}`);
    const html = renderToString(
      <NetworkDiagram
        sizes={[40, 3, 1]}
        featureNames={names}
        outputNames={['y']}
        params={wide.layers.map((l) => ({ W: l.W, b: l.b }))}
        record={wide}
        equation={null}
        sampleIndex={2}
      />,
    );
    expect(html.match(/<circle class="fill"/g)).toHaveLength(31 + 3 + 1);
    expect(html).toContain('data-testid="diagram-input-marker"');
    expect(html).toContain('+9 more');
    expect(html).toContain('the first 31 of 40 inputs drawn');
    expect(html).toContain('<title>f31</title>');
    expect(html).not.toContain('<title>f32</title>');
    // The 31st input's neuron is named with the followed sample's own x (A[0] = X, column 2).
    expect(html).toMatch(new RegExp(`aria-label="[^"]*input f31[^"]*${formatPlain(wide.A0.get(30, 2)).replace('.', '\\.')}`));
    // One line per drawn weight: 32 slots × 3 (the marker's own three carry no value) + 3 × 1.
    expect(html.match(/<line [^>]*stroke="/g)).toHaveLength(32 * 3 + 3);
  });
});
