import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildTrace } from '../trace';
import { fakeRecord, patterned } from '../trace/testing/fakeRecord';
import { EquationItem } from './EquationItem';
import { aheadIndices, EquationPanel } from './EquationPanel';
import { MatrixDialog } from './MatrixDialog';

const hostile = ['<img src=x onerror=alert(1)>', '\\frac{a}{b}', '$x$'];
const trace = buildTrace(fakeRecord({ sizes: [3, 16, 1], m: 50 }), {
  featureNames: hostile,
  rawBatch: patterned(3, 50, 4),
  normalization: { kind: 'zscore', stats: hostile.map((name) => ({ name, mean: 1, std: 2, min: 0, max: 3 })) },
});

describe('EquationPanel (server render)', () => {
  it('marks exactly one current equation and groups by phase', () => {
    const html = renderToString(<EquationPanel equations={trace} current={3} onSelectSample={() => {}} sampleIndex={2} />);
    expect(html).toContain('data-testid="equation-panel"');
    expect(html.match(/data-testid="current-equation"/g)).toHaveLength(1);
    expect(html.match(/aria-current="step"/g)).toHaveLength(1);
    expect(html).toContain(`data-equation-id="${trace[3].id}" data-testid="current-equation"`);
    for (const title of ['Normalise the batch', 'Forward pass', 'Loss', 'Backward pass', 'Update the parameters']) {
      expect(html).toContain(title);
    }
    expect(html).toContain('data-testid="sample-picker"');
    expect(html).toMatch(/value="3"[^>]*\/?>(<!-- -->)? ?(<!-- -->)?of(<!-- -->)? (<!-- -->)?50/);
  });

  it('shows numbers for the current equation only; future ones are dimmed and symbolic', () => {
    const html = renderToString(<EquationPanel equations={trace} current={1} />);
    expect(html.match(/class="eq-numeric"/g)).toHaveLength(1);
    expect(html.match(/class="equation future"/g)).toHaveLength(trace.length - 2);
    expect(html.match(/class="equation past"/g)).toHaveLength(1);
  });

  it('renders past and future equations with the same elements: a batch starting changes classes only', () => {
    const eq = trace[4];
    const item = (status: 'past' | 'future') => renderToString(<EquationItem equation={eq} index={4} status={status} onSelect={() => {}} onExpand={() => {}} m={50} />);
    const past = item('past');
    expect(past).toContain('class="equation past"');
    expect(past).toContain('class="eq-shapes"');
    expect(past).toContain(`Full matrices of`);
    expect(item('future').replace('class="equation future"', 'class="equation past"')).toBe(past);
  });

  it('keeps the numbers of an equation ahead hidden, unread and unfocusable, typeset as when it is current', () => {
    const eq = trace[2];
    const props = { equation: eq, index: 2, onSelect: () => {}, onExpand: () => {}, m: 50, sampleIndex: 7 };
    const ahead = renderToString(<EquationItem {...props} status="future" ahead />);
    const current = renderToString(<EquationItem {...props} status="current" />);
    expect(ahead).toMatch(/class="eq-numeric eq-ahead"[^>]*tabindex="-1"[^>]*aria-hidden="true"/);
    expect(ahead).not.toContain('current-numeric');
    const numbers = (html: string) => /<div[^>]*class="eq-numeric[^"]*"[^>]*>([\s\S]*)<\/div><div class="eq-actions"/.exec(html)?.[1];
    expect(numbers(ahead)).toBeDefined();
    expect(numbers(ahead)).toBe(numbers(current));
    expect(renderToString(<EquationItem {...props} status="future" />)).not.toContain('eq-numeric');
  });

  it('never injects the hostile feature names as HTML', () => {
    const html = renderToString(<EquationPanel equations={trace} current={0} />);
    expect(html).not.toContain('<img');
    // KaTeX writes spaces inside \text as no-break spaces.
    expect(html.replace(/\u00a0/g, ' ')).toContain('&lt;img src=x onerror=aler');
  });

  it('renders an empty trace', () => {
    expect(renderToString(<EquationPanel equations={[]} current={0} />)).toContain('Step a batch');
  });
});

describe('aheadIndices (the numbers kept ready around the current equation)', () => {
  it('first adds the next equation, then the one before; keeps the current one', () => {
    expect(aheadIndices(4, 10, [], false)).toEqual([4, 5]);
    expect(aheadIndices(4, 10, [4, 5], true)).toEqual([3, 4, 5]);
  });

  it('keeps the equation just left when stepping either way, and drops those further away', () => {
    // Stepped on from 4 (3, 4, 5 kept): 4 keeps its numbers, 3 is dropped, 6 is added.
    expect(aheadIndices(5, 10, [3, 4, 5], false)).toEqual([4, 5, 6]);
    // Stepped back from 4: 4 stays, 5 is dropped.
    expect(aheadIndices(3, 10, [3, 4, 5], false)).toEqual([3, 4]);
    expect(aheadIndices(3, 10, [3, 4], true)).toEqual([2, 3, 4]);
  });

  it('stays within the list at either end', () => {
    expect(aheadIndices(9, 10, [8, 9], true)).toEqual([8, 9]);
    expect(aheadIndices(0, 10, [], true)).toEqual([0, 1]);
    expect(aheadIndices(0, 1, [], true)).toEqual([0]);
  });
});

describe('MatrixDialog (server render)', () => {
  it('lists every operand in full with copy buttons and sample columns', () => {
    const z = trace.find((e) => e.id === 'forward-Z-1')!;
    const html = renderToString(<MatrixDialog equation={z} onClose={() => {}} batchSize={50} sampleIndex={4} onSelectSample={() => {}} />);
    expect(html.match(/Copy CSV/g)).toHaveLength(z.operands.length);
    expect(html.match(/Copy LaTeX/g)).toHaveLength(z.operands.length);
    expect(html).toContain('Follow sample 50 in the diagram');
    expect(html).not.toContain('\\cdots');
  });
});
