import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadCsvText } from '../data';
import { ColumnChoices } from './ColumnChoices';
import { WINDOWED_COLUMNS } from './columnWindow';

/** A table of `columns` numeric columns (c1 … c(n−1), then a 0/1 label) × 4 rows. */
function wideTable(columns: number) {
  const header = [...Array.from({ length: columns - 1 }, (_, j) => `c${j + 1}`), 'label'].join(',');
  const rows = Array.from({ length: 4 }, (_, i) => [...Array.from({ length: columns - 1 }, (_, j) => String((i * 7 + j) % 10)), String(i % 2)].join(','));
  return loadCsvText(`${header}\n${rows.join('\n')}\n`, { name: 'wide.csv' });
}

const render = (columns: number) => renderToString(
  <ColumnChoices table={wideTable(columns)} target={null} features={null} onTarget={() => {}} onFeatures={() => {}} />,
);
const toggles = (html: string) => html.match(/data-testid="feature-toggle"/g)?.length ?? 0;

describe('ColumnChoices', () => {
  it('draws one checkbox per column up to WINDOWED_COLUMNS columns, with no filter box', () => {
    const html = render(WINDOWED_COLUMNS);
    expect(toggles(html)).toBe(WINDOWED_COLUMNS);
    expect(html).not.toContain('data-testid="feature-filter"');
  });

  it('windows a 5,000-column list: a filter, tick all / none and only the first rows drawn, named in full', () => {
    const html = render(5000);
    const drawn = toggles(html);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(40);
    expect(html).toContain('data-column="c1"');
    expect(html).not.toContain('data-column="c4999"');
    expect(html).toContain('data-testid="feature-filter"');
    expect(html).toContain('data-testid="features-all"');
    expect(html).toContain('data-testid="features-none"');
    // 4,999 usable columns, all ticked by default; the spacer is as tall as all 5,000 rows.
    expect(html).toMatch(/\(<!-- -->4999<!-- --> of <!-- -->4999<!-- --> ticked\)/);
    expect(html).toContain(`height:${5000 * 24}px`);
  });
});
