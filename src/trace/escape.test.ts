import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { escapeText } from './format';

/** Text KaTeX shows (HTML output stripped of tags and entities decoded). */
function shown(tex: string): string {
  const html = katex.renderToString(tex, { output: 'html', throwOnError: true, strict: 'ignore' });
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\u200b/g, '')
    // KaTeX draws é as e with an accent glyph on top.
    .replace(/eˊ/g, 'é');
}

describe('escapeText', () => {
  const names = [
    'Light', 'CO2 (ppm)', '$\\frac{a}{b}$', '\\textbf{x}', '{x}_1^2', '50% & more #1', 'a~b', 'x_{i}',
    '<img src=x onerror=alert(1)>', '<b>bold</b> **md**', '\\', '}{', 'Température °C', '\\\\ \\newline',
  ];
  for (const name of names) {
    it(`${JSON.stringify(name)} renders literally inside \\text{…}`, () => {
      expect(shown(`\\text{${escapeText(name)}}`).replace(/\u00a0/g, ' ')).toBe(name);
    });
  }
  it('never lets markup through as HTML', () => {
    const html = katex.renderToString(`\\text{${escapeText('<script>alert(1)</script>')}}`);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
  it('turns control characters into spaces', () => {
    expect(escapeText('a\nb\tc\u0000d')).toBe('a b c d');
  });
});
