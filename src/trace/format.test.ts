import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { escapeText, formatNumber, formatPlain, texText } from './format';

describe('formatNumber (KaTeX, 3–4 significant digits)', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [0.5, '0.5'],
    [-0.5, '-0.5'],
    [3.14159265, '3.142'],
    [0.012345678, '0.01235'],
    [-0.001, '-0.001'],
    [1234.56, '1235'],
    [9999.4, '9999'],
    [9999.7, '1\\times 10^{4}'],
    [12345, '1.23\\times 10^{4}'],
    [0.000123456, '1.23\\times 10^{-4}'],
    [-2.5e-7, '-2.5\\times 10^{-7}'],
    [1e-8, '1\\times 10^{-8}'],
  ])('%s → %s', (x, expected) => {
    expect(formatNumber(x)).toBe(expected);
  });

  it('writes non-finite values as words, never as NaN digits', () => {
    expect(formatNumber(Number.NaN)).toBe('\\text{NaN}');
    expect(formatNumber(Infinity)).toBe('\\infty');
    expect(formatNumber(-Infinity)).toBe('-\\infty');
  });

  it('keeps at most 4 significant digits on a sweep of magnitudes', () => {
    for (let e = -12; e <= 12; e++) {
      const x = 1.23456789 * 10 ** e;
      const digits = formatNumber(x).split('\\times')[0].replace(/[^0-9]/g, '').replace(/^0+/, '');
      expect(digits.length).toBeLessThanOrEqual(4);
      expect(digits.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('formatPlain', () => {
  it('uses e-notation outside [1e-3, 1e4)', () => {
    expect(formatPlain(0.000123456)).toBe('1.23e-4');
    expect(formatPlain(0.25)).toBe('0.25');
    expect(formatPlain(-Infinity)).toBe('−∞');
  });
});

const HOSTILE = ['<img src=x onerror=alert(1)>', '\\frac{a}{b}', '$x$', '{', '}', '%', '#', '_', '^', '~', '\\', '&', 'a\nb\tc\u0000'];

describe('escapeText / texText', () => {
  it('escapes every LaTeX special character', () => {
    expect(escapeText('\\frac{a}{b}')).toBe('\\textbackslash{}frac\\{a\\}\\{b\\}');
    expect(escapeText('$x$ 50% #1 a_b ^ ~ &')).toBe('\\$x\\$ 50\\% \\#1 a\\_b \\textasciicircum{} \\textasciitilde{} \\&');
    expect(escapeText('a\nb\tc\u0000')).toBe('a b c ');
  });

  it.each(HOSTILE)('renders %j as itself, with no HTML injected', (name) => {
    const src = `x = ${texText(name)}`;
    const html = katex.renderToString(src, { throwOnError: true, strict: 'ignore', trust: false });
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/katex-error/);
  });

  it('leaves < and > for KaTeX to escape as HTML', () => {
    const html = katex.renderToString(texText('<img src=x onerror=alert(1)>'), { throwOnError: true, strict: 'ignore', trust: false });
    expect(html).toContain('&lt;');
    expect(html).not.toContain('<img');
  });

  it('cuts long names with an ellipsis, counting code points', () => {
    expect(texText('abcdefghij', 5)).toBe('\\text{abcd…}');
    expect(texText('ab', 5)).toBe('\\text{ab}');
    expect(texText('😀😀😀😀😀😀', 3)).toBe('\\text{😀😀…}');
  });
});
