import { describe, expect, it } from 'vitest';
import { filterColumns, visibleRows } from './columnWindow';

describe('visibleRows', () => {
  it('gives the rows in view plus the overscan, clamped to the list', () => {
    // 2,400 / 24 = row 100 at the top; (2,400 + 224) / 24 = 109.3 → row 110 ends the view.
    expect(visibleRows(5000, 2400, 224, 24, 8)).toEqual({ first: 92, end: 118 });
    expect(visibleRows(5000, 0, 224, 24, 8)).toEqual({ first: 0, end: 18 });
    // Scrolled to the bottom: 5,000 · 24 − 224 = 119,776.
    expect(visibleRows(5000, 119_776, 224, 24, 8)).toEqual({ first: 4982, end: 5000 });
  });

  it('handles an empty list, a list shorter than the view and a viewport not yet measured', () => {
    expect(visibleRows(0, 0, 224)).toEqual({ first: 0, end: 0 });
    expect(visibleRows(3, 0, 224, 24, 8)).toEqual({ first: 0, end: 3 });
    expect(visibleRows(100, 0, 0, 24, 2)).toEqual({ first: 0, end: 2 });
    // A scroll position beyond the list (the list just got shorter under a filter).
    expect(visibleRows(10, 5000, 224, 24, 2)).toEqual({ first: 10, end: 10 });
  });
});

describe('filterColumns', () => {
  it('keeps the names containing the filter, ignoring case and outer spaces', () => {
    expect(filterColumns(['Light', 'CO2', 'light_2'], ' light ')).toEqual([0, 2]);
    expect(filterColumns(['Light', 'CO2'], '')).toEqual([0, 1]);
    expect(filterColumns(['Light', 'CO2'], 'humid')).toEqual([]);
  });
});
