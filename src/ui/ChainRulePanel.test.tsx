import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cloneStepRecord, createNetwork, Matrix, trainStep } from '../nn';
import { explainWeight } from '../trace/chainRule';
import { ChainRulePanel } from './ChainRulePanel';

function record(m: number) {
  const net = createNetwork({ sizes: [2, 5, 4, 1], hidden: 'relu', output: 'sigmoid', loss: 'bce', seed: 3 });
  const X = new Matrix(2, m, Float64Array.from({ length: 2 * m }, (_, k) => Math.sin(k * 0.7) * 2));
  const Y = new Matrix(1, m, Float64Array.from({ length: m }, (_, i) => i % 2));
  return cloneStepRecord(trainStep(net, X, Y, { learningRate: 0.1, optimizer: 'momentum', l2: 0.02 }));
}

const attr = (html: string, testid: string, name: string) => new RegExp(`data-testid="${testid}"[^>]*?${name}="([^"]*)"|${name}="([^"]*)"[^>]*?data-testid="${testid}"`).exec(html);
const valueOf = (html: string, testid: string) => {
  const m = attr(html, testid, 'data-value');
  return Number(m?.[1] ?? m?.[2]);
};

describe('ChainRulePanel (server render)', () => {
  const rec = record(30);
  const explanation = explainWeight(rec, { layer: 1, neuron: 2, source: 1, sample: 12 }, { featureNames: ['x', '<b>Light</b>'] });
  const html = renderToString(<ChainRulePanel explanation={explanation} onClose={() => {}} />);

  it('shows the three parts with the record’s dW, dZ and new w', () => {
    expect(html).toContain('data-testid="chain-rule"');
    expect(valueOf(html, 'chain-rule-sum')).toBe(rec.layers[0].dW.get(2, 1));
    expect(valueOf(html, 'chain-rule-delta')).toBe(rec.layers[0].dZ.get(2, 12));
    expect(valueOf(html, 'chain-rule-update')).toBe(rec.layers[0].WAfter.get(2, 1));
    expect(html).toContain('Momentum');
    expect(html).toContain('includes the L2 term');
  });

  it('highlights the followed sample’s term once, folds the rest, and has a Close button', () => {
    expect(html.match(/data-testid="chain-rule-followed"/g)).toHaveLength(1);
    expect(html).toMatch(/<tr class="followed"[^>]*><th scope="row">13/);
    expect(html).toContain('… <!-- -->9<!-- --> more samples');
    expect(html).toMatch(/<button[^>]*data-testid="chain-rule-close"[^>]*>Close<\/button>/);
  });

  it('lists at most 8 paths and the rest as one term', () => {
    expect(explanation.delta.pathCount).toBe(4);
    expect(html.match(/<li data-product/g)).toHaveLength(4);
    const deep = explainWeight(record(3), { layer: 1, neuron: 0, source: 'bias', sample: 0 });
    const deepHtml = renderToString(<ChainRulePanel explanation={{ ...deep, delta: { ...deep.delta, paths: deep.delta.paths.slice(0, 2), rest: { count: 2, value: 0.5 } } }} onClose={() => {}} />);
    expect(deepHtml).toContain('other <!-- -->2<!-- --> paths together');
    expect(deepHtml).not.toContain('δ·a'); // a bias has no a column
  });

  it('never injects a feature name as HTML', () => {
    expect(html).not.toContain('<b>Light');
    expect(html).toContain('&lt;b&gt;Light');
  });
});
