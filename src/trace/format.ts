/**
 * Numbers and user text as KaTeX source. Numbers get 3–4 significant digits; user text (feature
 * names) only ever enters LaTeX through `texText`, which escapes every character LaTeX treats
 * specially, so a name like `\frac{a}{b}` or `<img onerror=…>` shows as itself.
 */

/** Below this magnitude (and at or above `LARGE`) numbers switch to scientific notation. */
const SMALL = 1e-3;
const LARGE = 1e4;

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * The 3–4 significant digits both renderings share: x in fixed notation with 4 digits when
 * 1e-3 ≤ |x| < 1e4 (0.01235, 1235), else a 3-digit mantissa and a power of ten; trailing zeros dropped.
 * Non-finite and zero values are the callers' (each spells them its own way).
 */
function significant(x: number): { fixed: string } | { mantissa: string; exponent: number } {
  const abs = Math.abs(x);
  if (abs >= SMALL && abs < LARGE) {
    const fixed = x.toPrecision(4);
    if (!fixed.includes('e')) return { fixed: stripZeros(fixed) };
  }
  const [mantissa, exponent] = x.toExponential(2).split('e');
  return { mantissa: stripZeros(mantissa), exponent: Number(exponent) };
}

/**
 * x as KaTeX source with 3–4 significant digits: 4 in [1e-3, 1e4) (0.01235, 1235), else 3 in
 * scientific form (`1.23\times 10^{-5}`); trailing zeros dropped (0.5, 1); 0 for ±0.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  if (x === 0) return '0';
  const s = significant(x);
  return 'fixed' in s ? s.fixed : `${s.mantissa}\\times 10^{${s.exponent}}`;
}

/** x as plain text with the same 3–4 significant digits (1.23e-5 style), for tooltips and labels. */
export function formatPlain(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const s = significant(x);
  return 'fixed' in s ? s.fixed : `${s.mantissa}e${s.exponent}`;
}

/** LaTeX text-mode replacements for the characters LaTeX treats specially. */
const TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '&': '\\&',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/**
 * Escapes user text for use inside `\text{…}`: LaTeX specials become their text-mode commands and
 * control characters (newlines, tabs, NUL…) become spaces. HTML specials (<, >, ", &) need nothing
 * here: KaTeX escapes text content for HTML itself.
 */
export function escapeText(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) out += ' ';
    else out += TEXT_ESCAPES[ch] ?? ch;
  }
  return out;
}

/** Longest user text shown inside an equation; longer names are cut with an ellipsis. */
export const MAX_TEXT_LENGTH = 24;

/** User text as a KaTeX `\text{…}` group, escaped and cut to `maxLength` characters (code points). */
export function texText(s: string, maxLength = MAX_TEXT_LENGTH): string {
  const chars = Array.from(s);
  const cut = chars.length > maxLength ? chars.slice(0, maxLength - 1).join('') + '…' : s;
  return `\\text{${escapeText(cut)}}`;
}
