/**
 * The plain-text reading of the KaTeX this layer writes, for accessible names and announcements: the trace,
 * which writes the notation, also says how it reads, so no view has to parse LaTeX.
 */
/** Commands written out as a character (or dropped) when a KaTeX symbol is read as plain text. */
const COMMANDS: Record<string, string> = {
  sigma: 'σ', eta: 'η', lambda: 'λ', beta: 'β', epsilon: 'ε', delta: 'δ', mu: 'μ', ell: 'ℓ', partial: '∂',
  cdot: '·', odot: '⊙', times: '×', top: 'ᵀ', prime: '′', sum: 'Σ', sqrt: '√', to: '→', gets: '←',
  leftarrow: '←', approx: '≈', log: 'log', exp: 'exp', tanh: 'tanh', max: 'max', min: 'min', frac: '',
  left: '', right: '', mathrm: '', operatorname: '', text: '', mathbf: '', boldsymbol: '', displaystyle: '',
};

/**
 * A KaTeX symbol or equation as plain text for an accessible name: `W^{[2]}` → "W[2]", `\hat{M}` →
 * "M̂", `\sigma\!\left(Z^{[1]}\right)` → "σ(Z[1])". Only the notation src/trace writes is handled;
 * anything else keeps its letters.
 */
export function plainText(tex: string): string {
  return tex
    .replace(/\\hat\{([^{}]*)\}/g, '$1\u0302')
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '($1)/($2)')
    .replace(/\\[,;:!> ]/g, '')
    .replace(/\\([a-zA-Z]+)/g, (_, name: string) => COMMANDS[name] ?? name)
    .replace(/[\^_]/g, '')
    .replace(/[{}]/g, '')
    .replace(/&/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

