/**
 * User text (column names, file names, class labels) inside KaTeX's `\text{…}`: every character
 * LaTeX treats specially becomes its text-mode command, so `$\alpha$`, `{x}` or `<b>` shows as written.
 * HTML specials need nothing here: KaTeX escapes text content for HTML itself.
 * (src/trace/format.ts has an equivalent `escapeText`; both are checked against KaTeX in tests.)
 */

const LATEX_TEXT_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '$': '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  '_': '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/** s made safe inside `\text{…}` (see above); control characters (newline, tab, NUL, C1) become spaces. */
export function escapeLatexText(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else out += LATEX_TEXT_SPECIALS[ch] ?? ch;
  }
  return out;
}
